// A notebook-style loop: structs for records, a dictionary of metrics, formatted progress.
struct Record {
    var epoch: Int
    var loss: Double
    var accuracy: Double
}
var history: [Record] = []
var metrics: [String: [Double]] = ["loss": []]
var loss = 2.0
for epoch in 1...5 {
    loss *= 0.5
    let accuracy = 1.0 - loss / 2
    history.append(Record(epoch: epoch, loss: loss, accuracy: accuracy))
    metrics["loss", default: []].append(loss)
    print("epoch \(epoch)/5 loss \(loss) accuracy \(accuracy)")
}
print(history.count, history.last!)
print(metrics)
let best = history.sorted { $0.accuracy > $1.accuracy }.first!
print("best epoch", best.epoch)
func isDecreasing(_ xs: [Double]) -> Bool {
    for i in 1..<xs.count where xs[i] >= xs[i - 1] { return false }
    return true
}
print(isDecreasing(metrics["loss"]!), isDecreasing([1, 2]))
