// callAsFunction makes a value callable.
struct Scale {
    var factor: Int
    func callAsFunction(_ x: Int) -> Int { x * factor }
}
let triple = Scale(factor: 3)
print(triple(5), triple(-2))
print([1, 2, 3].map { triple($0) })

struct Polynomial {
    var coefficients: [Double]
    func callAsFunction(_ x: Double) -> Double {
        var result = 0.0
        for c in coefficients.reversed() {
            result = result * x + c
        }
        return result
    }
}
let poly = Polynomial(coefficients: [1, 0, 2])
print(poly(0), poly(1), poly(3))

struct Affine {
    var weight: Double
    var bias: Double = 0
    func callAsFunction(_ x: Double) -> Double { weight * x + bias }
}
struct Chain {
    var first: Affine
    var second: Affine
    func callAsFunction(_ x: Double) -> Double { second(first(x)) }
}
let chain = Chain(first: Affine(weight: 2, bias: 1), second: Affine(weight: -1))
print(chain(3))

class Accumulator {
    var total = 0
    func callAsFunction(_ x: Int) -> Int {
        total += x
        return total
    }
}
let acc = Accumulator()
print(acc(5), acc(10), acc.total)
