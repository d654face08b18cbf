// The Swift side of the engine benchmark: bench_torch.py writes the data, runs this
// executable (release build), runs the same workloads in its peers and prints the ratios.
// Usage: stride-bench DATA_DIR [WORKLOAD|all] [THREADS] → one JSON object per workload.
// Workloads: lenet-train lenet-infer resnet8 (training) resnet8-infer resnet20 mobilenet
// mobilenet-infer fashion-epoch; `all` runs the first three (what bench/engine/ab.py compares).
import Foundation
import StrideEngine

func readFloats(_ path: String) throws -> [Float] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    return data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
}

func now() -> Double { Date().timeIntervalSince1970 }

func report(_ fields: [String: Any]) {
    let data = try! JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
    print(String(data: data, encoding: .utf8)!)
}

/// Trains `model` on `images` for `epochs` (batch 64, Adam 1e-3, shuffled) and reports
/// images/s over all epochs and the first epoch's seconds.
func fitReport(_ name: String, _ model: Sequential, _ images: Tensor, _ labels: Tensor, epochs: Int,
               test: (Tensor, Tensor)?) throws {
    let data = try TrainingData(images: images, labels: labels)
    let start = now()
    _ = try model.fit(data, optimizer: Adam(learningRate: 1e-3),
                      options: FitOptions(epochs: epochs, batchSize: 64, seed: 1))
    let seconds = now() - start
    var fields: [String: Any] = ["workload": name, "images_per_second": Double(epochs * images.shape[0]) / seconds,
                                 "seconds": seconds]
    if let (x, y) = test {
        fields["test_accuracy"] = try model.evaluate(TrainingData(images: x, labels: y))["accuracy"]!
    }
    report(fields)
}

/// SGD-momentum steps on one random batch of 32×32×3 images: `steps` timed after 3 warm-up
/// steps, whose seconds are reported as the first-steps cost.
func stepsReport(_ name: String, _ model: Sequential, steps: Int) throws {
    let x = try Tensor(randomNormal: [32, 3, 32, 32], seed: 1)
    let y = try Tensor(shape: [32], scalars: (0..<32).map { Float($0 % 10) })
    var model = model
    let optimizer = SGD(learningRate: 0.01, momentum: 0.9)
    func step() throws {
        let grads = try gradient(at: model) { m in try crossEntropy(logits: m(x), labels: y) }
        try optimizer.update(&model, along: grads)
    }
    let warm = now()
    for _ in 0..<3 { try step() }
    let first = now() - warm
    let start = now()
    for _ in 0..<steps { try step() }
    let seconds = now() - start
    report(["workload": name, "images_per_second": Double(steps * 32) / seconds, "first_seconds": first])
}

/// Inference passes over `x` after one warm-up pass (which builds the weights).
func inferReport(_ name: String, _ model: Sequential, _ x: Tensor, passes: Int) throws {
    _ = try model.predict(x, batchSize: x.shape[0])
    let start = now()
    for _ in 0..<passes { _ = try model.predict(x, batchSize: x.shape[0]) }
    report(["workload": name, "images_per_second": Double(passes * x.shape[0]) / (now() - start)])
}

let args = CommandLine.arguments
guard args.count >= 2 else {
    FileHandle.standardError.write("usage: stride-bench DATA_DIR [workload|all] [threads]\n".data(using: .utf8)!)
    exit(2)
}
let dir = args[1], which = args.count > 2 ? args[2] : "all"
if args.count > 3, let threads = Int(args[3]) { EngineLimits.threads = threads }
EngineRandom.seed(0)
func wanted(_ name: String) -> Bool {
    which == name || (which == "all" && ["lenet-train", "lenet-infer", "resnet8"].contains(name))
}

if wanted("lenet-train") || wanted("lenet-infer") {
    let trainX = try Tensor(shape: [4000, 1, 28, 28], scalars: readFloats(dir + "/train_x.f32"))
    let trainY = try Tensor(shape: [4000], scalars: readFloats(dir + "/train_y.f32"))
    let testX = try Tensor(shape: [1000, 1, 28, 28], scalars: readFloats(dir + "/test_x.f32"))
    let testY = try Tensor(shape: [1000], scalars: readFloats(dir + "/test_y.f32"))
    let model = lenet()
    if wanted("lenet-train") { try fitReport("lenet-train", model, trainX, trainY, epochs: 5, test: (testX, testY)) }
    if wanted("lenet-infer") { try inferReport("lenet-infer", model, testX, passes: 20) }
}
if wanted("resnet8") { try stepsReport("resnet8-train", resnet(blocks: 1), steps: 30) }
if wanted("resnet8-infer") {
    try inferReport("resnet8-infer", resnet(blocks: 1), try Tensor(randomNormal: [32, 3, 32, 32], seed: 1), passes: 50)
}
if wanted("resnet20") { try stepsReport("resnet20-train", resnet(blocks: 3), steps: 15) }
if wanted("mobilenet") { try stepsReport("mobilenet-train", mobilenet(), steps: 15) }
if wanted("mobilenet-infer") {
    try inferReport("mobilenet-infer", mobilenet(), try Tensor(randomNormal: [32, 3, 32, 32], seed: 1), passes: 30)
}
if wanted("fashion-epoch") {
    let x = try Tensor(shape: [60000, 1, 28, 28], scalars: readFloats(dir + "/fashion_x.f32"))
    let y = try Tensor(shape: [60000], scalars: readFloats(dir + "/fashion_y.f32"))
    try fitReport("fashion-epoch", lenet(), x, y, epochs: 1, test: nil)
}
