struct Item: Hashable {
    let name: String
    let price: Double
    var quantity: Int
}

struct Inventory {
    private var items: [String: Item] = [:]

    mutating func add(_ name: String, price: Double, quantity: Int) {
        if var existing = items[name] {
            existing.quantity += quantity
            items[name] = existing
        } else {
            items[name] = Item(name: name, price: price, quantity: quantity)
        }
    }

    mutating func remove(_ name: String, quantity: Int) -> Bool {
        guard var item = items[name], item.quantity >= quantity else { return false }
        item.quantity -= quantity
        items[name] = item.quantity == 0 ? nil : item
        return true
    }

    var totalValue: Double { items.values.reduce(0) { $0 + $1.price * Double($1.quantity) } }
    var names: [String] { items.keys.sorted() }
    func lowStock(below n: Int) -> [String] { items.values.filter { $0.quantity < n }.map(\.name).sorted() }
}

var inv = Inventory()
inv.add("apple", price: 0.5, quantity: 100)
inv.add("pear", price: 0.75, quantity: 20)
inv.add("kiwi", price: 1.25, quantity: 5)
inv.add("apple", price: 0.5, quantity: 50)
print(inv.names)
print(inv.totalValue)
print(inv.remove("kiwi", quantity: 5), inv.remove("pear", quantity: 50))
print(inv.names, inv.lowStock(below: 30))
let prices = ["apple": 0.5, "pear": 0.75]
let expensive = prices.filter { $0.value > 0.6 }.map { $0.key }
print(expensive)
let restock = Dictionary(uniqueKeysWithValues: inv.names.map { ($0, 10) })
print(restock.sorted { $0.key < $1.key })
