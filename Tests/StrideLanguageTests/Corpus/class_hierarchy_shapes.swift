class Shape {
    var name: String { "shape" }
    func area() -> Double { 0 }
    func describe() -> String { "\(name) with area \(area())" }
}
class Rect: Shape {
    let w: Double, h: Double
    init(w: Double, h: Double) { self.w = w; self.h = h }
    override var name: String { "rect" }
    override func area() -> Double { w * h }
}
class Square: Rect {
    init(side: Double) { super.init(w: side, h: side) }
    override var name: String { "square" }
}
class Circle: Shape {
    let r: Double
    init(r: Double) { self.r = r; super.init() }
    override var name: String { "circle" }
    override func area() -> Double { 3.14159 * r * r }
    override func describe() -> String { "round " + super.describe() }
}
let shapes: [Shape] = [Rect(w: 2, h: 3), Square(side: 2), Circle(r: 1), Shape()]
for s in shapes { print(s.describe()) }
print(shapes.map { type(of: $0) == Square.self })
print(shapes.filter { $0 is Rect }.count, shapes.compactMap { $0 as? Circle }.first?.r ?? 0)
let total = shapes.reduce(0.0) { $0 + $1.area() }
print(total)
var counts: [String: Int] = [:]
for s in shapes { counts[s.name, default: 0] += 1 }
print(counts.sorted { $0.key < $1.key })
