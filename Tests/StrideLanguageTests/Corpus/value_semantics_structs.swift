// Structs are values; classes are references.
struct Point {
    var x: Double
    var y: Double
}

class Box {
    var value: Int
    init(value: Int) { self.value = value }
}

var p = Point(x: 1, y: 2)
var q = p
q.x = 10
print(p)
print(q)

let box = Box(value: 1)
let alias = box
alias.value = 42
print(box.value, alias.value)
print(box === alias)
let other = Box(value: 42)
print(box === other)

struct Holder {
    var point = Point(x: 0, y: 0)
    var box = Box(value: 0)
}
var h1 = Holder()
var h2 = h1
h2.point.x = 5
h2.box.value = 9
print(h1.point.x, h2.point.x)
print(h1.box.value, h2.box.value)

var points = [Point(x: 1, y: 1), Point(x: 2, y: 2)]
var first = points[0]
first.y = 100
points[1].y = 50
print(points[0].y, points[1].y, first.y)
