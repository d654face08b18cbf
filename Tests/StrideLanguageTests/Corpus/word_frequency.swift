let text = """
It was the best of times, it was the worst of times, it was the age of wisdom,
it was the age of foolishness, it was the epoch of belief
"""
var counts: [String: Int] = [:]
for raw in text.lowercased().split(whereSeparator: { !$0.isLetter }) {
    counts[String(raw), default: 0] += 1
}
let top = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(5)
for (word, n) in top { print(word, n) }
print("distinct:", counts.count)
let longest = counts.keys.max { $0.count < $1.count || ($0.count == $1.count && $0 > $1) }!
print("longest:", longest)
let letters = text.filter { $0.isLetter }.count
print("letters:", letters)
func isPalindrome(_ s: String) -> Bool {
    let chars = s.lowercased().filter { $0.isLetter }
    return chars == String(chars.reversed())
}
print(["racecar", "A man, a plan, a canal: Panama", "swift"].map(isPalindrome))
func caesar(_ s: String, shift: Int) -> String {
    String(s.map { c -> Character in
        guard let a = c.asciiValue, c.isLetter, c.isLowercase else { return c }
        return Character(UnicodeScalar((Int(a) - 97 + shift + 26) % 26 + 97)!)
    })
}
let secret = caesar("hello world", shift: 3)
print(secret, caesar(secret, shift: -3))
func isAnagram(_ a: String, _ b: String) -> Bool { a.sorted() == b.sorted() }
print(isAnagram("listen", "silent"), isAnagram("abc", "abd"))
