struct Customer { let id: Int; let arrival: Int; let service: Int }

var rng: UInt64 = 42
func nextRandom(_ bound: Int) -> Int {
    rng = rng &* 6364136223846793005 &+ 1442695040888963407
    return Int((rng >> 33) % UInt64(bound))
}

var customers: [Customer] = []
var t = 0
for id in 1...8 {
    t += nextRandom(5)
    customers.append(Customer(id: id, arrival: t, service: 1 + nextRandom(4)))
}
var clock = 0
var waits: [Int] = []
for c in customers {
    clock = max(clock, c.arrival)
    let wait = clock - c.arrival
    waits.append(wait)
    clock += c.service
    print("customer \(c.id): arrives \(c.arrival), waits \(wait), leaves \(clock)")
}
let avg = Double(waits.reduce(0, +)) / Double(waits.count)
print("average wait:", avg, "max:", waits.max()!)
