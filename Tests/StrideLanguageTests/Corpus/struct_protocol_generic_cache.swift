protocol Identifiable2 {
    associatedtype ID: Hashable
    var id: ID { get }
}

struct Cache<Item: Identifiable2> {
    private var storage: [Item.ID: Item] = [:]
    private(set) var hits = 0
    private(set) var misses = 0

    mutating func put(_ item: Item) { storage[item.id] = item }
    mutating func get(_ id: Item.ID) -> Item? {
        if let item = storage[id] { hits += 1; return item }
        misses += 1
        return nil
    }
    var count: Int { storage.count }
}

struct Product: Identifiable2, CustomStringConvertible {
    let id: Int
    let name: String
    var description: String { "Product #\(id) \(name)" }
}

var cache = Cache<Product>()
cache.put(Product(id: 1, name: "lamp"))
cache.put(Product(id: 2, name: "desk"))
cache.put(Product(id: 1, name: "lamp v2"))
print(cache.get(1) ?? "missing", cache.get(3) as Any)
print(cache.count, cache.hits, cache.misses)
func firstMatch<C: Collection>(_ c: C, where test: (C.Element) -> Bool) -> C.Element? {
    for x in c where test(x) { return x }
    return nil
}
print(firstMatch([3, 8, 12], where: { $0 > 5 }) as Any, firstMatch("hello", where: { $0 == "z" }) as Any)
func pairs<A, B>(_ a: [A], _ b: [B]) -> [(A, B)] { Array(zip(a, b)) }
print(pairs([1, 2], ["x", "y", "z"]))
