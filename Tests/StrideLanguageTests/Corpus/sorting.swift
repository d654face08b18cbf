// sorted(), sorted(by:) and sorting structs by a key.
let numbers = [5, 3, 9, 1, 7, 2]
print(numbers.sorted())
print(numbers.sorted(by: { $0 > $1 }))
print(numbers.sorted { a, b in a % 3 < b % 3 || (a % 3 == b % 3 && a < b) })
print(numbers)
print(["pear", "apple", "fig", "Banana"].sorted())
print([2.5, -1.0, 0.0, 10.25].sorted())
print(["bb", "a", "ccc"].sorted { $0.count > $1.count })

struct Player {
    var name: String
    var score: Int
}
let players = [
    Player(name: "Ann", score: 12),
    Player(name: "Bo", score: 30),
    Player(name: "Cy", score: 7),
]
let ranked = players.sorted { $0.score > $1.score }
for (place, p) in ranked.enumerated() {
    print("\(place + 1). \(p.name) \(p.score)")
}
print(players.map { $0.name }.sorted(by: { $0 > $1 }))
var mutable = [3, 1, 2]
mutable = mutable.sorted()
mutable.append(0)
print(mutable, mutable.min()!, mutable.max()!)
let dict = ["b": 2, "a": 1, "c": 3]
for key in dict.keys.sorted() {
    print(key, dict[key]!)
}
print(dict.values.sorted())
