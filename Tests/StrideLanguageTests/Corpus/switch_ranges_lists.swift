// switch over Ints with ranges and lists of patterns.
func describe(_ n: Int) -> String {
    switch n {
    case 0:
        return "zero"
    case 1..<10, 40...50:
        return "small or forties"
    case -5 ... -1:
        return "slightly negative"
    case 10, 20, 30:
        return "round"
    case ..<(-5):
        return "very negative"
    default:
        return "other"
    }
}
for n in [0, 3, 9, 10, 20, 45, 50, 51, -1, -5, -6, 100] {
    print(n, describe(n))
}

let grade = 87
switch grade {
case 90...100: print("A")
case 80..<90: print("B")
default: print("C or below")
}

let word = "pear"
switch word {
case "apple", "pear":
    print("fruit")
case "carrot":
    print("vegetable")
default:
    print("unknown")
}
