// Matrices as [[Double]]: multiply, transpose, identity.
func multiply(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] {
    var c = Array(repeating: Array(repeating: 0.0, count: b[0].count), count: a.count)
    for i in 0..<a.count {
        for j in 0..<b[0].count {
            for k in 0..<b.count {
                c[i][j] += a[i][k] * b[k][j]
            }
        }
    }
    return c
}
func transpose(_ m: [[Double]]) -> [[Double]] {
    var t: [[Double]] = []
    for j in 0..<m[0].count {
        var row: [Double] = []
        for i in 0..<m.count { row.append(m[i][j]) }
        t.append(row)
    }
    return t
}
func identity(_ n: Int) -> [[Double]] {
    var m = Array(repeating: Array(repeating: 0.0, count: n), count: n)
    for i in 0..<n { m[i][i] = 1 }
    return m
}
let a: [[Double]] = [[1, 2], [3, 4], [5, 6]]
let b: [[Double]] = [[0.5, -1, 2], [1, 0, 0.25]]
print(multiply(a, b))
print(transpose(a))
print(multiply(a, identity(2)) == a)
let product = multiply(transpose(a), a)
print(product)
var trace = 0.0
for i in 0..<product.count { trace += product[i][i] }
print(trace)
