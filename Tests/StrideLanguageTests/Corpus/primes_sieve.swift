// Sieve of Eratosthenes and trial division.
func sieve(_ n: Int) -> [Int] {
    var isPrime = Array(repeating: true, count: n + 1)
    isPrime[0] = false
    isPrime[1] = false
    var i = 2
    while i * i <= n {
        if isPrime[i] {
            for multiple in stride(from: i * i, through: n, by: i) {
                isPrime[multiple] = false
            }
        }
        i += 1
    }
    var primes: [Int] = []
    for (k, flag) in isPrime.enumerated() where flag {
        primes.append(k)
    }
    return primes
}
let primes = sieve(100)
print(primes)
print(primes.count, primes.last!)
func isPrime(_ n: Int) -> Bool {
    if n < 2 { return false }
    var d = 2
    while d * d <= n {
        if n % d == 0 { return false }
        d += 1
    }
    return true
}
print((1...30).filter(isPrime))
print(sieve(10000).count)
func factors(_ n: Int) -> [Int] {
    var result: [Int] = []
    var m = n
    var d = 2
    while m > 1 {
        while m % d == 0 {
            result.append(d)
            m /= d
        }
        d += 1
    }
    return result
}
print(factors(360), factors(97), factors(1001))
