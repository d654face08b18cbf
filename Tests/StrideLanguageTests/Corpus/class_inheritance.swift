class Animal {
    var name: String
    var legs: Int
    init(name: String, legs: Int) {
        self.name = name
        self.legs = legs
    }
    func speak() -> String { return "..." }
    func describe() -> String { return "\(name) has \(legs) legs and says \(speak())" }
}

class Dog: Animal {
    var breed: String
    init(name: String, breed: String) {
        self.breed = breed
        super.init(name: name, legs: 4)
    }
    override func speak() -> String { return "Woof" }
}

class Puppy: Dog {
    override func speak() -> String { return super.speak() + " (tiny)" }
    override func describe() -> String { return "Puppy: " + super.describe() }
}

let animals: [Animal] = [Animal(name: "Generic", legs: 2), Dog(name: "Rex", breed: "Lab"), Puppy(name: "Bit", breed: "Pug")]
for a in animals {
    print(a.describe())
}
let d = animals[1]
if let dog = d as? Dog {
    print("breed", dog.breed)
}
print(animals[2] is Dog, animals[0] is Dog)
var count = 0
for a in animals where a is Puppy { count += 1 }
print(count)
