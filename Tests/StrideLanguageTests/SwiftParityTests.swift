import XCTest
@testable import StrideLanguage

/// Programs inside the language's Swift subset; each expected output was recorded from
/// the real Swift compiler's build of the same program (swiftc 6.3.1).
final class SwiftParityTests: XCTestCase {
    func testValueAndReferenceSemantics() {
        let source = #"""
var a = [1, 2, 3]
var b = a
b.append(4)
a[0] = 9
print(a, b)
struct P { var x: Int }
var p = P(x: 1)
var q = p
q.x = 5
print(p.x, q.x)
class C { var x = 1 }
let c = C()
let d = c
d.x = 7
print(c.x, c === d)
var dict = ["a": 1]
var dict2 = dict
dict2["b"] = 2
dict["a"] = nil
print(dict, dict2.count)
"""#
        let expected = #"""
[9, 2, 3] [1, 2, 3, 4]
1 5
7 true
[:] 2

"""#
        XCTAssertEqual(runSource(source), expected)
    }

    /// Programs that once ran to the end printing something other than Swift, or stopped
    /// with a wrong error: a mutating `callAsFunction`, a local captured by a later closure
    /// and used directly before, nested closures over a parameter, a closure in a labelled
    /// tuple, a class instance's member set through a `let` dictionary.
    func testOnceWrongCallsAndCaptures() {
        let source = #"""
struct Acc { var total = 0
  mutating func callAsFunction(_ x: Int) -> Int { total += x; return total } }
var acc = Acc()
print(acc(3), acc(4), acc.total)
func f() -> [Int] {
  var d = [0, 0, 0]
  for i in 0..<3 { d[i] = i }
  return (0..<3).map { d[$0] }
}
print(f())
func g(_ n: Int) -> [[Int]] { (0..<n).map { i in (0..<n).map { $0 + i } } }
print(g(3))
func t(_ m: [[Int]]) -> [[Int]] { (0..<m[0].count).map { j in m.map { $0[j] } } }
print(t([[1, 2], [3, 4]]))
func makePair() -> (inc: () -> Int, get: () -> Int) { var n = 0; return ({ n += 1; return n }, { n }) }
let p = makePair()
print(p.inc(), p.inc(), p.get())
class Account { var frozen = false }
let bank = ["bob": Account()]
bank["bob"]?.frozen = true
print(bank["bob"]!.frozen)
func lz() { lazy var x: Int = { print("computing"); return 5 }(); print("before"); print(x) }
"""#
        XCTAssertEqual(runSource(source), """
        3 7 7
        [0, 1, 2]
        [[0, 1, 2], [1, 2, 3], [2, 3, 4]]
        [[1, 3], [2, 4]]
        1 2 2
        true

        """)
    }

    /// `let x: T` / `var x: T` declared now and assigned later, in branches too.
    func testDeclaredNowAssignedLater() {
        let source = #"""
var t: Int
t = 4
print(t)
let u: String
if t > 3 { u = "big" } else { u = "small" }
print(u)
func grade(_ score: Int) -> String {
    let letter: String
    switch score {
    case 90...: letter = "A"
    case 80..<90: letter = "B"
    default: letter = "C"
    }
    return letter
}
print(grade(95), grade(85), grade(10))
"""#
        XCTAssertEqual(runSource(source), "4\nbig\nA B C\n")
    }

    func testArithmeticAndDescriptions() {
        let source = #"""
print(-7 / 2, -7 % 2, 7 / -2, 7 % -2, 17 % 5)
print(7.0 / 2, 1 / 3.0, 2.5 * 4)
let x: Int? = 3
let y: Int? = nil
print(x as Any, y as Any, x ?? 0, y ?? -1)
if let v = x { print("v", v) }
let t = (1, "a", 2.5)
print(t, t.0, t.2)
let named = (name: "n", age: 3)
print(named, named.age)
let (m, n) = (10, 20)
print(m + n)
print([Int](), [String: Int](), [1.5, 2], ["k": [1, 2]])
print(1...3, 0..<2)
print(Double.pi, Int.max, 1e-7, 100.0, 0.1 + 0.2)
"""#
        let expected = #"""
-3 -1 -3 1 2
3.5 0.3333333333333333 10.0
Optional(3) nil 3 -1
v 3
(1, "a", 2.5) 1 2.5
(name: "n", age: 3) 3
30
[] [:] [1.5, 2.0] ["k": [1, 2]]
1...3 0..<2
3.141592653589793 9223372036854775807 1e-07 100.0 0.30000000000000004

"""#
        XCTAssertEqual(runSource(source), expected)
    }

    func testControlFlow() {
        let source = #"""
func classify(_ p: (Int, Int)) -> String {
    switch p {
    case (0, 0): return "origin"
    case (let x, 0) where x > 0: return "positive x"
    case (_, 0): return "x axis"
    case (0, _): return "y axis"
    default: return "other"
    }
}
print(classify((0, 0)), classify((3, 0)), classify((-3, 0)), classify((0, 1)), classify((1, 1)))
var out: [String] = []
outer: for i in 0..<4 {
    for j in 0..<4 {
        if j == 2 { continue outer }
        if i == 3 { break outer }
        out.append("\(i)\(j)")
    }
}
print(out)
switch 5 {
case 5:
    print("five")
    fallthrough
case 6:
    print("six")
default:
    print("default")
}
func deferred() -> Int {
    var log = [String]()
    defer { print("deferred", log) }
    log.append("a")
    return log.count
}
print(deferred())
for i in stride(from: 10, to: 0, by: -3) { print(i, terminator: " ") }
print()
for i in stride(from: 0, through: 1, by: 0.25) { print(i, terminator: ",") }
print("")
print("a", "b", separator: "-", terminator: "!\n")
debugPrint("q", 1, [2])
let xs = [10, 20, 30, 40]
print(xs[1...], xs[..<2], xs[1..<3])
"""#
        let expected = #"""
origin positive x x axis y axis other
["00", "01", "10", "11", "20", "21"]
five
six
deferred ["a"]
1
10 7 4 1 
0.0,0.25,0.5,0.75,1.0,
a-b!
"q" 1 [2]
[20, 30, 40] [10, 20] [20, 30]

"""#
        XCTAssertEqual(runSource(source), expected)
    }

    func testErrorsThrownAndCaught() {
        let source = #"""
enum E: Error { case bad(Int), worse }
struct S: Error { var msg: String }
func f(_ n: Int) throws -> Int {
    if n < 0 { throw E.bad(n) }
    if n == 0 { throw S(msg: "zero") }
    return n * 2
}
do {
    print(try f(2))
    print(try f(-1))
} catch E.bad(let v) {
    print("bad", v)
} catch {
    print("other", error)
}
do { _ = try f(0) } catch let e as S { print("S", e.msg) } catch { print("?") }
print(try? f(3) as Any, try? f(0) as Any)
let r = (try? f(-5)) ?? 99
print(r)
do { _ = try f(0) } catch { print(error) }
"""#
        let expected = #"""
4
bad -1
S zero
Optional(6) nil
99
S(msg: "zero")

"""#
        XCTAssertEqual(runSource(source), expected)
    }

    func testTypesEnumsProtocolsClosures() {
        let source = #"""
enum Direction: String { case north = "N", south, east, west }
enum Shape {
    case circle(radius: Double)
    case rect(w: Double, h: Double)
    var area: Double {
        switch self {
        case .circle(let r): return 3.0 * r * r
        case let .rect(w, h): return w * h
        }
    }
}
let shapes: [Shape] = [.circle(radius: 1), .rect(w: 2, h: 3)]
for s in shapes { print(s, s.area) }
print(Direction.north, Direction.north.rawValue, Direction(rawValue: "up") as Any)
var d = Direction.east
d = .west
print(d == .west, d)
switch d {
case .north, .south: print("vertical")
case .east, .west: print("horizontal")
}
protocol Animal { func speak() -> String }
struct Dog: Animal { func speak() -> String { "Woof" } }
class Cat: Animal {
    var lives = 9
    func speak() -> String { "Meow" }
}
let animals: [Animal] = [Dog(), Cat()]
for a in animals { print(a.speak()) }
print(animals[1] is Cat, animals[0] is Cat)
if let c = animals[1] as? Cat { print(c.lives) }
class Counter {
    var count = 0
    func inc() -> Counter { count += 1; return self }
}
let c1 = Counter()
let c2 = c1
c2.inc().inc()
print(c1.count, c1 === c2)
struct Stack<T> {
    var items: [T] = []
    mutating func push(_ x: T) { items.append(x) }
    mutating func pop() -> T? { items.popLast() }
    var top: T? { items.last }
    var isEmpty: Bool { items.isEmpty }
}
var st = Stack<Int>()
st.push(1); st.push(2)
print(st.pop() as Any, st.top as Any, st.isEmpty, st.items)
func makeCounter() -> () -> Int {
    var n = 0
    return { n += 1; return n }
}
let next = makeCounter()
print(next(), next(), next())
var fs: [() -> Int] = []
for i in 0..<3 { fs.append { i * 10 } }
print(fs.map { $0() })
extension Int { var squared: Int { self * self } }
print(5.squared)
struct Temp: CustomStringConvertible {
    var c: Double
    var description: String { "\(c)°C" }
}
print(Temp(c: 21.5), [Temp(c: 1)])
let nums = [5, 3, 8, 1]
print(nums.sorted(by: >), nums.min()!, nums.max()!, nums.reduce(0, +))
let words = ["apple": 3, "kiwi": 1]
for (k, v) in words.sorted(by: { $0.key < $1.key }) { print(k, v) }
print(words.mapValues { $0 * 2 }.count)
var opt: String? = "hi"
print(opt?.count as Any, opt?.uppercased() ?? "none")
opt = nil
print(opt?.count as Any)
let str = "Hello, World"
print(str.lowercased(), str.count, str.hasPrefix("Hell"), str.split(separator: ","))
print(Array(str.prefix(5)), String(str.reversed()))
let multi = """
    line one
      indented \(1 + 1)
    end
    """
print(multi)
"""#
        let expected = #"""
circle(radius: 1.0) 3.0
rect(w: 2.0, h: 3.0) 6.0
north N nil
true west
horizontal
Woof
Meow
true false
9
2 true
Optional(2) Optional(1) false [1]
1 2 3
[0, 10, 20]
25
21.5°C [1.0°C]
[8, 5, 3, 1] 1 8 17
apple 3
kiwi 1
2
Optional(2) HI
nil
hello, world 12 true ["Hello", " World"]
["H", "e", "l", "l", "o"] dlroW ,olleH
line one
  indented 2
end

"""#
        XCTAssertEqual(runSource(source), expected)
    }

    func testLibraryOfSectionOne() {
        let source = #"""
import Foundation
/* outer /* nested */ still comment */
/// Squares.
func sq(_ x: Double) -> Double { x * x }
var counts = [String: Int]()
for w in ["a", "b", "a"] { counts[w, default: 0] += 1 }
print(counts["a"]!, counts["c"] ?? 0, counts.count)
let zeros = Array(repeating: 0.0, count: 3)
print(zeros, [1, 2, 3, 4][2...], Double.nan.isNaN, 16.0.squareRoot())
print(Double(3), Int(3.99), String(42), Int("12") as Any, Int("x") as Any)
print(abs(-3), abs(-2.5), min(3, 1, 2), max(1.5, 2), pow(2.0, 10.0), sqrt(2.0), exp(0.0), log(1.0))
func first(_ xs: [Int]) -> Int? {
    guard let f = xs.first else { return nil }
    return f
}
print(first([]) as Any, first([7]) as Any)
var k = 3
repeat { k -= 1 } while k > 0
print(k)
let v: Any = 5
if v is Int, let i = v as? Int { print("int", i) }
switch 15 {
case let x where x % 15 == 0: print("fizzbuzz")
default: print("no")
}
var grid = [[Int]](repeating: [0, 0], count: 2)
grid[1][0] = 5
print(grid)
struct Q { var items: [Int] = [] }
var q = Q()
q.items.append(3)
q.items[0] += 1
print(q)
var o: Q? = Q()
o?.items.append(9)
print(o!.items)
let sorted = [3, 1, 2].sorted { $0 > $1 }
print(sorted, [1, 2, 3].reduce(0) { $0 + $1 }, (1...4).reduce(1, *))
print("\(sq(1.5)) and \([1, 2].map { "\($0)!" })")
let e = [1, 2, 3].enumerated().map { "\($0.offset):\($0.element)" }
print(e.joined(separator: ","))
print(stride(from: 0, through: 6, by: 3).map { $0 })
"""#
        let expected = #"""
2 0 2
[0.0, 0.0, 0.0] [3, 4] true 4.0
3.0 3 42 Optional(12) nil
3 2.5 1 2.0 1024.0 1.4142135623730951 1.0 0.0
nil Optional(7)
0
int 5
fizzbuzz
[[0, 0], [5, 0]]
Q(items: [4])
[9]
[3, 2, 1] 6 24
2.25 and ["1!", "2!"]
0:1,1:2,2:3
[0, 3, 6]

"""#
        XCTAssertEqual(runSource(source), expected)
    }
}
