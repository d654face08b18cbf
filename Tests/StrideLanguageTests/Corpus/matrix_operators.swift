struct Matrix: Equatable, CustomStringConvertible {
    let rows: Int, cols: Int
    var data: [Double]

    init(rows: Int, cols: Int, data: [Double]? = nil) {
        self.rows = rows
        self.cols = cols
        self.data = data ?? Array(repeating: 0, count: rows * cols)
    }

    static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, cols: n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    subscript(r: Int, c: Int) -> Double {
        get { data[r * cols + c] }
        set { data[r * cols + c] = newValue }
    }

    static func * (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.cols == b.rows, "shape mismatch")
        var out = Matrix(rows: a.rows, cols: b.cols)
        for i in 0..<a.rows {
            for j in 0..<b.cols {
                var s = 0.0
                for k in 0..<a.cols { s += a[i, k] * b[k, j] }
                out[i, j] = s
            }
        }
        return out
    }

    static func + (a: Matrix, b: Matrix) -> Matrix {
        Matrix(rows: a.rows, cols: a.cols, data: zip(a.data, b.data).map(+))
    }

    var transposed: Matrix {
        var t = Matrix(rows: cols, cols: rows)
        for i in 0..<rows { for j in 0..<cols { t[j, i] = self[i, j] } }
        return t
    }

    var description: String {
        (0..<rows).map { r in (0..<cols).map { c in "\(self[r, c])" }.joined(separator: " ") }.joined(separator: "\n")
    }
}

let a = Matrix(rows: 2, cols: 3, data: [1, 2, 3, 4, 5, 6])
let b = a.transposed
print(a)
print(b)
print(a * b)
print(a * Matrix.identity(3) == a)
print((a + a).data)
