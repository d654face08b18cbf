// Closures stored in structs and classes, capturing structs and loop variables.
struct Button {
    var title: String
    var action: () -> String
}
var clicks = 0
let ok = Button(title: "OK") {
    clicks += 1
    return "clicked \(clicks)"
}
print(ok.title, ok.action(), ok.action())

class EventBus {
    var handlers: [(String) -> Void] = []
    func on(_ handler: @escaping (String) -> Void) { handlers.append(handler) }
    func emit(_ event: String) { for h in handlers { h(event) } }
}
var log: [String] = []
let bus = EventBus()
bus.on { log.append("first got \($0)") }
bus.on { e in log.append("second got \(e)") }
bus.emit("start")
bus.emit("stop")
print(log)

var point = (x: 0, y: 0)
let moveRight = { point.x += 1 }
moveRight(); moveRight()
print(point)

var makers: [() -> Int] = []
var i = 0
while i < 3 {
    makers.append { i }
    i += 1
}
print(makers.map { $0() })

func counterPair() -> (() -> Int, () -> Int) {
    var n = 0
    return ({ n += 1; return n }, { n })
}
let (inc, get) = counterPair()
_ = inc(); _ = inc()
print(get())

let adders = (1...3).map { k in { (x: Int) -> Int in x + k } }
print(adders.map { $0(10) })

func memoize(_ f: @escaping (Int) -> Int) -> (Int) -> Int {
    var cache: [Int: Int] = [:]
    var misses = 0
    return { n in
        if let hit = cache[n] { return hit }
        misses += 1
        let v = f(n)
        cache[n] = v
        print("miss \(misses) for \(n)")
        return v
    }
}
let slowSquare = memoize { $0 * $0 }
print(slowSquare(4), slowSquare(4), slowSquare(5))
