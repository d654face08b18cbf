// A struct prints as its name and stored properties.
struct Point {
    var x: Double
    var y: Double
}
struct Person {
    let name: String
    var age: Int
    var nickname: String? = nil
}
struct Empty {}
struct Tagged {
    var tags: [String]
    var weights: [String: Double]
    var pair: (Int, Int)
}
print(Point(x: 3, y: 4))
print(Person(name: "Ann", age: 30))
print(Person(name: "Bo", age: 4, nickname: "Bobo"))
print(Empty())
print(Tagged(tags: ["a", "b"], weights: ["w": 0.5], pair: (1, 2)))
let p = Point(x: -1.5, y: 0)
print("p is \(p)")
print(p.x, p.y)
