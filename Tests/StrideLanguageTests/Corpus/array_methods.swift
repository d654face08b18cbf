// The Array methods of the subset.
var xs = [3, 1, 4, 1, 5]
print(xs.count, xs.isEmpty, [Int]().isEmpty)
xs.append(9)
xs.insert(2, at: 0)
xs.insert(7, at: xs.count)
print(xs)
let removed = xs.remove(at: 1)
print(removed, xs)
print(xs.first!, xs.last!)
print(xs.contains(4), xs.contains(8))
print(xs.contains { $0 > 8 }, xs.contains(where: { $0 < 0 }))
print(xs.min()!, xs.max()!)
let rev: [Int] = xs.reversed()
print(rev)
for x in xs.reversed() { print(x, terminator: " ") }
print()
print(xs[1..<3], xs[2...], xs[..<2], xs[...1])
print(xs[1..<3].count, xs[2...].reduce(0) { $0 + $1 })
print(xs + [0, 0])
var ys = xs
ys += [100]
print(ys.count, xs.count)
let zeros = Array(repeating: 0, count: 4)
print(zeros)
var grid = Array(repeating: Array(repeating: ".", count: 3), count: 2)
grid[1][2] = "#"
print(grid)
var empty = [String]()
empty.append("first")
print(empty, empty.count)
var doubles: [Double] = []
doubles.append(1)
doubles.append(2.5)
print(doubles)
for (i, x) in ["a", "b"].enumerated() { print(i, x) }
xs[0] = -1
print(xs)
print(xs.sorted().first!, xs.sorted(by: { $0 > $1 }).first!)
print(xs.filter { $0 > 2 }.map { $0 * 10 })
let total = xs.reduce(0) { $0 + $1 }
print(total)
print([[1, 2], [3]].count, [[1, 2], [3]][0].count)
print(xs == [-1, 1, 4, 1, 5, 9, 7], xs != [])
