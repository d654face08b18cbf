class Counter {
    static var instances = 0
    static let label = "counter"
    class var kind: String { "base" }
    let id: Int
    init() {
        Counter.instances += 1
        id = Counter.instances
    }
    static func reset() { instances = 0 }
    class func make() -> Counter { Counter() }
}

final class Special: Counter {
    override class var kind: String { "special" }
}

let a = Counter()
let b = Counter()
let c = Special()
print(a.id, b.id, c.id, Counter.instances)
print(Counter.kind, Special.kind, Counter.label)
Counter.reset()
print(Counter.instances)
let m = Counter.make()
print(m.id)

struct Config {
    static var verbose = false
    static func toggle() { verbose.toggle() }
}
Config.toggle()
print(Config.verbose)
Config.verbose = false
print(Config.verbose)
