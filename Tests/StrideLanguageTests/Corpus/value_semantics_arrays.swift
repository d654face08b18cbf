// Arrays are values: assignment copies, and mutating a copy leaves the original alone.
var a = [1, 2, 3]
var b = a
b.append(4)
b[0] = 100
print(a)
print(b)

func appendZero(_ xs: [Int]) -> [Int] {
    var copy = xs
    copy.append(0)
    return copy
}
let c = appendZero(a)
print(a, c)

var grid = [[1, 2], [3, 4]]
var row = grid[0]
row[1] = 20
grid[1][0] = 30
print(grid)
print(row)

var nested = grid
nested[0][0] = -1
print(grid[0][0], nested[0][0])
