protocol Zero { static var zero: Self { get }; static func make() -> Self }
struct V: Zero { var x = 0; static var zero: V { V(x: 0) }; static func make() -> V { V(x: 7) } }
func zeros<T: Zero>(_ t: T.Type, _ n: Int) -> [T] { (0..<n).map { _ in T.zero } }
func again<T: Zero>(like v: T) -> T { T.make() }
func name<T>(_ x: T) -> String { "\(T.self)" }
print(zeros(V.self, 2).count, again(like: V(x: 1)).x, name(3), name("s"), name(V()))
