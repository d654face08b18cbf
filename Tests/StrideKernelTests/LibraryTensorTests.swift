import XCTest
import StrideLanguage
@testable import StrideKernel

/// Tensors from the language: constructors, properties, subscripts, operators, reductions,
/// functions and errors. Expected numbers are computed by hand.
final class LibraryTensorTests: XCTestCase {
    var h: LibraryHarness!
    override func setUp() { h = LibraryHarness() }

    func testConstructorsAndProperties() {
        h.run("let a = Tensor([[1, 2], [3, 4]])")
        XCTAssertEqual(h.run("print(a.shape, a.rank, a.scalarCount)"), "[2, 2] 2 4\n")
        XCTAssertEqual(h.run("print(a.scalars)"), "[1.0, 2.0, 3.0, 4.0]\n")
        XCTAssertEqual(h.shape("Tensor(zeros: [2, 3])"), [2, 3])
        XCTAssertEqual(h.scalars("Tensor(ones: [3])"), [1, 1, 1])
        XCTAssertEqual(h.scalars("Tensor(repeating: 2.5, shape: [2])"), [2.5, 2.5])
        XCTAssertEqual(h.scalars("Tensor(shape: [2, 1], scalars: [7, 8])"), [7, 8])
        XCTAssertEqual(h.scalars("Tensor(range: 0..<4)"), [0, 1, 2, 3])
        XCTAssertEqual(h.scalars("Tensor(2.5)"), [2.5])
        XCTAssertEqual(h.shape("Tensor(2.5)"), [])
        XCTAssertEqual(h.shape("Tensor(stacking: [a, a], axis: 0)"), [2, 2, 2])
        XCTAssertEqual(h.scalars("Tensor([a[0], a[1]])"), [1, 2, 3, 4])
    }

    func testSeededRandomTensorsRepeatAndRespectBounds() {
        XCTAssertEqual(h.scalars("Tensor(randomNormal: [5], seed: 3)"), h.scalars("Tensor(randomNormal: [5], seed: 3)"))
        XCTAssertNotEqual(h.scalars("Tensor(randomNormal: [5], seed: 3)"), h.scalars("Tensor(randomNormal: [5], seed: 4)"))
        let u = h.scalars("Tensor(randomUniform: [1000], lowerBound: -1, upperBound: 1, seed: 1)")
        XCTAssertTrue(u.allSatisfy { $0 >= -1 && $0 < 1 })
        XCTAssertGreaterThan(u.max()!, 0.9)
        XCTAssertLessThan(u.min()!, -0.9)
        let n = h.scalars("Tensor(randomNormal: [20000], mean: 2, standardDeviation: 3, seed: 0)")
        let mean = n.reduce(0, +) / Float(n.count)
        XCTAssertEqual(mean, 2, accuracy: 0.1)
        XCTAssertEqual(h.error("Tensor(randomNormal: [2], seed: -1)")?.kind, .valueError)
        XCTAssertEqual(h.error("Tensor(randomNormal: [2], seed: \"x\")")?.kind, .typeError)
        XCTAssertEqual(h.error("Tensor(randomUniform: [2], lowerBound: 1, upperBound: 0)")?.kind, .valueError)
    }

    func testDescriptionIsReadable() {
        XCTAssertEqual(h.run("print(Tensor([[1, 2], [3, 4]]))"), "[[1.0, 2.0],\n [3.0, 4.0]]\n")
        XCTAssertEqual(h.run("print(Tensor([1, 2, 3]).sum())"), "6.0\n")
    }

    func testSubscriptsAndSlices() {
        h.run("let a = Tensor([[1, 2], [3, 4]]); let r = Tensor(range: 0..<10)")
        XCTAssertEqual(h.scalars("a[0]"), [1, 2])
        XCTAssertEqual(h.scalars("a[1, 0]"), [3])
        XCTAssertEqual(h.scalars("a[-1]"), [3, 4])
        XCTAssertEqual(h.scalars("r[2..<5]"), [2, 3, 4])
        XCTAssertEqual(h.scalars("r[8...]"), [8, 9])
        XCTAssertEqual(h.scalars("r[...1]"), [0, 1])
        XCTAssertEqual(h.error("a[2]")?.kind, .indexError)
        XCTAssertEqual(h.error("r[5..<11]")?.kind, .indexError)
        XCTAssertEqual(h.error("a[0, 0, 0]")?.kind, .indexError)
    }

    func testArithmeticBroadcastsOnBothSides() {
        h.run("let a = Tensor([[1, 2], [3, 4]])")
        XCTAssertEqual(h.scalars("a + 1"), [2, 3, 4, 5])
        XCTAssertEqual(h.scalars("10 - a"), [9, 8, 7, 6])
        XCTAssertEqual(h.scalars("a * a"), [1, 4, 9, 16])
        XCTAssertEqual(h.scalars("a / Tensor([1, 2])"), [1, 1, 3, 2])
        XCTAssertEqual(h.scalars("2.0 * a"), [2, 4, 6, 8])
        XCTAssertEqual(h.scalars("a - Tensor([[1], [2]])"), [0, 1, 1, 2])
        XCTAssertEqual(h.scalars("-a"), [-1, -2, -3, -4])
        XCTAssertEqual(h.scalars("a > 2"), [0, 0, 1, 1])
        XCTAssertEqual(h.scalars("a <= 2"), [1, 1, 0, 0])
        XCTAssertEqual(h.run("print(a == Tensor([[1, 2], [3, 4]]), a != a)"), "true false\n")
    }

    func testShapeMismatchNamesOperationAndBothShapes() {
        guard let e = h.error("Tensor([1, 2]) + Tensor([1, 2, 3])") else { return }
        XCTAssertEqual(e.kind, .shapeError)
        XCTAssertTrue(e.message.contains("[2]") && e.message.contains("[3]"), e.message)
        XCTAssertTrue(e.message.contains("add") || e.message.contains("+"), e.message)
        guard let m = h.error("matmul(Tensor(zeros: [2, 3]), Tensor(zeros: [2, 3]))") else { return }
        XCTAssertEqual(m.kind, .shapeError)
        XCTAssertTrue(m.message.contains("matmul") && m.message.contains("[2, 3]"), m.message)
    }

    func testLibraryErrorsAreCatchable() {
        let out = h.run("""
        do { let _ = try Tensor([1, 2]) + Tensor([1, 2, 3]) } catch { print("caught", error) }
        """)
        XCTAssertTrue(out.hasPrefix("caught ShapeError:"), out)
    }

    func testMatrixAndShapeOperations() {
        h.run("let a = Tensor([[1, 2], [3, 4]])")
        XCTAssertEqual(h.scalars("matmul(a, a)"), [7, 10, 15, 22])
        XCTAssertEqual(h.scalars("a.transposed()"), [1, 3, 2, 4])
        XCTAssertEqual(h.shape("Tensor(zeros: [4, 1, 2, 3]).reshaped(to: [4, 6])"), [4, 6])
        XCTAssertEqual(h.shape("Tensor(zeros: [4, 1, 2, 3]).flattened()"), [24])
        XCTAssertEqual(h.shape("a.expandingShape(at: 0)"), [1, 2, 2])
        XCTAssertEqual(h.shape("Tensor(zeros: [1, 3, 1]).squeezingShape()"), [3])
        XCTAssertEqual(h.shape("Tensor(zeros: [2, 3, 4]).permuted([2, 0, 1])"), [4, 2, 3])
        XCTAssertEqual(h.scalars("concat([a, a], axis: 0)"), [1, 2, 3, 4, 1, 2, 3, 4])
        XCTAssertEqual(h.scalars("concat([a, a], axis: 1)"), [1, 2, 1, 2, 3, 4, 3, 4])
        XCTAssertEqual(h.scalars("Tensor(stacking: [a, a], axis: 1)"), [1, 2, 1, 2, 3, 4, 3, 4])
        XCTAssertEqual(h.error("a.reshaped(to: [3])")?.kind, .shapeError)
    }

    func testReductions() {
        h.run("let a = Tensor([[1, 2], [3, 4]])")
        XCTAssertEqual(h.scalars("a.sum()"), [10])
        XCTAssertEqual(h.scalars("a.sum(axis: 1)"), [3, 7])
        XCTAssertEqual(h.shape("a.sum(axis: 1, keepDims: true)"), [2, 1])
        XCTAssertEqual(h.scalars("a.mean(axis: 0)"), [2, 3])
        XCTAssertEqual(h.scalars("a.max()"), [4])
        XCTAssertEqual(h.scalars("a.min(axis: 1)"), [1, 3])
        XCTAssertEqual(h.scalars("a.variance()"), [1.25])        // mean 2.5; squares 2.25, .25, .25, 2.25
        XCTAssertEqual(h.scalars("a.variance(axis: 0)"), [1, 1])
        XCTAssertEqual(h.scalars("Tensor([[1, 5, 2], [9, 0, 3]]).argmax(axis: 1)"), [1, 0])
        XCTAssertEqual(h.run("print(Tensor([1, 5, 2]).argmax())"), "1\n")
        XCTAssertEqual(h.run("print(a.sum().scalarized())"), "10.0\n")
        XCTAssertEqual(h.error("a.sum(axis: 2)")?.kind, .shapeError)
    }

    func testElementwiseFunctions() {
        h.run("let x = Tensor([-1, 0, 2])")
        XCTAssertEqual(h.scalars("relu(x)"), [0, 0, 2])
        assertClose(h.scalars("sigmoid(x)"), [1 / (1 + expf(1)), 0.5, 1 / (1 + expf(-2))])
        assertClose(h.scalars("tanh(x)"), [tanhf(-1), 0, tanhf(2)])
        assertClose(h.scalars("exp(x)"), [expf(-1), 1, expf(2)])
        assertClose(h.scalars("log(Tensor([1, 4]))"), [0, logf(4)])
        assertClose(h.scalars("sqrt(Tensor([4, 9]))"), [2, 3])
        XCTAssertEqual(h.scalars("abs(x)"), [1, 0, 2])
        XCTAssertEqual(h.run("print(abs(-3), sqrt(16.0))"), "3 4.0\n")
        assertClose(h.scalars("leakyRelu(x, alpha: 0.1)"), [-0.1, 0, 2])
        // softmax of [1, 2] per row: e/(e+e²), e²/(e+e²)
        let s0 = 1 / (1 + expf(1))
        assertClose(h.scalars("softmax(Tensor([[1, 2], [1, 2]]), axis: 1)"), [s0, 1 - s0, s0, 1 - s0])
    }

    func testConvolutionAndPoolingByHand() {
        // A 3x3 image of 1..9 and a 2x2 filter of ones: each output is the sum of a window.
        h.run("let img = Tensor(range: 1..<10).reshaped(to: [1, 1, 3, 3]); let f = Tensor(ones: [1, 1, 2, 2])")
        XCTAssertEqual(h.scalars("conv2d(img, filter: f)"), [12, 16, 24, 28])
        XCTAssertEqual(h.scalars("conv2d(img, filter: f, stride: 2)"), [12])
        XCTAssertEqual(h.shape("conv2d(img, filter: f, padding: .same)"), [1, 1, 3, 3])
        XCTAssertEqual(h.scalars("conv2d(img, filter: f, bias: Tensor([1]))"), [13, 17, 25, 29])
        XCTAssertEqual(h.scalars("maxPool2d(img, size: 2, stride: 1)"), [5, 6, 8, 9])
        XCTAssertEqual(h.scalars("avgPool2d(img, size: 2, stride: 1)"), [3, 4, 6, 7])
        XCTAssertEqual(h.scalars("globalAvgPool2d(img)"), [5])
        XCTAssertEqual(h.shape("conv2d(Tensor(randomNormal: [64, 1, 28, 28], seed: 0), filter: Tensor(randomNormal: [6, 1, 5, 5], seed: 2), stride: 1, padding: .same)"), [64, 6, 28, 28])
        guard let e = h.error("conv2d(img, filter: Tensor(ones: [1, 2, 2, 2]))") else { return }
        XCTAssertEqual(e.kind, .shapeError)
        XCTAssertTrue(e.message.contains("conv2d") && e.message.contains("[1, 1, 3, 3]") && e.message.contains("[1, 2, 2, 2]"), e.message)
        XCTAssertEqual(h.error("conv2d(img, filter: f, padding: .full)")?.kind, .valueError)
    }

    func testArgumentErrorsNameTheParameter() {
        guard let e = h.error("Tensor(zeros: [2]).reshaped(to: \"x\")") else { return }
        XCTAssertEqual(e.kind, .typeError)
        XCTAssertTrue(e.message.contains("'to:'"), e.message)
        guard let s = h.error("maxPool2d(Tensor(zeros: [1, 1, 4, 4]), size: 0)") else { return }
        XCTAssertEqual(s.kind, .valueError)
        XCTAssertTrue(s.message.contains("'size:'"), s.message)
        XCTAssertEqual(h.error("Tensor([[1, 2], [3]])")?.kind, .valueError)
    }

    func testMemoryLimitIsAMemoryError() {
        guard let e = h.error("Tensor(zeros: [100000, 100000, 100])") else { return }
        XCTAssertEqual(e.kind, .memoryError)
    }

    /// One catchability rule: a MemoryError is a trap, whether an operator or a function ran out.
    func testMemoryErrorsAreUncatchableFromOperatorsAndFunctionsAlike() {
        let viaOperator = h.error("""
        let a = Tensor(zeros: [1000000, 1]), b = Tensor(zeros: [1, 1000000])
        do { let c = try a + b; print(c.shape) } catch { print("caught", error) }
        """)
        XCTAssertEqual(viaOperator?.kind, .memoryError)
        let viaFunction = h.error("""
        do { let c = try matmul(a, b); print(c.shape) } catch { print("caught", error) }
        """)
        XCTAssertEqual(viaFunction?.kind, .memoryError)
        let caughtShape = h.run("""
        do { _ = try Tensor(zeros: [2, 3]) + Tensor(zeros: [4]) } catch { print("caught", error) }
        """)
        XCTAssertTrue(caughtShape.hasPrefix("caught ShapeError"), caughtShape)
    }

    func testSaveAndLoadTensors() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stride-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("t.safetensors").path
        h.run("saveTensors([\"x\": Tensor([[1, 2], [3, 4]]), \"y\": Tensor([5])], to: \"\(path)\")")
        XCTAssertEqual(h.run("let d = loadTensors(\"\(path)\"); print(d.keys.sorted(), d[\"x\"]!.shape)"), "[\"x\", \"y\"] [2, 2]\n")
        XCTAssertEqual(h.scalars("d[\"x\"]!"), [1, 2, 3, 4])
        XCTAssertEqual(h.error("loadTensors(\"\(dir.path)/missing.safetensors\")")?.kind, .ioError)
        XCTAssertEqual(h.error("saveTensors([\"x\": 3], to: \"\(path)\")")?.kind, .typeError)
    }

    func testTensorsInOrdinaryCode() {
        XCTAssertEqual(h.run("""
        var t = Tensor([1, 2])
        t += 1
        t = t * 2
        let u = t          // tensors are values: changing t later leaves u alone
        t = t - 10
        func double(_ x: Tensor) -> Tensor { x * 2 }
        print(t, u, double(u), u is Tensor, 3 is Tensor)
        """), "[-6.0, -4.0] [4.0, 6.0] [8.0, 12.0] true false\n")
        XCTAssertEqual(h.run("let xs = [Tensor([1]), Tensor([2])]; print(xs.map { $0.sum() })"), "[1.0, 2.0]\n")
        XCTAssertEqual(h.run("print(Tensor([0.1, 0.25]).scalars, Tensor([[1.5]]).scalar!)"), "[0.1, 0.25] 1.5\n")
    }

    /// The messages users read, pinned: each names the function, the parameter or the
    /// shapes, and what was expected.
    func testErrorMessages() {
        let table: [(String, String)] = [
            ("Conv2D(filters: 6)", "TypeError: Conv2D: missing argument 'kernelSize:'"),
            ("Tensor(zeros: [2]).reshaped(to: \"x\")", "TypeError: Tensor.reshaped: argument 'to:' must be an array of Ints, got String"),
            ("maxPool2d(Tensor(zeros: [1, 1, 4, 4]), size: 0)", "ValueError: maxPool2d: 'size:' must be positive, got 0"),
            ("Dense(units: 4, colour: 3)", "TypeError: Dense: unexpected argument 'colour:'"),
            ("conv2d(Tensor(zeros: [1, 1, 3, 3]), filter: Tensor(ones: [1, 2, 2, 2]))", "ShapeError: conv2d: shapes [1, 1, 3, 3] and [1, 2, 2, 2] are incompatible"),
            ("Tensor([1, 2]) + Tensor([1, 2, 3])", "ShapeError: add: shapes [2] and [3] are incompatible"),
            ("Tensor([[1, 2], [3]])", "ValueError: Tensor: nested arrays are ragged (expected 2 elements at depth 1, found 1)"),
            ("matmul(Tensor([1]))", "TypeError: matmul: missing argument #2"),
            ("gradient(at: 3) { x in x }", "TypeError: gradient: argument 'at:' must be a Tensor or a model, got Int"),
            ("Tensor(zeros: [2])[5]", "IndexError: index 5 is out of range for an axis of size 2"),
        ]
        for (source, message) in table {
            XCTAssertEqual(h.error(source)?.description, message, source)
        }
    }
}
