import Foundation
let s = "Hello, World"
for ch in s.prefix(5) { print(ch, terminator: "-") }
print()
let c: Character = "a"
print(c, c.isLetter, c.isUppercase, Character("7").isNumber, Character("7").wholeNumberValue ?? -1)
print(Array("abc"), String(Array("xyz").reversed()))
print(s.count, s.lowercased(), s.contains("World"), s.hasSuffix("ld"))
print(s.first!, s.last!, s.first?.isUppercase ?? false)
var t = "abc"
t.append("d")
t.append(contentsOf: "ef")
t += "g"
print(t, t.count)
print("a,b,,c".split(separator: ",").map(String.init))
print("a,b,,c".components(separatedBy: ","))
print("  trim me  ".trimmingCharacters(in: .whitespaces))
print(s.replacingOccurrences(of: "l", with: "L"))
print(String(repeating: "ab", count: 3))
print(s.filter { $0.isUppercase })
print(s.map { $0.isLetter ? "x" : "_" }.joined())
print("Straße".uppercased(), "ÉCOLE".lowercased())
print(Character("A").asciiValue!, Character(UnicodeScalar(66)))
print("abc" < "abd", "Z" < "a")
print(s.unicodeScalars.count, "é".unicodeScalars.first!.value)
let words = ["swift", "is", "fun"]
print(words.joined(separator: " "), words.map { $0.capitalized })
print("x".isEmpty, "".isEmpty)
print(s.dropFirst(7), s.dropLast(7), s.suffix(5))
print(String(s.reversed()))
print("Mississippi".filter { $0 == "s" }.count)
print(Int("42")! + 1, Int("x") as Any, Double("2.5")!)
