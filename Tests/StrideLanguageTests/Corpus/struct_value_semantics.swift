struct Point: CustomStringConvertible {
    var x: Int, y: Int
    var description: String { "(\(x), \(y))" }
    mutating func translate(dx: Int, dy: Int) { x += dx; y += dy }
    func translated(dx: Int, dy: Int) -> Point { Point(x: x + dx, y: y + dy) }
}

struct Polygon {
    var vertices: [Point]
    var name: String
    mutating func shift(by d: Int) {
        for i in vertices.indices { vertices[i].translate(dx: d, dy: d) }
    }
}

var square = Polygon(vertices: [Point(x: 0, y: 0), Point(x: 1, y: 0), Point(x: 1, y: 1), Point(x: 0, y: 1)], name: "sq")
var copy = square
copy.shift(by: 10)
copy.name = "moved"
print(square.vertices, square.name)
print(copy.vertices, copy.name)
var p = Point(x: 1, y: 2)
let q = p.translated(dx: 5, dy: 5)
p.translate(dx: -1, dy: -1)
print(p, q)
var grid = Array(repeating: Array(repeating: 0, count: 3), count: 3)
grid[1][1] = 5
var grid2 = grid
grid2[0][0] = 9
print(grid, grid2)
var dictOfArrays: [String: [Int]] = ["a": [1]]
dictOfArrays["a"]?.append(2)
dictOfArrays["b", default: []].append(3)
print(dictOfArrays.sorted { $0.key < $1.key })
