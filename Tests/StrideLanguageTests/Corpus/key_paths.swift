struct Person {
    var name: String
    var age: Int
}
let people = [Person(name: "Ann", age: 31), Person(name: "Bo", age: 25)]
print(people.map(\.name), people.map(\.age))
let kp = \Person.age
print(people[0][keyPath: kp])
print(people.sorted { $0[keyPath: kp] < $1[keyPath: kp] }.map(\.name))
var p = people[1]
p[keyPath: \Person.name] = "Bob"
print(p.name)
print(["a", "bcd"].map(\.count))
print(people.filter(\.name.isEmpty).count)
let nameKP: KeyPath<Person, String> = \.name
print(people.map { $0[keyPath: nameKP] }.joined())
