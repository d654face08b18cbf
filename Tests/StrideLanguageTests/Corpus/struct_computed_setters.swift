import Foundation
// Computed properties with a getter and a setter (`newValue` or a named parameter).
struct Square {
    var side: Double
    var area: Double {
        get { side * side }
        set { side = newValue.squareRoot() }
    }
    var perimeter: Double {
        get {
            return 4 * side
        }
        set(p) {
            side = p / 4
        }
    }
}
var sq = Square(side: 3)
print(sq.area, sq.perimeter)
sq.area = 64
print(sq.side, sq.perimeter)
sq.perimeter = 10
print(sq.side, sq.area)
var copy = sq
copy.side = 1
print(sq.side, copy.side)
