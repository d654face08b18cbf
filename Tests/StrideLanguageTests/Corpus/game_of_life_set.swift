struct Cell: Hashable { let x: Int, y: Int }
func step(_ live: Set<Cell>) -> Set<Cell> {
    var counts: [Cell: Int] = [:]
    for c in live {
        for dx in -1...1 { for dy in -1...1 where dx != 0 || dy != 0 {
            counts[Cell(x: c.x + dx, y: c.y + dy), default: 0] += 1
        } }
    }
    return Set(counts.filter { $0.value == 3 || ($0.value == 2 && live.contains($0.key)) }.keys)
}
func render(_ live: Set<Cell>, _ w: Int, _ h: Int) -> String {
    (0..<h).map { y in String((0..<w).map { x in live.contains(Cell(x: x, y: y)) ? "#" : "." }) }.joined(separator: "\n")
}
var glider: Set<Cell> = [Cell(x: 1, y: 0), Cell(x: 2, y: 1), Cell(x: 0, y: 2), Cell(x: 1, y: 2), Cell(x: 2, y: 2)]
for gen in 0..<3 {
    print("gen \(gen): \(glider.count) cells")
    print(render(glider, 5, 5))
    glider = step(glider)
}
let blinker: Set<Cell> = [Cell(x: 1, y: 0), Cell(x: 1, y: 1), Cell(x: 1, y: 2)]
print(step(step(blinker)) == blinker, step(blinker) == blinker)
