// Optional chaining, if let, guard let, ?? and force unwrap.
struct Address {
    var city: String
    var zip: String?
}
struct Person {
    var name: String
    var address: Address?
    func greeting() -> String { "Hi, \(name)" }
}
class Company {
    var boss: Person?
    init(boss: Person?) { self.boss = boss }
}
let ann = Person(name: "Ann", address: Address(city: "Oslo", zip: "0150"))
let bo = Person(name: "Bo", address: nil)
print(ann.address?.city)
print(bo.address?.city)
print(ann.address?.zip)
print(ann.address?.city.count)
print(bo.address?.city.count ?? 0)

let firm: Company? = Company(boss: ann)
let none: Company? = nil
print(firm?.boss?.name)
print(none?.boss?.name)
print(firm?.boss?.greeting())
print(firm?.boss?.address?.city ?? "unknown")
print(none?.boss?.address?.city ?? "unknown")

if let city = ann.address?.city {
    print("lives in", city)
}
if let city = bo.address?.city {
    print("never", city)
} else {
    print("no address")
}
if let a = ann.address, let z = a.zip, z.count == 4 {
    print("zip", z)
}
func zipCode(_ p: Person) -> String {
    guard let address = p.address, let zip = address.zip else { return "none" }
    return zip
}
print(zipCode(ann), zipCode(bo))

var maybe: Int? = nil
print(maybe ?? 10)
maybe = 4
print(maybe! + 1)
let chained: Int? = nil
print(chained ?? maybe ?? 0)
var people: [Person]? = [ann, bo]
print(people?.count, people?.first?.name)
people = nil
print(people?.count)
var company = Company(boss: nil)
company.boss?.name = "ignored"
print(company.boss?.name)
company.boss = bo
company.boss?.name = "Bob"
print(company.boss!.name)
