func primeFactors(_ n: Int) -> [Int] {
    var n = n
    var factors: [Int] = []
    var d = 2
    while d * d <= n {
        while n % d == 0 { factors.append(d); n /= d }
        d += 1
    }
    if n > 1 { factors.append(n) }
    return factors
}

func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
func lcm(_ a: Int, _ b: Int) -> Int { a / gcd(a, b) * b }

func sieve(_ limit: Int) -> [Int] {
    guard limit >= 2 else { return [] }
    var isPrime = [Bool](repeating: true, count: limit + 1)
    isPrime[0] = false; isPrime[1] = false
    var i = 2
    while i * i <= limit {
        if isPrime[i] { for j in stride(from: i * i, through: limit, by: i) { isPrime[j] = false } }
        i += 1
    }
    return isPrime.enumerated().compactMap { $0.element ? $0.offset : nil }
}

for n in [12, 97, 360, 1001, 65536] {
    let f = primeFactors(n)
    let grouped = Dictionary(grouping: f, by: { $0 }).map { "\($0.key)^\($0.value.count)" }.sorted()
    print(n, f, grouped.joined(separator: " * "))
}
print(gcd(48, 18), lcm(4, 6), gcd(17, 5))
print(sieve(50))
print(sieve(1000).count)
let perfect = (2...500).filter { n in (1..<n).filter { n % $0 == 0 }.reduce(0, +) == n }
print(perfect)
