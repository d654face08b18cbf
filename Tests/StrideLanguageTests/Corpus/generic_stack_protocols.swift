protocol Container {
    associatedtype Item
    mutating func append(_ item: Item)
    var count: Int { get }
    subscript(i: Int) -> Item { get }
}

struct Stack<Element>: Container {
    var items: [Element] = []
    mutating func push(_ item: Element) { items.append(item) }
    mutating func pop() -> Element { items.removeLast() }
    mutating func append(_ item: Element) { push(item) }
    var count: Int { items.count }
    subscript(i: Int) -> Element { items[i] }
}

extension Stack {
    var topItem: Element? { items.isEmpty ? nil : items[items.count - 1] }
}

func allItemsMatch<C1: Container, C2: Container>(_ a: C1, _ b: C2) -> Bool where C1.Item == C2.Item, C1.Item: Equatable {
    if a.count != b.count { return false }
    for i in 0..<a.count where a[i] != b[i] { return false }
    return true
}

var s1 = Stack<String>()
s1.push("uno"); s1.push("dos"); s1.push("tres")
var s2 = Stack<String>()
for w in ["uno", "dos", "tres"] { s2.append(w) }
print(allItemsMatch(s1, s2), s1.topItem ?? "empty", s1.count)
print(s1.pop(), s1.count, allItemsMatch(s1, s2))
if let top = s1.topItem { print("The top item on the stack is \(top).") }
func findIndex<T: Equatable>(of valueToFind: T, in array: [T]) -> Int? {
    for (index, value) in array.enumerated() where value == valueToFind { return index }
    return nil
}
print(findIndex(of: 9.3, in: [3.14159, 0.1, 0.25]) as Any, findIndex(of: "Andrea", in: ["Mike", "Malcolm", "Andrea"]) as Any)
