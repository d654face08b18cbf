import XCTest
@testable import StrideLanguage

/// A tiny host tensor (flat Doubles with a shape), standing in for the engine's Tensor to
/// check that every form of LANGUAGE.md §2-4 reaches the host.
final class FakeTensor: NativeObject {
    var shape: [Int]
    var scalars: [Double]
    init(shape: [Int], scalars: [Double]) { self.shape = shape; self.scalars = scalars }
    var typeName: String { "Tensor" }
    var description: String { "Tensor(\(shape), \(scalars))" }

    static func from(_ v: Value) throws -> FakeTensor {
        switch v {
        case .native(let n as FakeTensor): return n
        case .int(let i): return FakeTensor(shape: [], scalars: [Double(i)])
        case .double(let d): return FakeTensor(shape: [], scalars: [d])
        case .array(let xs):
            var rows: [FakeTensor] = []
            for x in xs { rows.append(try from(x)) }
            return FakeTensor(shape: [xs.count] + (rows.first?.shape ?? []), scalars: rows.flatMap(\.scalars))
        default: throw StrideError(.typeError, "cannot make a Tensor from \(v.typeName)")
        }
    }

    func member(_ name: String, in interp: Interpreter) throws -> Value {
        switch name {
        case "shape": return .array(shape.map { .int($0) })
        case "scalars": return .array(scalars.map { .double($0) })
        case "rank": return .int(shape.count)
        case "sum":
            return .function(Function(native: "sum", signature: "sum()", doc: "Sum.") { _ in
                .native(FakeTensor(shape: [], scalars: [self.scalars.reduce(0, +)]))
            })
        case "mean":
            return .function(NativeDeclaration("mean", kind: .method, [.int("axis", -1)], doc: "Mean.").function { call in
                let axis = try call.int("axis")
                return .array([.int(axis), .double(self.scalars.reduce(0, +) / Double(self.scalars.count))])
            })
        default: throw StrideError(.typeError, "Tensor has no member '\(name)'")
        }
    }
    func binary(_ op: BinaryOperator, _ other: Value, selfOnLeft: Bool) throws -> Value? {
        let o = try FakeTensor.from(other)
        let f: (Double, Double) -> Double
        switch op {
        case .add: f = (+)
        case .multiply: f = (*)
        case .subtract: f = selfOnLeft ? (-) : { $1 - $0 }
        default: return nil
        }
        let n = max(scalars.count, o.scalars.count)
        if scalars.count != o.scalars.count && scalars.count != 1 && o.scalars.count != 1 {
            throw StrideError(.shapeError, "shapes \(shape) and \(o.shape) do not broadcast for '\(op)'")
        }
        let out = (0..<n).map { f(scalars[scalars.count == 1 ? 0 : $0], o.scalars[o.scalars.count == 1 ? 0 : $0]) }
        return .native(FakeTensor(shape: scalars.count >= o.scalars.count ? shape : o.shape, scalars: out))
    }
    func prefix(_ op: PrefixOperator) throws -> Value? {
        op == .negate ? .native(FakeTensor(shape: shape, scalars: scalars.map { -$0 })) : nil
    }
    func subscriptGet(_ args: NativeCall) throws -> Value {
        guard let first = args.positional(0) else { throw StrideError(.indexError, "no index") }
        switch first {
        case .int(let i):
            guard i >= 0 && i < scalars.count else { throw StrideError(.indexError, "index \(i) out of range") }
            return .double(scalars[i])
        case .range(let r):
            let lo = r.lower ?? 0, hi = (r.upper ?? scalars.count) + (r.closed ? 1 : 0)
            return .native(FakeTensor(shape: [hi - lo], scalars: Array(scalars[lo..<hi])))
        default: throw StrideError(.typeError, "bad index")
        }
    }
}

/// A fake layer that records its configuration.
final class FakeLayer: NativeObject {
    let kind: String
    let config: [(label: String?, value: Value)]
    var weight = 1.0
    init(kind: String, config: [(label: String?, value: Value)]) { self.kind = kind; self.config = config }
    var typeName: String { kind }
    var description: String { kind + "(" + config.map { ($0.label.map { "\($0): " } ?? "") + $0.value.description }.joined(separator: ", ") + ")" }
    func member(_ name: String, in interp: Interpreter) throws -> Value {
        if name == "weight" { return .double(weight) }
        throw StrideError(.typeError, "\(kind) has no member '\(name)'")
    }
    func setMember(_ name: String, _ value: Value) throws {
        guard name == "weight", let d = value.asDouble else { throw StrideError(.typeError, "cannot set \(name)") }
        weight = d
    }
    func callAsFunction(_ args: NativeCall) throws -> Value {
        guard let x = args.positional(0) else { throw StrideError(.typeError, "\(kind) needs an input") }
        return try FakeTensor.from(x).binary(.multiply, .double(weight), selfOnLeft: true) ?? .void
    }
}

final class HostAPITests: XCTestCase {
    func makeInterpreter() -> (Interpreter, CollectingOutput) {
        let interp = Interpreter()
        let out = CollectingOutput()
        interp.output = out
        interp.defineNativeType(NativeTypeInfo(
            name: "Tensor", doc: "An n-dimensional array of numbers.", initSignatures: ["Tensor(_ values: [Any])", "Tensor(zeros: [Int])"],
            construct: { call in
                if let z = call.argument("zeros") {
                    guard case .array(let dims) = z else { throw StrideError(.typeError, "zeros: needs [Int]") }
                    let shape = dims.compactMap { v -> Int? in if case .int(let i) = v { return i }; return nil }
                    return .native(FakeTensor(shape: shape, scalars: Array(repeating: 0, count: shape.reduce(1, *))))
                }
                return .native(try FakeTensor.from(try NativeDeclaration("Tensor", [.value("_ values", "[Double]")], doc: "")
                    .match(call).required("values")))
            },
            staticMember: { name in name == "unit" ? .native(FakeTensor(shape: [1], scalars: [1])) : nil },
            memberNames: ["shape", "scalars", "rank", "sum", "mean"], staticMemberNames: ["unit"],
            isInstance: { if case .native(let n) = $0 { return n is FakeTensor }; return false }))
        interp.defineNativeType(NativeTypeInfo(name: "Layer", doc: "A neural network layer.", isProtocol: true))
        for kind in ["Conv2D", "MaxPool2D", "Dense"] {
            interp.defineNativeType(NativeTypeInfo(name: kind, construct: { call in
                .native(FakeLayer(kind: kind, config: call.arguments.map { ($0.label, $0.value) }))
            }))
        }
        interp.defineNative(function: "Sequential", signature: "Sequential(_ layers: () -> Layer)", doc: "Layers in order.") { call in
            guard let body = call.positional(0) else { throw StrideError(.typeError, "Sequential needs a body") }
            let layers = try call.interpreter.callCollecting(body, [])
            return .array(layers)
        }
        interp.defineNative(function: "valueWithGradient", signature: "valueWithGradient(at: Tensor, in: (Tensor) -> Tensor)", doc: "Value and gradient.") { call in
            guard let x = call.argument("at"), let f = call.positional(1) else { throw StrideError(.typeError, "needs at: and a closure") }
            let v = try call.interpreter.call(f, [x])
            let t = try FakeTensor.from(x)
            return .tuple(TupleStorage([v, .native(FakeTensor(shape: t.shape, scalars: t.scalars.map { 2 * $0 }))]))
        }
        interp.defineNative(function: "describeOption", signature: "describeOption(_ o: Symbol)", doc: "") { call in
            guard case .symbol(let s)? = call.positional(0) else { throw StrideError(.typeError, "needs a symbol") }
            return .string(s.name + s.arguments.map { " \($0.label ?? "_")=\($0.value)" }.joined())
        }
        interp.defineNative(NativeDeclaration("bump", [.value("_ model", "inout Any"), .double("by", 1)], doc: "")) { call in
            guard let ref = call.call.arguments.first?.reference else { throw StrideError(.typeError, "bump needs &model") }
            let model = try ref.get()
            let step = try call.double("by")
            let w = try call.interpreter.property("w", of: model)
            try ref.set(try call.interpreter.settingProperty("w", of: model, to: .double((w.asDouble ?? 0) + step)))
            return .void
        }
        return (interp, out)
    }

    func run(_ interp: Interpreter, _ out: CollectingOutput, _ code: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        out.clear()
        if case .error(let e) = interp.execute(code) { XCTFail(e.rendered, file: file, line: line) }
        return out.stdout
    }

    func testTensorFormsReachTheHost() {
        let (interp, out) = makeInterpreter()
        XCTAssertEqual(run(interp, out, """
            let a = Tensor([[1, 2], [3, 4]])
            let z = Tensor(zeros: [2, 3])
            print(a.shape, z.shape, a.rank)
            print((a + 1).scalars, (a * a).scalars, (10 - a).scalars, (-a).scalars)
            print(a[0], a[1..<3].scalars, a.sum(), a.mean(axis: 0))
            var t: Tensor = a
            print(t is Tensor, Tensor.unit.scalars)
            """), """
            [2, 2] [2, 3] 2
            [2.0, 3.0, 4.0, 5.0] [1.0, 4.0, 9.0, 16.0] [9.0, 8.0, 7.0, 6.0] [-1.0, -2.0, -3.0, -4.0]
            1.0 [2.0, 3.0] Tensor([], [10.0]) [0, 2.5]
            true [1.0]

            """)
    }

    func testHostErrorsAreCatchableAndLocated() {
        let (interp, out) = makeInterpreter()
        XCTAssertEqual(run(interp, out, "do { _ = Tensor([1, 2]) + Tensor([1, 2, 3]) } catch { print(error) }"),
                       "ShapeError: shapes [2] and [3] do not broadcast for '+'\n")
        guard case .error(let e) = interp.execute("let a = Tensor([1, 2])\nlet b = a + Tensor([1, 2, 3])") else { return XCTFail("expected an error") }
        XCTAssertEqual(e.kind, .shapeError)
        XCTAssertEqual(e.location?.line, 2)
        XCTAssertEqual(e.location?.column, 11)
    }

    func testSymbolsAndResultBuilders() {
        let (interp, out) = makeInterpreter()
        XCTAssertEqual(run(interp, out, """
            print(describeOption(.same), describeOption(.step(every: 2, factor: 0.5)))
            let net = Sequential {
                Conv2D(filters: 6, kernelSize: 5, padding: .same, activation: .relu)
                MaxPool2D(size: 2); Dense(units: 10)
            }
            print(net.count, net[0], net[2])
            print(Sequential { Dense(units: 1) }.count)
            """), """
            same step every=2 factor=0.5
            3 Conv2D(filters: 6, kernelSize: 5, padding: .same, activation: .relu) Dense(units: 10)
            1

            """)
    }

    func testUserLayersAreCallableAndIntrospectable() throws {
        let (interp, out) = makeInterpreter()
        XCTAssertEqual(run(interp, out, """
            struct TinyNet: Layer {
                var conv = Conv2D(filters: 8, kernelSize: 3)
                var scale = 2.0
                func callAsFunction(_ x: Tensor) -> Tensor { conv(x) * scale }
            }
            var net = TinyNet()
            print(net(Tensor([1, 2])).scalars)
            let (v, g) = valueWithGradient(at: Tensor([1, 2, 3])) { x in (x * x).sum() }
            print(v, g.scalars)
            """), "[2.0, 4.0]\nTensor([], [14.0]) [2.0, 4.0, 6.0]\n")
        let net = try XCTUnwrap(interp.global("net"))
        let info = try XCTUnwrap(interp.instanceInfo(of: net))
        XCTAssertEqual(info.typeName, "TinyNet")
        XCTAssertEqual(info.conformances, ["Layer"])
        XCTAssertEqual(info.properties.map(\.name), ["conv", "scale"])
        XCTAssertTrue(interp.conforms(net, to: "Layer"))
        let result = try interp.call(net, [.native(FakeTensor(shape: [1], scalars: [3]))])
        XCTAssertEqual((result.nativeObject as? FakeTensor)?.scalars, [6])
        // A modified copy leaves the original alone (value semantics); Int converts to Double.
        let changed = try interp.settingProperty("scale", of: net, to: .int(5))
        XCTAssertEqual(try interp.property("scale", of: changed).description, "5.0")
        XCTAssertEqual(try interp.property("scale", of: net).description, "2.0")
        XCTAssertThrowsError(try interp.settingProperty("scale", of: net, to: .string("x")))
    }

    func testInoutArgumentsToNatives() {
        let (interp, out) = makeInterpreter()
        XCTAssertEqual(run(interp, out, """
            struct Model { var w = 1.0 }
            var m = Model()
            let before = m
            bump(&m, by: 0.5)
            print(m.w, before.w)
            """), "1.5 1.0\n")
    }

    func testNativeMembersCanBeSet() {
        let (interp, out) = makeInterpreter()
        XCTAssertEqual(run(interp, out, "let d = Dense(units: 1)\nd.weight = 3\nprint(d.weight, d(Tensor([2])).scalars)"), "3.0 [6.0]\n")
    }
}

extension Value {
    var nativeObject: NativeObject? { if case .native(let n) = self { return n }; return nil }
}
