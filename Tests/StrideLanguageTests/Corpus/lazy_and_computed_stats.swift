final class Dataset {
    let values: [Double]
    init(_ values: [Double]) { self.values = values }
    lazy var mean: Double = {
        print("computing mean")
        return values.reduce(0, +) / Double(values.count)
    }()
    lazy var sortedValues: [Double] = values.sorted()
    var median: Double {
        let s = sortedValues
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
    var variance: Double { values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count) }
}
let d = Dataset([4, 8, 15, 16, 23, 42])
print("created")
print(d.mean)
print(d.mean, d.median)
print(d.variance)
print(d.sortedValues.first!, d.sortedValues.last!)
