class Owner {
    let name: String
    var pet: Pet?
    init(name: String) { self.name = name }
}
class Pet {
    weak var owner: Owner?
    unowned let home: Owner
    private(set) var visits = 0
    fileprivate var secret = 1
    init(home: Owner) { self.home = home }
    func visit() { visits += 1 }
}
let o = Owner(name: "Kim")
let p = Pet(home: o)
p.owner = o
o.pet = p
p.visit(); p.visit()
print(p.visits, p.owner?.name ?? "none", p.home.name)
public struct Api {
    public var version = 2
    internal var key = "k"
    private var hidden = 3
    public init() {}
    public func show() -> Int { hidden + version }
}
print(Api().show(), Api().key)
open class Base { open func f() -> Int { 1 } }
class Derived: Base { override func f() -> Int { 2 } }
print(Derived().f())
