func determinant(_ m: [[Double]]) -> Double {
    let n = m.count
    if n == 1 { return m[0][0] }
    if n == 2 { return m[0][0] * m[1][1] - m[0][1] * m[1][0] }
    var det = 0.0
    for c in 0..<n {
        let minor = m.dropFirst().map { row in row.enumerated().filter { $0.offset != c }.map(\.element) }
        det += (c % 2 == 0 ? 1 : -1) * m[0][c] * determinant(minor)
    }
    return det
}

func transpose(_ m: [[Double]]) -> [[Double]] {
    guard let first = m.first else { return [] }
    return (0..<first.count).map { j in m.map { $0[j] } }
}

func multiply(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] {
    let bt = transpose(b)
    return a.map { row in bt.map { col in zip(row, col).map(*).reduce(0, +) } }
}

let m: [[Double]] = [[2, -3, 1], [2, 0, -1], [1, 4, 5]]
print(determinant(m))
print(transpose(m))
print(multiply(m, [[1, 0, 0], [0, 1, 0], [0, 0, 1]]) == m)
print(multiply([[1, 2], [3, 4]], [[5, 6], [7, 8]]))
let identity = (0..<3).map { i in (0..<3).map { j in i == j ? 1.0 : 0.0 } }
print(identity, determinant(identity))
