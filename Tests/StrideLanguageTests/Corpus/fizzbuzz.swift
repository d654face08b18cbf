// FizzBuzz three ways.
for i in 1...15 {
    if i % 15 == 0 {
        print("FizzBuzz")
    } else if i % 3 == 0 {
        print("Fizz")
    } else if i % 5 == 0 {
        print("Buzz")
    } else {
        print(i)
    }
}
func fizz(_ i: Int) -> String {
    switch (i % 3, i % 5) {
    case (0, 0): return "FizzBuzz"
    case (0, _): return "Fizz"
    case (_, 0): return "Buzz"
    default: return "\(i)"
    }
}
print((1...15).map(fizz))
var line = ""
for i in 1...15 {
    let word = (i % 3 == 0 ? "Fizz" : "") + (i % 5 == 0 ? "Buzz" : "")
    line += word.count == 0 ? "\(i) " : word + " "
}
print(line)
