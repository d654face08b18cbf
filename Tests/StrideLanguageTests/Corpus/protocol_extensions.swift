protocol Shape {
    var area: Double { get }
    var name: String { get }
    func describe() -> String
}

extension Shape {
    var name: String { "shape" }
    func describe() -> String { "\(name) with area \(area)" }
}

struct Circle: Shape {
    var radius: Double
    var area: Double { 3.0 * radius * radius }
    var name: String { "circle" }
}

struct Sq: Shape {
    var side: Double
    var area: Double { side * side }
}

let shapes: [Shape] = [Circle(radius: 1), Sq(side: 2)]
for s in shapes { print(s.describe()) }
let total = shapes.reduce(0.0) { $0 + $1.area }
print(total)

protocol Greeter {
    func greet() -> String
}
extension Greeter {
    func greet() -> String { "Hello" }
    func twice() -> String { greet() + " " + greet() }
}
struct English: Greeter {}
struct French: Greeter { func greet() -> String { "Bonjour" } }
print(English().twice(), French().twice())

func largest<T: Shape>(_ items: [T]) -> Double {
    items.map { $0.area }.max() ?? 0
}
print(largest([Sq(side: 3), Sq(side: 1)]))
