func compress(_ s: String) -> String {
    var out = ""
    var prev: Character?
    var run = 0
    for ch in s {
        if ch == prev { run += 1; continue }
        if let p = prev { out += "\(p)\(run)" }
        prev = ch
        run = 1
    }
    if let p = prev { out += "\(p)\(run)" }
    return out.count < s.count ? out : s
}
func decompress(_ s: String) -> String {
    var out = ""
    var chars = Array(s)
    var i = 0
    while i < chars.count {
        let ch = chars[i]
        i += 1
        var digits = ""
        while i < chars.count, chars[i].isNumber { digits.append(chars[i]); i += 1 }
        out += String(repeating: String(ch), count: Int(digits) ?? 1)
    }
    chars = []
    return out
}
for s in ["aaabbbbcc", "abc", "zzzzzzzzzzzz", ""] {
    let c = compress(s)
    print("\"\(s)\" -> \"\(c)\" -> \"\(decompress(c))\"")
}
let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
let sentence = "the quick brown fox"
print(sentence.filter { vowels.contains($0) }.count, String(sentence.map { vowels.contains($0) ? "*" : $0 }))
print(sentence.split(separator: " ").map { String($0.reversed()) }.joined(separator: " "))
print(sentence.split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " "))
