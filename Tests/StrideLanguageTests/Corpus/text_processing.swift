// Word counts and simple text statistics.
let text = """
    the quick brown fox
    jumps over the lazy dog
    the end
    """
let lines = text.split(separator: "\n")
print(lines.count)
var frequencies: [String: Int] = [:]
var longest = ""
var letters = 0
for line in lines {
    for word in line.split(separator: " ") {
        let w = String(word)
        frequencies[w, default: 0] += 1
        letters += w.count
        if w.count > longest.count { longest = w }
    }
}
print("distinct words:", frequencies.count)
print("letters:", letters, "longest:", longest)
let common = frequencies.keys.sorted().filter { frequencies[$0]! > 1 }
print(common)
let byCount = frequencies.keys.sorted().sorted { frequencies[$0]! > frequencies[$1]! }
print(byCount.first!)
for (i, line) in lines.enumerated() {
    print("\(i + 1): \(line.uppercased()) (\(line.count))")
}
var acronym = ""
for word in "portable network graphics".split(separator: " ") {
    acronym += String(word.uppercased().split(separator: "N").count)
}
print(acronym)
print("a-b-c".split(separator: "-").count, "".split(separator: ",").count)
