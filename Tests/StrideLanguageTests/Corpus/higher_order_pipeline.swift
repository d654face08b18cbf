struct Sale { let region: String; let product: String; let units: Int; let price: Double }
let sales = [
    Sale(region: "north", product: "tea", units: 10, price: 2.5),
    Sale(region: "south", product: "tea", units: 4, price: 2.5),
    Sale(region: "north", product: "coffee", units: 7, price: 4.0),
    Sale(region: "east", product: "cocoa", units: 3, price: 3.0),
    Sale(region: "south", product: "coffee", units: 12, price: 4.0),
]
let revenueByRegion = sales.reduce(into: [String: Double]()) { $0[$1.region, default: 0] += Double($1.units) * $1.price }
for (region, revenue) in revenueByRegion.sorted(by: { $0.value > $1.value }) { print(region, revenue) }
let unitsByProduct = Dictionary(grouping: sales, by: \.product).mapValues { $0.reduce(0) { $0 + $1.units } }
print(unitsByProduct.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))
let bigSales = sales.filter { $0.units >= 7 }.map(\.product)
print(bigSales, Set(bigSales).sorted())
let (best, worst) = (sales.max { $0.units < $1.units }!, sales.min { $0.units < $1.units }!)
print(best.product, best.region, worst.product)
let cumulative = sales.map(\.units).reduce(into: [Int]()) { acc, x in acc.append((acc.last ?? 0) + x) }
print(cumulative)
let regions = sales.map(\.region)
print(Array(Set(regions)).sorted(), regions.count)
let flat = [[1, 2], [3], [], [4, 5, 6]].flatMap { $0 }.filter { $0.isMultiple(of: 2) }.map { $0 * $0 }
print(flat)
let zipped = zip(["a", "b", "c"], 1...).map { "\($0)\($1)" }
print(zipped)
