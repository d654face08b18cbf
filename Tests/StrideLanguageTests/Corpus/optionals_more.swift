let a: Int? = 5
let b: Int? = nil
print(a.map { $0 * 2 } as Any, b.map { $0 * 2 } as Any)
print(a.flatMap { $0 > 3 ? $0 : nil } as Any)
print(Optional(3) as Any, Optional<Int>.none as Any)
let c = Optional("x")
print(c!, c ?? "none")
var o: String? = "hi"
print(o?.count ?? 0, o?.uppercased() as Any)
o = nil
print(o?.count as Any)
if let x = a, let y = b { print(x, y) } else { print("one is nil") }
if let a { print("shorthand", a) }
guard let z = a else { fatalError() }
print(z)
let words = ["1", "x", "3"]
print(words.compactMap { Int($0) })
print(words.map { Int($0) })
let nested: Int?? = 4
print(nested as Any)
struct Box { var inner: Box2? }
struct Box2 { var value = 9 }
let bx = Box(inner: Box2())
print(bx.inner?.value as Any, Box(inner: nil).inner?.value as Any)
print(a == 5, b == nil, a != nil)
let dict = ["k": [1, 2]]
print(dict["k"]?.count as Any, dict["q"]?.first as Any)
