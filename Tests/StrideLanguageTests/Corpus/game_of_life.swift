// Conway's Game of Life on a small grid.
let rows = 6
let cols = 6
var grid = Array(repeating: Array(repeating: false, count: cols), count: rows)
for (r, c) in [(1, 2), (2, 3), (3, 1), (3, 2), (3, 3)] {
    grid[r][c] = true
}
func neighbours(_ g: [[Bool]], _ r: Int, _ c: Int) -> Int {
    var n = 0
    for dr in -1...1 {
        for dc in -1...1 where !(dr == 0 && dc == 0) {
            let rr = (r + dr + rows) % rows
            let cc = (c + dc + cols) % cols
            if g[rr][cc] { n += 1 }
        }
    }
    return n
}
func step(_ g: [[Bool]]) -> [[Bool]] {
    var next = g
    for r in 0..<rows {
        for c in 0..<cols {
            let n = neighbours(g, r, c)
            next[r][c] = g[r][c] ? (n == 2 || n == 3) : n == 3
        }
    }
    return next
}
func show(_ g: [[Bool]]) {
    for row in g {
        var line = ""
        for cell in row { line += cell ? "#" : "." }
        print(line)
    }
}
show(grid)
for generation in 1...4 {
    grid = step(grid)
    print("generation \(generation):")
    show(grid)
}
