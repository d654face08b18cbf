import Foundation
let a: Float = 1.0 / 3.0
let b = Float(2)
print(a, b, a * 3, b / 3)
var total: Float = 0
for i in 1...10 { total += Float(i) * 0.1 }
print(total)
print(Float.pi, Double(Float.pi))
let xs: [Float] = [1.5, 2.25, 3]
print(xs, xs.reduce(0, +))
print(sqrt(b), Int(a * 100), type(of: a))
print(a < 0.5, a == Float(1) / 3)
let d: Double = 1.0 / 3.0
print(d, Float(d))
