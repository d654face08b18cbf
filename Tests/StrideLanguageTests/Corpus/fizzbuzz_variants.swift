func fizzbuzz(_ n: Int) -> String {
    switch (n % 3, n % 5) {
    case (0, 0): return "FizzBuzz"
    case (0, _): return "Fizz"
    case (_, 0): return "Buzz"
    default: return String(n)
    }
}
print((1...15).map(fizzbuzz).joined(separator: " "))
let rules: [(Int, String)] = [(3, "Fizz"), (5, "Buzz"), (7, "Bazz")]
func generalized(_ n: Int) -> String {
    let s = rules.filter { n % $0.0 == 0 }.map { $0.1 }.joined()
    return s.isEmpty ? "\(n)" : s
}
print(stride(from: 100, through: 106, by: 1).map(generalized))
var counts: [String: Int] = [:]
for i in 1...100 {
    let word = fizzbuzz(i)
    if Int(word) == nil { counts[word, default: 0] += 1 }
}
print(counts.sorted { $0.key < $1.key })
