// Class instances are shared through every reference, including arrays and closures.
class Counter {
    var count = 0
    let name: String
    init(name: String) {
        self.name = name
    }
    func increment() {
        count += 1
    }
    func incremented(by n: Int) -> Int {
        count += n
        return count
    }
}

let c = Counter(name: "clicks")
c.increment()
c.increment()
print(c.name, c.count)

let counters = [c, Counter(name: "other"), c]
for counter in counters {
    counter.increment()
}
print(c.count, counters[1].count)
print(counters[0] === counters[2], counters[0] === counters[1])

let bump = { c.increment() }
bump()
bump()
print(c.count)
print(c.incremented(by: 10))

func reset(_ counter: Counter) {
    counter.count = 0
}
reset(c)
print(c.count)
