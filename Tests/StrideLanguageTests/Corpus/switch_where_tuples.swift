// switch with bindings, where clauses, tuples and fallthrough.
func classify(_ p: (Int, Int)) -> String {
    switch p {
    case (0, 0):
        return "origin"
    case (_, 0):
        return "on the x axis"
    case (0, let y):
        return "on the y axis at \(y)"
    case let (x, y) where x == y:
        return "diagonal at \(x)"
    case (let x, let y) where x + y == 0:
        return "anti-diagonal \(x),\(y)"
    case (1...3, 1...3):
        return "small square"
    default:
        return "somewhere (\(p.0), \(p.1))"
    }
}
for p in [(0, 0), (4, 0), (0, -2), (5, 5), (3, -3), (2, 3), (9, 1)] {
    print(classify(p))
}

func sign(_ n: Int) -> String {
    switch n {
    case let x where x > 0: return "positive"
    case let x where x < 0: return "negative"
    default: return "zero"
    }
}
print(sign(4), sign(-4), sign(0))

for n in [1, 2, 3] {
    var steps: [String] = []
    switch n {
    case 1:
        steps.append("one")
        fallthrough
    case 2:
        steps.append("two")
        fallthrough
    default:
        steps.append("end")
    }
    print(n, steps)
}

let value = 7
switch value {
case 1...5:
    print("low")
case 6...10 where value % 2 == 0:
    print("high even")
case 6...10:
    print("high odd")
default:
    break
}
