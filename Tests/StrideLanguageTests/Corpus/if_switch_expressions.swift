let score = 87
let grade = if score >= 90 { "A" } else if score >= 80 { "B" } else { "C" }
print(grade)
let n = 7
let kind = switch n % 3 {
case 0: "fizz"
case 1: "one"
default: "other"
}
print(kind)
func label(_ x: Int) -> String {
    switch x {
    case ..<0: "negative"
    case 0: "zero"
    default: "positive"
    }
}
print(label(-3), label(0), label(9))
let t: Double = if n > 5 { 1.5 } else { 2 }
print(t)
func sign(_ x: Int) -> Int { if x < 0 { -1 } else if x == 0 { 0 } else { 1 } }
print(sign(-4), sign(0), sign(12))
