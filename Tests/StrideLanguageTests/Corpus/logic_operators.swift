// Boolean logic, comparison chains, short-circuit evaluation and the ternary operator.
var calls = 0
func check(_ v: Bool) -> Bool {
    calls += 1
    return v
}
print(check(false) && check(true), calls)
print(check(true) || check(false), calls)
print(check(true) && check(false), calls)
print(!true, !false, !(1 > 2))
let a = 5
print(a > 3 && a < 10, a < 3 || a == 5, a != 5)
print(a >= 5, a <= 4)
print(true == false, true != false)
let sign = a > 0 ? "positive" : a < 0 ? "negative" : "zero"
print(sign)
let flags = [true, false, true]
print(flags.filter { $0 }.count, flags.contains(false))
var x = 0
if x == 0, a > 1 {
    x = 1
}
print(x)
let optional: Int? = nil
print(optional == nil || optional! > 3)
print(2.5 < 3, "a" != "b", [1, 2] == [1, 2])
