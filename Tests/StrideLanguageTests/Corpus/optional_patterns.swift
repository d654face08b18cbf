// More optional handling: multiple bindings, ?? short-circuit, optional results of functions.
var evaluated: [String] = []
func fallback(_ v: Int) -> Int {
    evaluated.append("fallback \(v)")
    return v
}
let present: Int? = 1
let absent: Int? = nil
print(present ?? fallback(2), absent ?? fallback(3))
print(evaluated)

func lookup(_ key: String) -> Int? {
    let table = ["one": 1, "two": 2]
    return table[key]
}
if let a = lookup("one"), let b = lookup("two") {
    print("both", a + b)
}
if let a = lookup("one"), let c = lookup("three") {
    print("never", a, c)
} else {
    print("one of them is missing")
}
func describe(_ key: String) -> String {
    guard let v = lookup(key) else { return "\(key): none" }
    guard v > 1 else { return "\(key): small" }
    return "\(key): \(v)"
}
print(describe("one"), describe("two"), describe("zero"))
var maybeList: [Int]? = nil
print(maybeList?.count ?? 0, maybeList?.first ?? -1)
maybeList = [7, 8]
print(maybeList?.count ?? 0, maybeList?.first ?? -1, maybeList![1])
let words: [String?] = ["a", nil, "c"]
var joined = ""
for w in words {
    if let w = w { joined += w } else { joined += "_" }
}
print(joined)
var opt: Int? = 5
if opt != nil { opt! += 1 }
print(opt ?? 0)
opt = nil
print(opt == nil, opt ?? -1)
