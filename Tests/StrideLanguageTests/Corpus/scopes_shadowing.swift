// Block scopes and shadowing.
let x = 1
do {
    let x = 2
    print("inner", x)
    do {
        let x = x * 10
        print("innermost", x)
    }
}
print("outer", x)
func shadow(_ x: Int) -> Int {
    let y = x + 1
    if y > 0 {
        let y = y * 100
        return y
    }
    return y
}
print(shadow(1), shadow(-5))
var value = 5
for value in 0..<2 {
    print("loop value", value)
}
print("value after loop", value)
let maybeValue: Int? = 9
if let value = maybeValue {
    print("bound", value)
}
let closure = { (value: Int) -> Int in value * 2 }
print(closure(21), value)
var counter = 0
func bump() { counter += 1 }
bump(); bump()
print(counter)
let a = 1; let b = 2; print(a + b)
