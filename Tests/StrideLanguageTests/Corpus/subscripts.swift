struct Matrix {
    let rows: Int, columns: Int
    var grid: [Double]
    init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        grid = Array(repeating: 0.0, count: rows * columns)
    }
    func indexIsValid(row: Int, column: Int) -> Bool {
        return row >= 0 && row < rows && column >= 0 && column < columns
    }
    subscript(row: Int, column: Int) -> Double {
        get {
            assert(indexIsValid(row: row, column: column), "Index out of range")
            return grid[(row * columns) + column]
        }
        set {
            grid[(row * columns) + column] = newValue
        }
    }
}
var matrix = Matrix(rows: 2, columns: 2)
matrix[0, 1] = 1.5
matrix[1, 0] = 3.2
print(matrix.grid)
print(matrix[1, 0] + matrix[0, 1])

struct TimesTable {
    let multiplier: Int
    subscript(index: Int) -> Int { multiplier * index }
}
let threeTimes = TimesTable(multiplier: 3)
print("six times three is \(threeTimes[6])")

enum Planet: Int {
    case mercury = 1, venus, earth, mars
    static subscript(n: Int) -> Planet { Planet(rawValue: n)! }
}
print(Planet[3])

class Store {
    var items: [String: Int] = [:]
    subscript(key: String, default value: Int) -> Int {
        get { items[key] ?? value }
        set { items[key] = newValue }
    }
}
let st = Store()
st["apples", default: 0] += 3
st["apples", default: 0] += 2
print(st["apples", default: 0], st["pears", default: -1])
