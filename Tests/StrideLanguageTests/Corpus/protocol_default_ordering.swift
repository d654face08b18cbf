protocol Scorable {
    var score: Int { get }
    var label: String { get }
}
extension Scorable {
    var label: String { "score \(score)" }
    func beats(_ other: Scorable) -> Bool { score > other.score }
}
struct Team: Scorable, Comparable {
    let name: String
    var wins: Int, draws: Int
    var score: Int { wins * 3 + draws }
    var label: String { "\(name): \(score) pts" }
    static func < (a: Team, b: Team) -> Bool { a.score != b.score ? a.score < b.score : a.name > b.name }
}
struct Bonus: Scorable { let score: Int }
let teams = [Team(name: "Lions", wins: 3, draws: 1), Team(name: "Bears", wins: 2, draws: 4), Team(name: "Owls", wins: 3, draws: 1)]
for t in teams.sorted(by: >) { print(t.label) }
print(teams.max()!.name, teams.min()!.name)
print(Bonus(score: 5).label, teams[0].beats(Bonus(score: 9)), Bonus(score: 11).beats(teams[1]))
let all: [Scorable] = teams + [Bonus(score: 12)]
print(all.map(\.label))
print(all.sorted { $0.score > $1.score }.map(\.score))
