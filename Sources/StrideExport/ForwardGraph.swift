import StrideEngine

/// A forward pass recorded while it ran on a sample: which library layers and tensor
/// functions it called, on which values. User types declared `: Layer` export through it,
/// since their `callAsFunction` is code the exporters cannot read, only watch.
public struct ForwardGraph {
    /// One call. Value 0 is the graph's input; value i + 1 is step i's output.
    public struct Step {
        public enum Operation {
            /// A library layer inside the traced model (at `path` below it).
            case layer(Layer, path: String)
            /// A tensor function by its Stride name ("relu", "maxPool2d", "permuted", "add").
            case function(String)
            /// A tensor made inside the forward pass from no traced value (a scalar operand).
            case constant(Tensor)
        }
        public let operation: Operation
        public let inputs: [Int]
        public let attributes: [String: Attribute]
        public let output: Tensor

        public init(_ operation: Operation, inputs: [Int], attributes: [String: Attribute] = [:], output: Tensor) {
            self.operation = operation; self.inputs = inputs; self.attributes = attributes; self.output = output
        }
    }

    /// A non-tensor argument of a function.
    public enum Attribute {
        case int(Int)
        case ints([Int])
        case float(Float)
        case padding(Padding)
    }

    public let steps: [Step]
    /// The value the forward pass returned.
    public let output: Int

    public init(steps: [Step], output: Int) { self.steps = steps; self.output = output }

    /// The functions the exporters know; a forward pass calling another is refused by name.
    public static let functions: Set<String> = [
        "relu", "sigmoid", "tanh", "swish", "leakyRelu", "elu", "softmax",
        "maxPool1d", "maxPool2d", "maxPool3d", "avgPool1d", "avgPool2d", "avgPool3d",
        "globalAvgPool2d", "globalMaxPool2d", "globalAvgPool", "globalMaxPool",
        "permuted", "upsample2d", "concat", "add", "subtract", "multiply", "divide",
    ]
}

/// A layer whose forward pass can be recorded (a user type, which StrideKernel adapts).
public protocol TraceableLayer: Layer {
    /// Runs the forward pass on `input`, recording it.
    func traceForward(_ input: Tensor) throws -> ForwardGraph
}

extension Layer {
    /// The dotted path of `target` inside this layer's tree, or nil.
    public func path(of target: Layer) -> String? {
        for (name, child) in children {
            if child === target { return name }
            if let inner = child.path(of: target) { return name + "." + inner }
        }
        return nil
    }
}
