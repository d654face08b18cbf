struct P { var x: Int }
let ps = [1, 2, 3].map(P.init)
print(ps.map { $0.x })
let strs = [1, 2].map(String.init)
print(strs)
let ds = [1, 2].map(Double.init)
print(ds)
let mk: (Int) -> P = P.init(x:)
print(mk(9).x)
func twice(_ x: Int) -> Int { x * 2 }
let f = twice
print([1, 2].map(f), [3].map(twice))
struct Greeter { func hello(_ n: String) -> String { "hello \(n)" } }
let g = Greeter()
let h = g.hello
print(h("bob"))
let m = Greeter.hello
print(m(g)("amy"))
print(["a", "b"].map { $0.uppercased() })
print([[1], [2, 3]].map(\.count))
print(type(of: 3), type(of: "s"), type(of: [1.0]), type(of: P(x: 1)))
