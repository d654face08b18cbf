import Foundation

protocol Shape: CustomStringConvertible {
    var area: Double { get }
    var perimeter: Double { get }
    var name: String { get }
}

extension Shape {
    var description: String { "\(name)(area: \(String(format: "%.2f", area)), perimeter: \(String(format: "%.2f", perimeter)))" }
}

struct Circle: Shape {
    let radius: Double
    var area: Double { Double.pi * radius * radius }
    var perimeter: Double { 2 * Double.pi * radius }
    var name: String { "Circle" }
}

struct Rectangle: Shape {
    let width, height: Double
    var area: Double { width * height }
    var perimeter: Double { 2 * (width + height) }
    var name: String { "Rectangle" }
}

struct Triangle: Shape {
    let a, b, c: Double
    var perimeter: Double { a + b + c }
    var area: Double {
        let s = perimeter / 2
        return (s * (s - a) * (s - b) * (s - c)).squareRoot()
    }
    var name: String { "Triangle" }
}

let shapes: [Shape] = [Circle(radius: 1.5), Rectangle(width: 3, height: 4), Triangle(a: 3, b: 4, c: 5)]
for s in shapes { print(s) }
let largest = shapes.max { $0.area < $1.area }!
print("largest:", largest.name)
let byPerimeter = shapes.sorted { $0.perimeter < $1.perimeter }.map(\.name)
print(byPerimeter)
print(String(format: "total area %.3f", shapes.map(\.area).reduce(0, +)))
