protocol Container {
    associatedtype Item
    var items: [Item] { get set }
    mutating func add(_ item: Item)
    var count: Int { get }
}
extension Container {
    mutating func add(_ item: Item) { items.append(item) }
    var count: Int { items.count }
}
struct IntBag: Container {
    var items: [Int] = []
}
struct Names: Container {
    typealias Item = String
    var items: [String] = []
}
var bag = IntBag()
bag.add(3); bag.add(4)
var names = Names()
names.add("x")
print(bag.items, bag.count, names.items, names.count)

protocol Describable { func describe() -> String }
protocol Named: Describable { var name: String { get } }
extension Named { func describe() -> String { "I am \(name)" } }
struct Cat: Named { let name: String }
let things: [any Describable] = [Cat(name: "Tom")]
for t in things { print(t.describe()) }
func show(_ d: some Describable) { print(d.describe()) }
show(Cat(name: "Kit"))

protocol Resettable { mutating func reset() }
struct Counter: Resettable {
    var n = 5
    mutating func reset() { n = 0 }
}
var ctr = Counter()
ctr.reset()
print(ctr.n)
protocol Factory { static func make() -> Self }
struct Widget: Factory {
    var id = 1
    static func make() -> Widget { Widget(id: 42) }
}
print(Widget.make().id)
func build<T: Factory>(_ t: T.Type) -> T { T.make() }
print(build(Widget.self).id)
