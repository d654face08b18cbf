import Foundation
// Math functions and conversions between Int and Double.
print(sqrt(2.0))
print(16.0.squareRoot())
print(pow(2.0, 10.0), pow(2.0, 0.5))
print(exp(1.0), exp(0.0))
print(log(10.0), log(1.0))
print(abs(-2.5), min(1.5, 0.5), max(1.5, 0.5))
print(Int(3.9), Int(-3.9), Int(2.0))
print(Double(3) / Double(2))
let ratio = Double(10) / 4
print(ratio)
let total: Double = 7
print(total / 2)
var xs: [Double] = [1, 2, 3]
xs.append(4)
print(xs)
let mean = xs.reduce(0, { $0 + $1 }) / Double(xs.count)
print(mean)
print(String(42), String(2.5), String(true))
print(Double.pi * 2)
print(sqrt(-1.0).isNaN)
