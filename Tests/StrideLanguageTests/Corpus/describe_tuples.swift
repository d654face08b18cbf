// Tuples print with their labels, strings quoted inside.
let pair = (1, "a")
print(pair)
let point = (x: 1, y: 2)
print(point)
print(point.x, point.y, pair.0, pair.1)
let mixed = (name: "Ann", 3.5, ok: true)
print(mixed)
print(mixed.name, mixed.1, mixed.ok)
let nestedTuple = ((1, 2), [3, 4], (a: "x", b: nil as Int?))
print(nestedTuple)
let inArray = [(1, "one"), (2, "two")]
print(inArray)
