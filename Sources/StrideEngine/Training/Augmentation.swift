import Foundation

/// One random transformation of a batch of images [N, C, H, W].
public protocol AugmentationStep {
    /// Transforms every image of `batch` with draws from `rng`.
    func apply(to batch: Tensor, rng: inout SplitMix64) throws -> Tensor
}

/// A list of augmentation steps applied in order to every training batch.
public struct Augmentation {
    public var steps: [AugmentationStep]
    /// An augmentation from steps.
    public init(_ steps: [AugmentationStep]) { self.steps = steps }
    /// An augmentation built with a result builder: `Augmentation { RandomFlip(.horizontal) }`.
    public init(@AugmentationBuilder _ build: () -> [AugmentationStep]) { steps = build() }

    /// The batch transformed by every step, reproducibly for a given seed.
    public func apply(to batch: Tensor, seed: UInt64) throws -> Tensor {
        var rng = SplitMix64(seed: seed)
        var x = batch.detached()
        for step in steps { x = try step.apply(to: x, rng: &rng) }
        return x
    }
}

/// Builds a list of augmentation steps.
@resultBuilder
public enum AugmentationBuilder {
    public static func buildExpression(_ step: AugmentationStep) -> [AugmentationStep] { [step] }
    public static func buildBlock(_ parts: [AugmentationStep]...) -> [AugmentationStep] { parts.flatMap { $0 } }
}

func requireImages(_ batch: Tensor, _ op: String) throws -> (Int, Int, Int, Int) {
    guard batch.rank == 4 else { throw EngineError.invalidShape(op: op, shape: batch.shape, reason: "is not a batch of images [N, C, H, W]") }
    return (batch.shape[0], batch.shape[1], batch.shape[2], batch.shape[3])
}

/// Mirrors each image with probability 1/2.
public struct RandomFlip: AugmentationStep {
    /// The mirror axis.
    public enum Direction: Sendable { case horizontal, vertical }
    public let direction: Direction
    /// A random flip along `direction`.
    public init(_ direction: Direction = .horizontal) { self.direction = direction }
    public func apply(to batch: Tensor, rng: inout SplitMix64) throws -> Tensor {
        let (n, c, h, w) = try requireImages(batch, "RandomFlip")
        var out = batch
        out.makeUnique()
        let p = out.pointer, src = batch.pointer
        for i in 0..<n where rng.next() & 1 == 1 {
            for ch in 0..<c {
                let base = (i * c + ch) * h * w
                for y in 0..<h { for x in 0..<w {
                    let (sy, sx) = direction == .horizontal ? (y, w - 1 - x) : (h - 1 - y, x)
                    p[base + y * w + x] = src[base + sy * w + sx]
                } }
            }
        }
        return out
    }
}

/// Rotates each image by a uniform angle in ±degrees about its centre (bilinear, zero fill).
public struct RandomRotation: AugmentationStep {
    public let degrees: Float
    /// A random rotation of up to `degrees` either way.
    public init(degrees: Float) { self.degrees = degrees }
    public func apply(to batch: Tensor, rng: inout SplitMix64) throws -> Tensor {
        let (n, c, h, w) = try requireImages(batch, "RandomRotation")
        let out = try Tensor(zeros: batch.shape)
        let cy = Float(h - 1) / 2, cx = Float(w - 1) / 2
        for i in 0..<n {
            let angle = (rng.nextUnitFloat() * 2 - 1) * degrees * .pi / 180
            let (cosA, sinA) = (Foundation.cos(angle), Foundation.sin(angle))
            for y in 0..<h { for x in 0..<w {
                // Inverse mapping: where in the source does this output pixel come from?
                let dy = Float(y) - cy, dx = Float(x) - cx
                let sx = cosA * dx + sinA * dy + cx, sy = -sinA * dx + cosA * dy + cy
                let x0 = Int(Foundation.floor(sx)), y0 = Int(Foundation.floor(sy))
                let fx = sx - Float(x0), fy = sy - Float(y0)
                for ch in 0..<c {
                    let base = (i * c + ch) * h * w
                    func at(_ yy: Int, _ xx: Int) -> Float { (yy >= 0 && yy < h && xx >= 0 && xx < w) ? batch.pointer[base + yy * w + xx] : 0 }
                    let v = (1 - fy) * ((1 - fx) * at(y0, x0) + fx * at(y0, x0 + 1)) + fy * ((1 - fx) * at(y0 + 1, x0) + fx * at(y0 + 1, x0 + 1))
                    out.pointer[base + y * w + x] = v
                }
            } }
        }
        return out
    }
}

/// Shifts each image by whole pixels, up to ±pixels on each axis (zero fill).
public struct RandomShift: AugmentationStep {
    public let pixels: Int
    /// A random shift of up to `pixels`.
    public init(pixels: Int) { self.pixels = pixels }
    public func apply(to batch: Tensor, rng: inout SplitMix64) throws -> Tensor {
        let (n, c, h, w) = try requireImages(batch, "RandomShift")
        let out = try Tensor(zeros: batch.shape)
        let span = UInt64(2 * Swift.max(pixels, 0) + 1)
        for i in 0..<n {
            let dy = Int(rng.next() % span) - pixels, dx = Int(rng.next() % span) - pixels
            for ch in 0..<c {
                let base = (i * c + ch) * h * w
                for y in 0..<h {
                    let sy = y - dy
                    if sy < 0 || sy >= h { continue }
                    for x in 0..<w {
                        let sx = x - dx
                        if sx >= 0 && sx < w { out.pointer[base + y * w + x] = batch.pointer[base + sy * w + sx] }
                    }
                }
            }
        }
        return out
    }
}

/// Adds Gaussian noise of the given standard deviation to every value.
public struct RandomNoise: AugmentationStep {
    public let standardDeviation: Float
    /// Gaussian noise.
    public init(standardDeviation: Float) { self.standardDeviation = standardDeviation }
    public func apply(to batch: Tensor, rng: inout SplitMix64) throws -> Tensor {
        let noise = try Tensor(uninitializedShape: batch.shape)
        rng.fillNormal(UnsafeMutableBufferPointer(start: noise.pointer, count: noise.scalarCount), mean: 0, standardDeviation: standardDeviation)
        return try batch + noise
    }
}
