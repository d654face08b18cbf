enum Direction: String, CaseIterable {
    case north, south, east = "E", west
    var opposite: Direction {
        switch self {
        case .north: return .south
        case .south: return .north
        case .east: return .west
        case .west: return .east
        }
    }
}
print(Direction.north, Direction.east.rawValue, Direction.west.rawValue)
print(Direction(rawValue: "E") ?? .north, Direction(rawValue: "x") as Any)
print(Direction.allCases, Direction.allCases.count)
print(Direction.north.opposite)
let ds: [Direction] = [.north, .east]
print(ds)

enum Shape {
    case circle(radius: Double)
    case rect(w: Double, h: Double)
    case point
    func area() -> Double {
        switch self {
        case .circle(let r): return 3.0 * r * r
        case let .rect(w, h): return w * h
        case .point: return 0
        }
    }
}
let shapes: [Shape] = [.circle(radius: 2), .rect(w: 2, h: 3), .point]
for s in shapes { print(s, s.area()) }
print(Shape.rect(w: 1, h: 2))

enum Coin: Int { case penny = 1, nickel = 5, dime = 10 }
print(Coin.dime.rawValue, Coin(rawValue: 5)!, Coin.penny)

indirect enum Expr {
    case num(Int)
    case add(Expr, Expr)
    case mul(Expr, Expr)
}
func eval(_ e: Expr) -> Int {
    switch e {
    case .num(let n): return n
    case .add(let a, let b): return eval(a) + eval(b)
    case .mul(let a, let b): return eval(a) * eval(b)
    }
}
print(eval(.add(.num(2), .mul(.num(3), .num(4)))))
if case .circle(let r) = shapes[0] { print("radius", r) }
if case .rect = shapes[1] { print("is rect") }
print(Direction.south == .south, Coin.dime != .penny)
