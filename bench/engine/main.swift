// The Swift side of the engine benchmark: bench_torch.py writes the data, runs this
// executable (release build), runs the same workloads in PyTorch and prints the ratios.
// Usage: stride-bench DATA_DIR [lenet-train|lenet-infer|resnet8|all] [THREADS] → one JSON object per workload.
import Foundation
import StrideEngine

func readFloats(_ path: String) throws -> [Float] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    return data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
}

func lenet() -> Sequential {
    Sequential {
        Conv2D(filters: 6, kernelSize: 5, padding: .same, activation: .relu, name: "conv1")
        MaxPool2D(size: 2)
        Conv2D(filters: 16, kernelSize: 5, activation: .relu, name: "conv2")
        MaxPool2D(size: 2)
        Flatten()
        Dense(units: 120, activation: .relu)
        Dense(units: 84, activation: .relu)
        Dense(units: 10)
    }
}

func block(_ filters: Int, stride: Int) -> Residual {
    Residual(activation: .relu) {
        Conv2D(filters: filters, kernelSize: 3, stride: stride, padding: .same, useBias: false)
        BatchNorm(); ReLU()
        Conv2D(filters: filters, kernelSize: 3, padding: .same, useBias: false)
        BatchNorm()
    }
}

/// ResNet-8: a stem and three residual stages of 16, 32 and 64 channels.
func resnet8() -> Sequential {
    Sequential {
        Conv2D(filters: 16, kernelSize: 3, padding: .same, useBias: false); BatchNorm(); ReLU()
        block(16, stride: 1); block(32, stride: 2); block(64, stride: 2)
        GlobalAvgPool2D(); Dense(units: 10)
    }
}

func now() -> Double { Date().timeIntervalSince1970 }

func report(_ fields: [String: Any]) {
    let data = try! JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
    print(String(data: data, encoding: .utf8)!)
}

let args = CommandLine.arguments
guard args.count >= 2 else { FileHandle.standardError.write("usage: stride-bench DATA_DIR [workload]\n".data(using: .utf8)!); exit(2) }
let dir = args[1], which = args.count > 2 ? args[2] : "all"
if args.count > 3, let threads = Int(args[3]) { EngineLimits.threads = threads }
EngineRandom.seed(0)

if which == "all" || which == "lenet-train" || which == "lenet-infer" {
    let trainX = try Tensor(shape: [4000, 1, 28, 28], scalars: readFloats(dir + "/train_x.f32"))
    let trainY = try Tensor(shape: [4000], scalars: readFloats(dir + "/train_y.f32"))
    let testX = try Tensor(shape: [1000, 1, 28, 28], scalars: readFloats(dir + "/test_x.f32"))
    let testY = try Tensor(shape: [1000], scalars: readFloats(dir + "/test_y.f32"))
    let model = lenet()
    if which != "lenet-infer" {
        let data = try TrainingData(images: trainX, labels: trainY)
        let start = now()
        _ = try model.fit(data, optimizer: Adam(learningRate: 1e-3), options: FitOptions(epochs: 5, batchSize: 64, seed: 1))
        let seconds = now() - start
        let accuracy = try model.evaluate(TrainingData(images: testX, labels: testY))["accuracy"]!
        report(["workload": "lenet-train", "images_per_second": 5 * 4000 / seconds, "seconds": seconds, "test_accuracy": accuracy])
    } else {
        _ = try model.summary(inputShape: [1, 1, 28, 28])
    }
    if which != "lenet-train" {
        _ = try model.predict(testX, batchSize: 1000)
        let repeats = 20
        let start = now()
        for _ in 0..<repeats { _ = try model.predict(testX, batchSize: 1000) }
        let seconds = now() - start
        report(["workload": "lenet-infer", "images_per_second": Double(repeats * 1000) / seconds])
    }
}

if which == "all" || which == "resnet8" {
    let x = try Tensor(randomNormal: [32, 3, 32, 32], seed: 1)
    let y = try Tensor(shape: [32], scalars: (0..<32).map { Float($0 % 10) })
    var model = resnet8()
    let optimizer = SGD(learningRate: 0.01, momentum: 0.9)
    func step() throws {
        let grads = try gradient(at: model) { m in try crossEntropy(logits: m(x), labels: y) }
        try optimizer.update(&model, along: grads)
    }
    for _ in 0..<3 { try step() }
    let steps = 30
    let start = now()
    for _ in 0..<steps { try step() }
    let seconds = now() - start
    report(["workload": "resnet8-train", "images_per_second": Double(steps * 32) / seconds])
}
