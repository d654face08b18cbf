struct Grid<T> {
    let width: Int, height: Int
    private var cells: [T]
    init(width: Int, height: Int, fill: T) {
        self.width = width; self.height = height
        cells = Array(repeating: fill, count: width * height)
    }
    subscript(x: Int, y: Int) -> T {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }
    subscript(row y: Int) -> [T] { Array(cells[(y * width)..<((y + 1) * width)]) }
    func neighbors(x: Int, y: Int) -> [(Int, Int)] {
        [(-1, 0), (1, 0), (0, -1), (0, 1)].map { (x + $0.0, y + $0.1) }
            .filter { $0.0 >= 0 && $0.0 < width && $0.1 >= 0 && $0.1 < height }
    }
}
var g = Grid(width: 4, height: 3, fill: ".")
g[1, 1] = "#"
g[3, 2] = "@"
for y in 0..<g.height { print(g[row: y].joined()) }
print(g.neighbors(x: 0, y: 0), g.neighbors(x: 1, y: 1).count)
let word = Array("subscript")
print(String(word[2...5]), String(word[..<3]), String(word[6...]))
let r = 3..<8
print(r.count, r.contains(5), r.lowerBound, r.upperBound, Array(r.reversed()))
let closed = 1...4
print(closed.map { $0 * $0 }, closed.reduce(0, +), (1..<1).isEmpty)
