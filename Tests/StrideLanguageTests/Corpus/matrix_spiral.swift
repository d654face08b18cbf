func spiral(_ n: Int) -> [[Int]] {
    var m = Array(repeating: Array(repeating: 0, count: n), count: n)
    var (top, bottom, left, right) = (0, n - 1, 0, n - 1)
    var k = 1
    while top <= bottom && left <= right {
        for c in left...right { m[top][c] = k; k += 1 }
        top += 1
        if top <= bottom { for r in top...bottom { m[r][right] = k; k += 1 } }
        right -= 1
        if top <= bottom && left <= right { for c in stride(from: right, through: left, by: -1) { m[bottom][c] = k; k += 1 } }
        bottom -= 1
        if left <= right && top <= bottom { for r in stride(from: bottom, through: top, by: -1) { m[r][left] = k; k += 1 } }
        left += 1
    }
    return m
}
for row in spiral(4) { print(row.map { $0 < 10 ? " \($0)" : "\($0)" }.joined(separator: " ")) }
func rotate(_ m: [[Int]]) -> [[Int]] {
    let n = m.count
    return (0..<n).map { i in (0..<n).map { j in m[n - 1 - j][i] } }
}
print(rotate([[1, 2], [3, 4]]))
let pascal = (0..<6).reduce(into: [[Int]]()) { rows, i in
    if let last = rows.last { rows.append([1] + zip(last, last.dropFirst()).map(+) + [1]) } else { rows.append([1]) }
    _ = i
}
for row in pascal { print(row) }
