struct Math {
    static let pi = 3.14
    static var calls = 0
    static func square(_ x: Double) -> Double {
        calls += 1
        return x * x
    }
    static func area(r: Double) -> Double { pi * square(r) }
}
print(Math.area(r: 2), Math.calls)
print(Math.square(3), Math.calls)
enum IDGen {
    static var next = 1
    static func make() -> Int { defer { next += 1 }; return next }
}
print(IDGen.make(), IDGen.make(), IDGen.next)
class Registry {
    static var shared = Registry()
    var entries: [String] = []
    private init() {}
}
Registry.shared.entries.append("a")
Registry.shared.entries.append("b")
print(Registry.shared.entries)
struct Unit { static let zero = Unit(v: 0); var v: Int }
print(Unit.zero.v)
extension Int { static var answer: Int { 42 } }
print(Int.answer)
