import XCTest
@testable import StrideEngine

/// The plane-shift im2col (stride 1, `.same`) against the row-by-row one, which handles every
/// geometry: the columns must be identical, padding zeros included.
final class Im2colTests: XCTestCase {
    func testPlaneShiftColumnsEqualRowwiseColumns() throws {
        // (input [N, C, H, W], kernel, padding): odd and even kernels (even ones pad one more
        // after), planes smaller than the kernel, a 1×1 kernel, one-pixel planes.
        let cases: [([Int], [Int], Padding)] = [
            ([2, 3, 8, 8], [3, 3], .same), ([3, 2, 5, 7], [5, 5], .same), ([1, 1, 4, 6], [2, 2], .same),
            ([2, 2, 3, 3], [4, 4], .same), ([1, 4, 6, 5], [1, 1], .same), ([2, 1, 1, 1], [3, 3], .same),
            ([1, 2, 2, 9], [3, 1], .same), ([2, 3, 9, 2], [1, 3], .same), ([1, 2, 7, 7], [3, 3], .explicit([1])),
        ]
        var geometries: [ConvGeometry] = []
        for (shape, kernel, padding) in cases {
            geometries.append(try ConvGeometry.make(op: "test", inputShape: shape, outChannels: 1, kernel: kernel,
                                                    stride: [1], dilation: [1], padding: padding))
        }
        // Bands of output rows, as the convolution kernel takes a large sample: the first,
        // a middle and the last rows of a 9-row output.
        for (first, count) in [(0, 3), (3, 4), (7, 2)] {
            var band = geometries[0]
            band.input = [1, 9, 6]; band.output = [1, count, 6]
            band.padBefore[1] -= first
            geometries.append(band)
        }
        for g in geometries {
            let shape = [g.batch, g.inChannels, g.input[1], g.input[2]], kernel = [g.kernel[1], g.kernel[2]]
            XCTAssertTrue(g.isPlaneShift, "\(shape) \(kernel)")
            let x = randn(shape, seed: UInt64(shape.reduce(0, +))).scalars
            let count = g.colRows * g.batch * g.outPlane
            var fast = [Float](repeating: .nan, count: count), rowwise = [Float](repeating: .nan, count: count)
            x.withUnsafeBufferPointer { xp in
                fast.withUnsafeMutableBufferPointer { Im2col.planeShiftIm2col(xp.baseAddress!, g, $0.baseAddress!, serial: false) }
                rowwise.withUnsafeMutableBufferPointer { Im2col.rowwiseIm2col(xp.baseAddress!, g, $0.baseAddress!, serial: true) }
            }
            XCTAssertEqual(fast, rowwise, "\(shape) kernel \(kernel)")
            // col2im of the same columns: both add into zeros in the same order per pixel.
            var image1 = [Float](repeating: 0, count: x.count), image2 = [Float](repeating: 0, count: x.count)
            let columns = randn([count], seed: 7).scalars
            columns.withUnsafeBufferPointer { cp in
                image1.withUnsafeMutableBufferPointer { Im2col.planeShiftCol2im(cp.baseAddress!, g, $0.baseAddress!, serial: false) }
                image2.withUnsafeMutableBufferPointer { Im2col.rowwiseCol2im(cp.baseAddress!, g, $0.baseAddress!, serial: true) }
            }
            XCTAssertEqual(image1, image2, "col2im \(shape) kernel \(kernel)")
        }
    }

    func testOtherGeometriesAreNotPlaneShifts() throws {
        for (stride, dilation, padding) in [(2, 1, Padding.same), (1, 2, .same), (1, 1, .valid), (1, 1, .explicit([2]))] {
            // (A `.valid` or wider padding changes the output width: rows no longer line up.)
            let g = try ConvGeometry.make(op: "test", inputShape: [1, 1, 8, 8], outChannels: 1, kernel: [3, 3],
                                          stride: [stride], dilation: [dilation], padding: padding)
            XCTAssertFalse(g.isPlaneShift, "stride \(stride) dilation \(dilation) \(padding)")
        }
    }
}
