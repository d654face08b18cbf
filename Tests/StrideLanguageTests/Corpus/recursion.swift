// Recursive and mutually recursive functions.
func fib(_ n: Int) -> Int { n < 2 ? n : fib(n - 1) + fib(n - 2) }
print((0...15).map { fib($0) })

func factorial(_ n: Int) -> Int {
    if n <= 1 { return 1 }
    return n * factorial(n - 1)
}
print(factorial(20))

func isEven(_ n: Int) -> Bool { n == 0 ? true : isOdd(n - 1) }
func isOdd(_ n: Int) -> Bool { n == 0 ? false : isEven(n - 1) }
print(isEven(10), isOdd(7), isEven(3))

var moves: [String] = []
func hanoi(_ n: Int, from: String, to: String, via: String) {
    if n == 0 { return }
    hanoi(n - 1, from: from, to: via, via: to)
    moves.append("\(from)->\(to)")
    hanoi(n - 1, from: via, to: to, via: from)
}
hanoi(3, from: "A", to: "C", via: "B")
print(moves.count, moves)

func ackermann(_ m: Int, _ n: Int) -> Int {
    if m == 0 { return n + 1 }
    if n == 0 { return ackermann(m - 1, 1) }
    return ackermann(m - 1, ackermann(m, n - 1))
}
print(ackermann(2, 3))

func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
print(gcd(1071, 462), gcd(17, 5))

func permutations(_ xs: [Int]) -> [[Int]] {
    if xs.count <= 1 { return [xs] }
    var result: [[Int]] = []
    for i in 0..<xs.count {
        var rest = xs
        let head = rest.remove(at: i)
        for p in permutations(rest) {
            result.append([head] + p)
        }
    }
    return result
}
print(permutations([1, 2, 3]))

func depth(_ n: Int) -> Int { n == 0 ? 0 : 1 + depth(n - 1) }
print(depth(1000))

func sumDigits(_ n: Int) -> Int { n < 10 ? n : n % 10 + sumDigits(n / 10) }
print(sumDigits(987654321))
