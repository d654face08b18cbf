class Rect {
    var width: Double
    var height: Double
    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }
    convenience init(side: Double) {
        self.init(width: side, height: side)
    }
    convenience init() {
        self.init(side: 1)
    }
    var area: Double { width * height }
}

class Square: Rect {
    init(size: Double) {
        super.init(width: size, height: size)
    }
    required init(other: Square) {
        super.init(width: other.width, height: other.height)
    }
}

let r = Rect(side: 3)
print(r.area, Rect().area, Rect(width: 2, height: 5).area)
let s = Square(size: 4)
let t = Square(other: s)
print(s.area, t.width)

struct Temperature {
    var celsius: Double
    init(celsius: Double) { self.celsius = celsius }
    init(fahrenheit: Double) { self.init(celsius: (fahrenheit - 32) / 1.8) }
}
print(Temperature(fahrenheit: 212).celsius)
