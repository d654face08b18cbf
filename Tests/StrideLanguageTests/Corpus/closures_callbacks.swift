class EventBus {
    private var handlers: [String: [(String) -> Void]] = [:]
    func on(_ event: String, _ handler: @escaping (String) -> Void) {
        handlers[event, default: []].append(handler)
    }
    func emit(_ event: String, _ payload: String) {
        handlers[event]?.forEach { $0(payload) }
    }
}

let bus = EventBus()
var received: [String] = []
bus.on("msg") { received.append("first: " + $0) }
bus.on("msg") { p in received.append("second: " + p.uppercased()) }
bus.on("other") { _ in received.append("other") }
bus.emit("msg", "hi")
bus.emit("none", "x")
bus.emit("other", "y")
print(received)

func makeCounter() -> (increment: () -> Int, reset: () -> Void) {
    var count = 0
    return ({ count += 1; return count }, { count = 0 })
}
let c = makeCounter()
print(c.increment(), c.increment(), c.increment())
c.reset()
print(c.increment())

func memoize(_ f: @escaping (Int) -> Int) -> (Int) -> Int {
    var cache: [Int: Int] = [:]
    return { n in
        if let v = cache[n] { return v }
        let v = f(n)
        cache[n] = v
        return v
    }
}
var calls = 0
let slowSquare: (Int) -> Int = { calls += 1; return $0 * $0 }
let fast = memoize(slowSquare)
print(fast(4), fast(4), fast(5), calls)
let pipeline: [(Int) -> Int] = [{ $0 + 1 }, { $0 * 2 }, { $0 - 3 }]
print(pipeline.reduce(5) { acc, f in f(acc) })
let sortedByLength = ["ccc", "a", "bb"].sorted { $0.count < $1.count }
print(sortedByLength)
