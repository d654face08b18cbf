struct Deck {
    enum Suit: String, CaseIterable { case hearts = "♥", spades = "♠" }
    struct Card: CustomStringConvertible {
        let rank: Int
        let suit: Suit
        var description: String { "\(rank)\(suit.rawValue)" }
    }
    typealias Hand = [Card]
    var cards: Hand = []
    init() {
        for s in Suit.allCases { for r in 1...2 { cards.append(Card(rank: r, suit: s)) } }
    }
    func first() -> Card { cards[0] }
}
let d = Deck()
print(d.cards, d.first())
let c = Deck.Card(rank: 9, suit: .spades)
print(c, Deck.Suit.hearts.rawValue)
typealias Point = (x: Int, y: Int)
let p: Point = (x: 1, y: 2)
print(p, p.x)
func demo() {
    struct Local { var n = 3 }
    lazy var expensive: Int = { print("computing"); return 42 }()
    print("before")
    print(expensive, expensive)
    print(Local().n)
}
demo()
typealias Money = Double
let m: Money = 3
print(m)
