struct Point: Equatable, Hashable {
    var x: Int
    var y: Int
}
let p = Point(x: 1, y: 2)
let q = Point(x: 1, y: 2)
let r = Point(x: 2, y: 1)
print(p == q, p == r, p != r)
var seen: Set<Point> = []
seen.insert(p)
seen.insert(q)
seen.insert(r)
print(seen.count, seen.contains(Point(x: 2, y: 1)))
var names: [Point: String] = [p: "p"]
names[r] = "r"
print(names[Point(x: 1, y: 2)] ?? "none", names.count)
print([p, r].contains(q), [r, p].firstIndex(of: q) ?? -1)

struct Version: Equatable {
    var major: Int
    var minor: Int
    static func == (a: Version, b: Version) -> Bool { a.major == b.major }
}
print(Version(major: 1, minor: 2) == Version(major: 1, minor: 5))

enum Suit: Hashable { case hearts, spades }
let counts: [Suit: Int] = [.hearts: 2]
print(counts[.hearts] ?? 0, counts[.spades] ?? 0)

class Node: Equatable {
    let id: Int
    init(id: Int) { self.id = id }
    static func == (lhs: Node, rhs: Node) -> Bool { lhs.id == rhs.id }
}
print(Node(id: 3) == Node(id: 3), Node(id: 3) === Node(id: 3))
