// Interpolation of any expression.
let name = "World"
let n = 3
print("Hello, \(name)!")
print("\(n) + \(n) = \(n + n)")
print("nested \("inner \(n * 2)") done")
print("array \([1, 2].count) items: \([1, 2])")
print("double \(1.0 / 4) and bool \(n > 2)")
func greet(_ who: String) -> String { "hi \(who)" }
print("call: \(greet("you"))")
print("ternary: \(n % 2 == 0 ? "even" : "odd")")
let tuple = (1, "a")
print("tuple: \(tuple)")
print("escape: \\(not interpolated) \"quoted\"")
var s = "a"
s += "b"
s = s + "c" + "\(n)"
print(s)
let multi = """
    first line
      indented \(name)
    last "quoted" line
    """
print(multi)
let empty = """
    """
print("[\(empty)]")
