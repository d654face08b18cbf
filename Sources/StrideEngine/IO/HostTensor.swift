/// A dense Float32 array in row-major order with its shape: the raw storage that datasets and
/// weight files exchange with the tensor engine.
public struct HostTensor: Equatable, Sendable {
    /// The size of each axis, outermost first. `[]` is a scalar holding one value.
    public private(set) var shape: [Int]
    /// The values, row-major; `scalars.count` equals the product of `shape`.
    public private(set) var scalars: [Float]

    /// Makes a tensor after checking that `scalars` holds exactly the product of `shape` values.
    public init(shape: [Int], scalars: [Float]) throws {
        guard let count = HostTensor.elementCount(of: shape) else {
            throw DataError(.invalidArgument, "shape \(shape) has a negative or too large dimension")
        }
        guard count == scalars.count else {
            throw DataError(.invalidArgument,
                            "shape \(shape) needs \(count) values but \(scalars.count) were given")
        }
        self.shape = shape
        self.scalars = scalars
    }

    /// Makes a tensor whose consistency the caller has already established.
    init(validShape shape: [Int], scalars: [Float]) {
        self.shape = shape
        self.scalars = scalars
    }

    /// A tensor of `shape` filled with zeros.
    public init(zeros shape: [Int]) throws {
        guard let count = HostTensor.elementCount(of: shape) else {
            throw DataError(.invalidArgument, "shape \(shape) has a negative or too large dimension")
        }
        self.shape = shape
        self.scalars = [Float](repeating: 0, count: count)
    }

    /// The number of values, the product of `shape`.
    public var scalarCount: Int { scalars.count }

    /// The same values under a new shape with the same number of elements.
    public func reshaped(to newShape: [Int]) throws -> HostTensor {
        guard HostTensor.elementCount(of: newShape) == scalars.count else {
            throw DataError(.invalidArgument,
                            "cannot reshape \(shape) (\(scalars.count) values) to \(newShape)")
        }
        return HostTensor(validShape: newShape, scalars: scalars)
    }

    /// The product of `shape`, or nil when a dimension is negative or the product of the
    /// non-zero dimensions overflows (the rule of `Tensor`'s shapes).
    static func elementCount(of shape: [Int]) -> Int? {
        guard !shape.contains(where: { $0 < 0 }),
              let nonZero = Tensor.checkedProduct(shape.lazy.filter { $0 != 0 }) else { return nil }
        return shape.contains(0) ? 0 : nonZero
    }
}
