struct Money: CustomStringConvertible {
    var cents: Int
    var description: String {
        let d = cents / 100
        let c = cents % 100
        return "$\(d).\(c < 10 ? "0" : "")\(c)"
    }
}
let m = Money(cents: 1205)
print(m)
print("total: \(m)")
print([m, Money(cents: 7)])
print(String(describing: m))
let opt: Money? = m
print(opt as Any)
let dict = ["a": m]
print(dict)

class Person: CustomStringConvertible {
    let name: String
    init(name: String) { self.name = name }
    var description: String { "Person named \(name)" }
}
print(Person(name: "Zoe"))
print("\(Person(name: "Yan"))")

enum Token: CustomStringConvertible {
    case number(Int), plus
    var description: String {
        switch self {
        case .number(let n): return "num:\(n)"
        case .plus: return "+"
        }
    }
}
print([Token.number(3), .plus, .number(4)])
struct Wrapper { var inner: Money }
print(Wrapper(inner: m))
