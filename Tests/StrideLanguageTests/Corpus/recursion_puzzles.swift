func hanoi(_ n: Int, from: String, to: String, via: String, moves: inout [String]) {
    guard n > 0 else { return }
    hanoi(n - 1, from: from, to: via, via: to, moves: &moves)
    moves.append("\(from)->\(to)")
    hanoi(n - 1, from: via, to: to, via: from, moves: &moves)
}
var moves: [String] = []
hanoi(3, from: "A", to: "C", via: "B", moves: &moves)
print(moves.count, moves.joined(separator: " "))

func permutations<T>(_ xs: [T]) -> [[T]] {
    guard xs.count > 1 else { return [xs] }
    var out: [[T]] = []
    for (i, x) in xs.enumerated() {
        var rest = xs
        rest.remove(at: i)
        for p in permutations(rest) { out.append([x] + p) }
    }
    return out
}
print(permutations([1, 2, 3]))
print(permutations(Array("abc")).map { String($0) })

func subsets(_ xs: [Int]) -> [[Int]] {
    xs.reduce([[]]) { acc, x in acc + acc.map { $0 + [x] } }
}
print(subsets([1, 2, 3]))

func nQueens(_ n: Int) -> Int {
    var cols = Set<Int>(), d1 = Set<Int>(), d2 = Set<Int>()
    func place(_ row: Int) -> Int {
        if row == n { return 1 }
        var count = 0
        for c in 0..<n where !cols.contains(c) && !d1.contains(row - c) && !d2.contains(row + c) {
            cols.insert(c); d1.insert(row - c); d2.insert(row + c)
            count += place(row + 1)
            cols.remove(c); d1.remove(row - c); d2.remove(row + c)
        }
        return count
    }
    return place(0)
}
print((4...7).map(nQueens))

var memo: [Int: Int] = [:]
func ways(_ n: Int) -> Int {
    if n < 0 { return 0 }
    if n == 0 { return 1 }
    if let m = memo[n] { return m }
    let r = ways(n - 1) + ways(n - 2) + ways(n - 3)
    memo[n] = r
    return r
}
print(ways(10), ways(30))
func ackermann(_ m: Int, _ n: Int) -> Int {
    if m == 0 { return n + 1 }
    if n == 0 { return ackermann(m - 1, 1) }
    return ackermann(m - 1, ackermann(m, n - 1))
}
print(ackermann(2, 3))
