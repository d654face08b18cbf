// The String methods of the subset.
let s = "Hello, World"
print(s.count)
print(s.uppercased())
print(s.hasPrefix("Hello"), s.hasPrefix("World"))
print(s == "Hello, World", s == "hello")
print(s + "!")
let parts = "a,b,,c".split(separator: ",")
print(parts)
print(parts.count)
let words = "  the quick  brown fox ".split(separator: " ")
print(words)
for w in words {
    print(w.uppercased(), terminator: " ")
}
print()
print("".count, "é".count)
print(String(12) + String(3.5))
print("abc" < "abd", "b" > "a")
let csv = "name,age,city"
var header = ""
for field in csv.split(separator: ",") where field.hasPrefix("a") || field.count == 4 {
    header = header + field.uppercased() + ";"
}
print(header)
