// More string behaviour: unicode counts, splitting edge cases, comparison and building.
let greeting = "héllo wörld 👋"
print(greeting.count, greeting.uppercased())
print("a,,b,".split(separator: ","), ",a,".split(separator: ",").count)
print("one two  three".split(separator: " ").count)
print("".hasPrefix(""), "abc".hasPrefix(""), "".hasPrefix("a"))
print("Zebra" < "apple", "apple" < "banana", "a" == "a")
let multiline = """
    line one
        indented "quoted"
    tab\there
    """
print(multiline)
print(multiline.split(separator: "\n").count)
var s = "x"
for _ in 0..<3 { s = s + s }
print(s, s.count)
let n = 42
let d = 2.5
print("n=\(n) d=\(d) sum=\(Double(n) + d) list=\([n, n])")
print("emoji \("🎉") and escapes \\ \" \t|")
let parts = "k1=v1;k2=v2".split(separator: ";")
for part in parts {
    let kv = part.split(separator: "=")
    print(kv[0], "->", kv[1])
}
print(String(3) + String(4.0) + String(false))
