// Mutating nested values in place: arrays of structs, dictionaries of arrays, structs of arrays.
struct Item {
    var name: String
    var count: Int
}
struct Inventory {
    var items: [Item] = []
    var tags: [String: [String]] = [:]
    mutating func add(_ name: String, _ n: Int) {
        for i in 0..<items.count where items[i].name == name {
            items[i].count += n
            return
        }
        items.append(Item(name: name, count: n))
    }
}
var inv = Inventory()
inv.add("apple", 3)
inv.add("pear", 1)
inv.add("apple", 2)
print(inv.items.count, inv.items[0].count, inv.items[1])
inv.tags["apple", default: []].append("fruit")
inv.tags["apple"]?.append("red")
inv.tags["pear"]?.append("never added")
print(inv.tags)
var snapshot = inv
snapshot.items[0].name = "APPLE"
snapshot.tags["apple"]![0] = "FRUIT"
print(inv.items[0].name, snapshot.items[0].name, inv.tags["apple"]![0], snapshot.tags["apple"]![0])

var matrix = [[1, 2, 3], [4, 5, 6]]
for r in 0..<matrix.count {
    for c in 0..<matrix[r].count {
        matrix[r][c] *= 10
    }
}
matrix[1].append(70)
matrix.append([])
matrix[2] += [1]
print(matrix)

var counts = ["a": [0, 0]]
counts["a"]![1] += 5
print(counts)

struct Grid {
    var cells = Array(repeating: Array(repeating: 0, count: 2), count: 2)
}
var g = Grid()
g.cells[1][1] = 9
let h = g
g.cells[0][0] = 1
print(g.cells, h.cells)
