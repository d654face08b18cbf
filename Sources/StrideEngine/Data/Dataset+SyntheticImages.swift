extension Dataset {
    /// The class names of `shapes`, by label.
    public static let shapeClasses = ["circle", "square", "triangle", "cross"]
    /// The class names of `volumes`, by label.
    public static let volumeClasses = ["sphere", "cube"]

    /// `count` grayscale images `[count, 1, size, size]` in [0, 1] of filled circles, squares,
    /// triangles and crosses (labels cycle 0, 1, 2, 3 so the classes are balanced), each at a
    /// random position and scale with random brightness and a little noise; the same seed gives
    /// the same images.
    public static func shapes(count: Int, size: Int = 28, seed: Int = 0) throws -> Dataset {
        guard count >= 0 else { throw DataError(.invalidArgument, "count must not be negative, but it is \(count)") }
        guard size >= 8 && size <= 1024 else { throw DataError(.invalidArgument, "size must be between 8 and 1024, but it is \(size)") }
        var generator = SeededGenerator(seed: seed)
        let plane = size * size
        var scalars = [Float](repeating: 0, count: count * plane)
        var labels: [Int] = []
        labels.reserveCapacity(count)
        let offsets: [Double] = [-0.25, 0.25]   // 2×2 supersampling smooths the edges
        for n in 0..<count {
            let label = n % 4
            let extent = Double(size) * generator.nextDouble(in: 0.22, 0.4)   // half-width of the shape
            let lower = extent + 0.5, upper = Double(size) - extent - 0.5
            let cx = generator.nextDouble(in: lower, max(lower, upper))
            let cy = generator.nextDouble(in: lower, max(lower, upper))
            let brightness = generator.nextDouble(in: 0.7, 1.0)
            for y in 0..<size {
                for x in 0..<size {
                    var covered = 0
                    for oy in offsets {
                        for ox in offsets {
                            let dx = Double(x) + 0.5 + ox - cx, dy = Double(y) + 0.5 + oy - cy
                            if shapeContains(label, dx: dx, dy: dy, extent: extent) { covered += 1 }
                        }
                    }
                    let noise = 0.05 * generator.nextGaussian()
                    let value = brightness * Double(covered) / 4 + noise
                    scalars[n * plane + y * size + x] = Float(min(1, max(0, value)))
                }
            }
            labels.append(label)
        }
        let images = HostTensor(validShape: [count, 1, size, size], scalars: scalars)
        return try Dataset(images: images, labels: labels, classes: shapeClasses, name: "Shapes")
    }

    /// Whether the point (dx, dy) from the shape's center lies inside shape `label`.
    static func shapeContains(_ label: Int, dx: Double, dy: Double, extent s: Double) -> Bool {
        switch label {
        case 0:
            return dx * dx + dy * dy <= s * s
        case 1:
            return abs(dx) <= 0.85 * s && abs(dy) <= 0.85 * s
        case 2:
            // Upward triangle with apex (0, -s) and base from (-s, 0.8s) to (s, 0.8s).
            guard dy <= 0.8 * s && dy >= -s else { return false }
            let halfWidth = s * (dy + s) / (1.8 * s)
            return abs(dx) <= halfWidth
        default:
            let bar = 0.3 * s
            return (abs(dx) <= bar && abs(dy) <= s) || (abs(dy) <= bar && abs(dx) <= s)
        }
    }

    /// `count` volumes `[count, 1, size, size, size]` in [0, 1] holding a solid sphere or cube
    /// (labels alternate 0, 1) at a random position and scale with a little noise.
    public static func volumes(count: Int, size: Int = 16, seed: Int = 0) throws -> Dataset {
        guard count >= 0 else { throw DataError(.invalidArgument, "count must not be negative, but it is \(count)") }
        guard size >= 6 && size <= 256 else { throw DataError(.invalidArgument, "size must be between 6 and 256, but it is \(size)") }
        var generator = SeededGenerator(seed: seed)
        let volume = size * size * size
        var scalars = [Float](repeating: 0, count: count * volume)
        var labels: [Int] = []
        for n in 0..<count {
            let label = n % 2
            let extent = Double(size) * generator.nextDouble(in: 0.2, 0.35)
            let lower = extent + 0.5, upper = Double(size) - extent - 0.5
            let center = (0..<3).map { _ in generator.nextDouble(in: lower, max(lower, upper)) }
            let brightness = generator.nextDouble(in: 0.7, 1.0)
            var index = n * volume
            for z in 0..<size {
                for y in 0..<size {
                    for x in 0..<size {
                        let d = [Double(z) + 0.5 - center[0], Double(y) + 0.5 - center[1], Double(x) + 0.5 - center[2]]
                        let inside = label == 0
                            ? d[0] * d[0] + d[1] * d[1] + d[2] * d[2] <= extent * extent
                            : max(abs(d[0]), abs(d[1]), abs(d[2])) <= 0.8 * extent
                        let value = (inside ? brightness : 0) + 0.05 * generator.nextGaussian()
                        scalars[index] = Float(min(1, max(0, value)))
                        index += 1
                    }
                }
            }
            labels.append(label)
        }
        let images = HostTensor(validShape: [count, 1, size, size, size], scalars: scalars)
        return try Dataset(images: images, labels: labels, classes: volumeClasses, name: "Volumes")
    }
}
