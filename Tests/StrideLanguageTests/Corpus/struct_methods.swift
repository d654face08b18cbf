import Foundation
// Structs: memberwise init, defaults, mutating methods, computed properties, self.
struct Point { var x = 0.0; var y = 0.0
    func norm() -> Double { sqrt(x * x + y * y) }
    mutating func move(by d: Double) { x += d } }
var p = Point(x: 3, y: 4)
p.move(by: 1)
print("p = \(p), norm \(p.norm())")
print(Point())
print(Point(y: 2))

struct Rectangle {
    var width: Double
    var height: Double
    var area: Double { width * height }
    var isSquare: Bool {
        return width == height
    }
    mutating func scale(by factor: Double) {
        width *= factor
        height *= factor
    }
    func scaled(by factor: Double) -> Rectangle {
        var copy = self
        copy.scale(by: factor)
        return copy
    }
}
var r = Rectangle(width: 2, height: 3)
print(r.area, r.isSquare)
let bigger = r.scaled(by: 2)
print(r, bigger)
r.scale(by: 0.5)
print(r.area)
print(Rectangle(width: 4, height: 4).isSquare)

struct Stack {
    var items: [Int] = []
    var count: Int { items.count }
    var top: Int? { items.last }
    mutating func push(_ x: Int) { items.append(x) }
    mutating func pop() -> Int? {
        if items.isEmpty { return nil }
        return items.remove(at: items.count - 1)
    }
}
var s = Stack()
s.push(1)
s.push(2)
s.push(3)
print(s.count, s.top ?? -1)
print(s.pop() ?? -1, s.pop() ?? -1, s.count)

struct Temperature {
    var celsius: Double
    init(fahrenheit: Double) {
        celsius = (fahrenheit - 32) * 5 / 9
    }
    init(celsius: Double) {
        self.celsius = celsius
    }
}
print(Temperature(fahrenheit: 212).celsius, Temperature(celsius: 21.5).celsius)
