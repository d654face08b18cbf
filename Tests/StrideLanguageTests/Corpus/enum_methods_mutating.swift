enum Light {
    case red, yellow, green
    mutating func next() {
        switch self {
        case .red: self = .green
        case .green: self = .yellow
        case .yellow: self = .red
        }
    }
    static var start: Light { .red }
    init(code: Int) {
        switch code {
        case 0: self = .red
        case 1: self = .yellow
        default: self = .green
        }
    }
}
var l = Light.start
for _ in 0..<4 { print(l, terminator: " "); l.next() }
print()
print(Light(code: 1), Light(code: 7))

enum Planet: Int {
    case mercury = 1, venus, earth
    var isHome: Bool { self == .earth }
    func distance(to other: Planet) -> Int { abs(rawValue - other.rawValue) }
}
print(Planet.venus.rawValue, Planet.earth.isHome, Planet.mercury.distance(to: .earth))

enum Result2 {
    case ok(value: Int), fail(String)
}
let rs = [Result2.ok(value: 3), .fail("bad")]
for r in rs {
    switch r {
    case .ok(let v) where v > 2: print("big ok", v)
    case .ok(let v): print("ok", v)
    case .fail(let why): print("failed:", why)
    }
}
print(rs)
