import Foundation
let s = "Hello, Swift"
let i = s.index(s.startIndex, offsetBy: 7)
print(s[i], s[s.startIndex])
let j = s.index(after: i)
print(s[j])
let k = s.index(before: s.endIndex)
print(s[k])
print(s[i...], s[..<i], s[s.startIndex..<s.index(s.startIndex, offsetBy: 5)])
if let comma = s.firstIndex(of: ",") {
    print(s[..<comma], s.distance(from: s.startIndex, to: comma))
}
if let r = s.range(of: "Swift") {
    print(s[r], s.distance(from: s.startIndex, to: r.lowerBound))
}
var word = "cafe"
word.insert("!", at: word.endIndex)
print(word)
let idx = word.firstIndex(of: "f")!
word.remove(at: idx)
print(word)
print(s.lastIndex(of: "l").map { s.distance(from: s.startIndex, to: $0) } ?? -1)
for (n, ch) in "abc".enumerated() { print(n, ch) }
let sub = s[s.index(s.startIndex, offsetBy: 2)...s.index(s.startIndex, offsetBy: 4)]
print(sub, String(sub).count)
