struct Color {
    var r, g, b: Int
}
extension Color {
    init(gray: Int) { self.init(r: gray, g: gray, b: gray) }
    static let black = Color(r: 0, g: 0, b: 0)
    var hex: String {
        func h(_ x: Int) -> String { let s = String(x, radix: 16); return s.count == 1 ? "0" + s : s }
        return "#" + h(r) + h(g) + h(b)
    }
    func blended(with o: Color) -> Color { Color(r: (r + o.r) / 2, g: (g + o.g) / 2, b: (b + o.b) / 2) }
}
extension Color: CustomStringConvertible {
    var description: String { "rgb(\(r), \(g), \(b))" }
}
extension Color: Equatable {}

let c = Color(r: 255, g: 128, b: 0)
print(c, c.hex, Color(gray: 17).hex, Color.black)
print(c.blended(with: .black), c == Color(r: 255, g: 128, b: 0))
extension Array where Element == Color {
    var average: Color {
        let n = count
        return Color(r: map(\.r).reduce(0, +) / n, g: map(\.g).reduce(0, +) / n, b: map(\.b).reduce(0, +) / n)
    }
}
print([c, Color(gray: 1), .black].average)
extension String {
    var isBlank: Bool { allSatisfy { $0 == " " } }
    func repeated(_ n: Int) -> String { String(repeating: self, count: n) }
}
print("   ".isBlank, "a ".isBlank, "ab".repeated(3))
extension Int {
    var isPrime: Bool {
        guard self > 1 else { return false }
        var d = 2
        while d * d <= self { if self % d == 0 { return false }; d += 1 }
        return true
    }
}
print((1...30).filter(\.isPrime))
