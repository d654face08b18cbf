struct Dataset {
    var rows: [[Double]]
    var count: Int { rows.count }
    func column(_ i: Int) -> [Double] { rows.map { $0[i] } }
}
struct Tensor: CustomStringConvertible {
    var shape: [Int]
    var description: String { "Tensor\(shape)" }
}
class Layer {
    let name: String
    init(name: String) { self.name = name }
}
func plot(_ xs: [Double]) -> String { xs.map { String(repeating: "*", count: Int($0)) }.joined(separator: "|") }
let d = Dataset(rows: [[1, 2], [3, 4], [5, 6]])
print(d.count, d.column(1), plot(d.column(0)))
print(Tensor(shape: [2, 3]), Layer(name: "dense").name)
