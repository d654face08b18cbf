// Building strings piece by piece.
var s = ""
for i in 0..<10 {
    s += "\(i),"
}
print(s)
print(s.count)
var table = ""
for row in 1...3 {
    var line = ""
    for col in 1...4 {
        line += "\(row * col)\t"
    }
    table += line + "\n"
}
print(table, terminator: "")
let items = ["milk", "eggs", "bread"]
var list = ""
for (i, item) in items.enumerated() {
    list += "\(i + 1). \(item)" + (i < items.count - 1 ? "\n" : "")
}
print(list)
let banner = """
    Total: \(items.count) items
    First: "\(items[0])"
    Sum: \(1 + 2 + 3)
    """
print(banner)
print(banner.split(separator: "\n").count)
var pyramid: [String] = []
for n in 1...4 {
    var row = ""
    for _ in 0..<n { row += "*" }
    pyramid.append(row)
}
print(pyramid)
let joinedByHand = pyramid.reduce("") { $0.count == 0 ? $1 : $0 + "|" + $1 }
print(joinedByHand)
