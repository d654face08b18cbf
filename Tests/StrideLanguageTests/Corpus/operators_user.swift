import Foundation
struct Vec: Equatable, CustomStringConvertible {
    var x: Double, y: Double
    static func + (a: Vec, b: Vec) -> Vec { Vec(x: a.x + b.x, y: a.y + b.y) }
    static func - (a: Vec, b: Vec) -> Vec { Vec(x: a.x - b.x, y: a.y - b.y) }
    static func * (k: Double, v: Vec) -> Vec { Vec(x: k * v.x, y: k * v.y) }
    static prefix func - (v: Vec) -> Vec { Vec(x: -v.x, y: -v.y) }
    static func += (a: inout Vec, b: Vec) { a = a + b }
    var description: String { "(\(x), \(y))" }
}
var v = Vec(x: 1, y: 2)
let w = Vec(x: 3, y: 4)
print(v + w, w - v, 2 * v, -v)
v += w
print(v, v == Vec(x: 4, y: 6))

infix operator **: MultiplicationPrecedence
func ** (base: Int, exp: Int) -> Int {
    var r = 1
    for _ in 0..<exp { r *= base }
    return r
}
print(2 ** 10, 3 ** 2 + 1)

prefix operator √
prefix func √ (x: Double) -> Double { x.squareRoot() }
print(√16.0)

precedencegroup PipePrecedence {
    associativity: left
    lowerThan: AdditionPrecedence
}
infix operator |>: PipePrecedence
func |> <T, U>(x: T, f: (T) -> U) -> U { f(x) }
print(3 + 1 |> { $0 * 10 })
func == (a: [Vec], b: Int) -> Bool { a.count == b }
print([v, w] == 2)
