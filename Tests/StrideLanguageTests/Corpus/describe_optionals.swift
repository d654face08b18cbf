// Optionals print as Optional(...) or nil.
let some: Int? = 3
let none: Int? = nil
print(some)
print(none)
let name: String? = "Ann"
print(name)
print(some ?? 0, none ?? 0)
print(name ?? "nobody")
let xs: [Int]? = [1, 2]
print(xs)
let maybes: [Int?] = [1, nil, 3]
print(maybes)
let words: [String?] = ["a", nil]
print(words)
let empty: [Int] = []
print(empty.first, empty.last)
print([4, 5].first, [4, 5].last)
print([3, 1, 2].min(), [3, 1, 2].max())
let d = ["k": 1]
print(d["k"], d["missing"])
print("interpolated: \(some) and \(none)")
print(some == 3, none == nil, some != nil)
