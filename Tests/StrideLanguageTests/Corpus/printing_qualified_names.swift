enum Suit { case hearts, spades }
enum Shape { case circle(Double), rect(w: Double, h: Double) }
struct Card { var suit: Suit; var n: Int }
struct Box<T> { var v: T }
class K { var x = 1 }
struct Outer { struct Inner { var a = 1 }; var i = Inner() }
print(Suit.hearts, [Suit.hearts], Card(suit: .spades, n: 2))
print(Shape.circle(1), [Shape.rect(w: 1, h: 2)])
print(Box(v: 3), Box(v: Suit.hearts), [Box(v: "a")])
print(K(), [K()])
print(Outer(), Outer.Inner())
print(["k": Suit.spades])
debugPrint(Suit.hearts, Card(suit: .spades, n: 2), "s")
print(String(describing: Suit.hearts), "\(Suit.spades)", "\(Card(suit: .hearts, n: 1))")
print(type(of: Suit.hearts), type(of: Card(suit: .hearts, n: 1)), Box<Int>.self)
