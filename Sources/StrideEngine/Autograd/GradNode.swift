import Synchronization

/// One node of the reverse-mode graph: the tensor an operation produced, the nodes of its
/// inputs, and the operation's backward rule, which maps the output's gradient to one
/// gradient per input (nil where an input needs none).
final class GradNode {
    private static let lastID = Atomic<Int>(0)

    /// Creation order; a node is always created after its parents, so sorting by
    /// decreasing id is a topological order of the graph.
    let id: Int
    let parents: [GradNode?]
    let backward: ((Tensor) throws -> [Tensor?])?
    let shape: [Int]
    var grad: Tensor?

    init(shape: [Int], parents: [GradNode?], backward: ((Tensor) throws -> [Tensor?])?) {
        id = GradNode.lastID.add(1, ordering: .relaxed).newValue
        self.shape = shape
        self.parents = parents
        self.backward = backward
    }

    /// Adds `g` to the accumulated gradient.
    func accumulate(_ g: Tensor) throws {
        guard g.shape == shape else {
            throw EngineError.shape(op: "gradient accumulation", lhs: shape, rhs: g.shape)
        }
        if var existing = grad {
            grad = nil
            existing.makeUnique()
            let p = existing.pointer, q = g.pointer
            for i in 0..<existing.scalarCount { p[i] += q[i] }
            grad = existing
        } else {
            grad = g.detached()
        }
    }
}

extension Tensor {
    /// Whether this tensor takes part in a gradient computation.
    public var isTracked: Bool { node != nil }

    /// Attaches a backward rule to `output` when any input is tracked; otherwise returns it
    /// untouched, so code outside gradient computations pays nothing.
    @inline(__always)
    static func record(_ output: Tensor, _ inputs: [Tensor], _ backward: @escaping (Tensor) throws -> [Tensor?]) -> Tensor {
        var anyTracked = false
        for t in inputs where t.node != nil { anyTracked = true; break }
        if !anyTracked { return output }
        var out = output
        out.node = GradNode(shape: output.shape, parents: inputs.map { $0.node }, backward: backward)
        return out
    }

    /// A leaf of a new gradient computation holding this tensor's values.
    func trackedLeaf() -> Tensor {
        var t = detached()
        t.node = GradNode(shape: shape, parents: [], backward: nil)
        return t
    }

    /// Runs reverse-mode differentiation from this tensor, seeding it with `seed`
    /// (ones when nil); gradients accumulate in the leaves' nodes.
    func backpropagate(seed: Tensor? = nil) throws {
        guard let root = node else { return }
        var order: [GradNode] = []
        var seen = Set<ObjectIdentifier>()
        var stack = [root]
        while let n = stack.popLast() {
            if !seen.insert(ObjectIdentifier(n)).inserted { continue }
            order.append(n)
            for case let p? in n.parents { stack.append(p) }
        }
        order.sort { $0.id > $1.id }
        try root.accumulate(seed ?? Tensor(ones: shape))
        for n in order {
            guard let backward = n.backward, let g = n.grad else { continue }
            // Interior gradients are not needed after use; freeing them keeps memory flat.
            n.grad = nil
            let inputGrads = try backward(g)
            for (parent, pg) in zip(n.parents, inputGrads) {
                if let parent, let pg { try parent.accumulate(pg) }
            }
        }
    }
}
