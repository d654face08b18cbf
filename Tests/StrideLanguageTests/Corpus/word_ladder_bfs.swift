func neighbors(_ w: String, in dict: Set<String>) -> [String] {
    var out: [String] = []
    let chars = Array(w)
    for i in chars.indices {
        for c in "abcdefghijklmnopqrstuvwxyz" where c != chars[i] {
            var n = chars
            n[i] = c
            let candidate = String(n)
            if dict.contains(candidate) { out.append(candidate) }
        }
    }
    return out
}
func ladder(from start: String, to goal: String, dict: Set<String>) -> [String]? {
    var queue: [[String]] = [[start]]
    var seen: Set<String> = [start]
    while !queue.isEmpty {
        let path = queue.removeFirst()
        let last = path.last!
        if last == goal { return path }
        for n in neighbors(last, in: dict).sorted() where !seen.contains(n) {
            seen.insert(n)
            queue.append(path + [n])
        }
    }
    return nil
}
let words: Set = ["hot", "dot", "dog", "lot", "log", "cog", "hit"]
print(ladder(from: "hit", to: "cog", dict: words) ?? [])
print(ladder(from: "hit", to: "xyz", dict: words) as Any)
