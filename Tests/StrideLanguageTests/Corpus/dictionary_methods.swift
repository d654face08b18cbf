// The Dictionary operations of the subset (printing only sorted keys or single-key dictionaries).
var counts: [String: Int] = [:]
for word in "the cat and the hat and the bat".split(separator: " ") {
    counts[String(word), default: 0] += 1
}
for key in counts.keys.sorted() {
    print(key, counts[key]!)
}
print(counts["the"], counts["dog"], counts["dog"] ?? 0)
print(counts["dog", default: -1])
print(counts.count, counts.isEmpty)
counts["cat"] = nil
print(counts.count, counts["cat"])
counts["cat"] = 10
print(counts["cat"]!)
print(counts.values.sorted())
var empty = [String: Double]()
print(empty, empty.isEmpty)
empty["lr"] = 0.1
print(empty)
empty["lr"]! *= 10
print(empty)
var lists: [Int: [String]] = [:]
lists[1, default: []].append("one")
lists[1, default: []].append("uno")
print(lists)
let config = ["lr": 0.1]
if let lr = config["lr"] {
    print("learning rate", lr)
}
if config["momentum"] == nil {
    print("no momentum")
}
let keys = ["b": 1, "a": 2].keys.sorted()
print(keys)
var scores = ["ann": 1]
scores["ann"]! += 5
print(scores)
print(scores == ["ann": 6])
