// Fitting y = w x + b by gradient descent, with Doubles all the way.
let xs: [Double] = [1, 2, 3, 4, 5]
let ys: [Double] = [3.1, 4.9, 7.2, 8.8, 11.1]
var w = 0.0
var b = 0.0
let learningRate = 0.02
for epoch in 1...200 {
    var gradW = 0.0
    var gradB = 0.0
    var loss = 0.0
    for (i, x) in xs.enumerated() {
        let error = w * x + b - ys[i]
        loss += error * error
        gradW += 2 * error * x
        gradB += 2 * error
    }
    let n = Double(xs.count)
    w -= learningRate * gradW / n
    b -= learningRate * gradB / n
    if epoch % 50 == 0 {
        print("epoch \(epoch): loss \(loss / n)")
    }
}
print("w =", w, "b =", b)
let predictions = xs.map { w * $0 + b }
print(predictions)
let meanX = xs.reduce(0, { $0 + $1 }) / Double(xs.count)
let meanY = ys.reduce(0, { $0 + $1 }) / Double(ys.count)
var num = 0.0
var den = 0.0
for i in 0..<xs.count {
    num += (xs[i] - meanX) * (ys[i] - meanY)
    den += (xs[i] - meanX) * (xs[i] - meanX)
}
print("closed form:", num / den, meanY - num / den * meanX)
