let points = [(0, 0), (1, 0), (0, 2), (3, 3), (4, -1)]
for p in points {
    switch p {
    case (0, 0): print("origin")
    case (_, 0): print("on x axis at", p.0)
    case (0, let y): print("on y axis at", y)
    case let (x, y) where x == y: print("diagonal", x)
    case (let x, _) where x > 3: print("far", x)
    default: print("somewhere", p)
    }
}
let ages = [3, 17, 25, 70]
for a in ages {
    if case 18...64 = a { print(a, "adult") } else { print(a, "not working age") }
}
let values: [Int?] = [1, nil, 3, nil, 5]
for case let v? in values { print("got", v) }
for case let v? in values where v > 2 { print("big", v) }
enum Msg { case text(String), num(Int), empty }
let msgs: [Msg] = [.text("hi"), .num(4), .empty, .num(10)]
for case .num(let k) in msgs { print("num", k) }
func check(_ m: Msg) -> String {
    guard case .text(let s) = m else { return "not text" }
    return "text " + s
}
print(check(msgs[0]), check(msgs[1]))
let opt: Int? = 42
if case let x? = opt { print("unwrapped", x) }
switch (3, "x") {
case (1...5, "x"): print("match range and string")
default: print("no")
}
let c: Character = "e"
switch c {
case "a", "e", "i", "o", "u": print("vowel")
default: print("consonant")
}
