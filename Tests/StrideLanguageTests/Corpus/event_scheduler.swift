struct Event: Comparable, CustomStringConvertible {
    let time: Int
    let name: String
    static func < (a: Event, b: Event) -> Bool { (a.time, a.name) < (b.time, b.name) }
    var description: String { "t=\(time) \(name)" }
}
final class Scheduler {
    private var queue: [Event] = []
    private(set) var clock = 0
    private var handlers: [String: (Scheduler) -> Void] = [:]
    func on(_ name: String, _ h: @escaping (Scheduler) -> Void) { handlers[name] = h }
    func schedule(_ name: String, after delay: Int) {
        queue.append(Event(time: clock + delay, name: name))
        queue.sort()
    }
    func run(until limit: Int) -> [String] {
        var log: [String] = []
        while let next = queue.first, next.time <= limit {
            queue.removeFirst()
            clock = next.time
            log.append(next.description)
            handlers[next.name]?(self)
        }
        return log
    }
}
let s = Scheduler()
var ticks = 0
s.on("tick") { sch in
    ticks += 1
    if ticks < 4 { sch.schedule("tick", after: 3) }
}
s.on("alarm") { _ in print("alarm rang at", s.clock) }
s.schedule("tick", after: 1)
s.schedule("alarm", after: 5)
s.schedule("boot", after: 0)
for line in s.run(until: 20) { print(line) }
print("ticks:", ticks, "clock:", s.clock)
