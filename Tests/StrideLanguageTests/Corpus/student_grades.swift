struct Student {
    let name: String
    var scores: [Int]
    var average: Double { scores.isEmpty ? 0 : Double(scores.reduce(0, +)) / Double(scores.count) }
    var letter: Character {
        switch average {
        case 90...: return "A"
        case 80..<90: return "B"
        case 70..<80: return "C"
        default: return "F"
        }
    }
}
var roster = [
    Student(name: "Ana", scores: [95, 88, 92]),
    Student(name: "Ben", scores: [72, 65, 80]),
    Student(name: "Cai", scores: [85, 91, 78]),
    Student(name: "Dov", scores: []),
]
roster[3].scores.append(60)
for s in roster.sorted(by: { $0.average > $1.average }) {
    print(s.name, s.average, s.letter)
}
let byLetter = Dictionary(grouping: roster, by: \.letter)
for letter in byLetter.keys.sorted() { print(letter, byLetter[letter]!.map(\.name)) }
let best = roster.max { $0.average < $1.average }!
print("best:", best.name, "top score:", roster.flatMap(\.scores).max()!)
let passed = roster.filter { $0.letter != "F" }.map(\.name)
print(passed, passed.count == roster.count)
