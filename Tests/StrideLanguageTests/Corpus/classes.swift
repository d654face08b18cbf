// Classes: init, methods, properties, identity, and shared mutation.
class BankAccount {
    let owner: String
    var balance: Double
    var history: [Double] = []
    init(owner: String, balance: Double = 0) {
        self.owner = owner
        self.balance = balance
    }
    func deposit(_ amount: Double) {
        balance += amount
        history.append(amount)
    }
    func withdraw(_ amount: Double) -> Bool {
        guard amount <= balance else { return false }
        balance -= amount
        history.append(-amount)
        return true
    }
    var summary: String { "\(owner): \(balance) after \(history.count) operations" }
}
let account = BankAccount(owner: "Ann")
account.deposit(100)
print(account.withdraw(30), account.withdraw(500))
print(account.summary)
print(account.history)

func transfer(_ amount: Double, from a: BankAccount, to b: BankAccount) {
    if a.withdraw(amount) { b.deposit(amount) }
}
let savings = BankAccount(owner: "Ann's savings", balance: 10)
transfer(50, from: account, to: savings)
print(account.balance, savings.balance)

class Node {
    var value: Int
    var next: Node?
    init(_ value: Int, next: Node? = nil) {
        self.value = value
        self.next = next
    }
}
let list = Node(1, next: Node(2, next: Node(3)))
var cursor: Node? = list
var values: [Int] = []
while let node = cursor {
    values.append(node.value)
    cursor = node.next
}
print(values)
list.next?.value = 20
print(list.next!.value, list.next?.next?.value ?? 0, list.next?.next?.next?.value ?? 0)

class Tree {
    var children: [Tree] = []
    let label: String
    init(_ label: String) { self.label = label }
    func add(_ child: Tree) -> Tree {
        children.append(child)
        return self
    }
    func size() -> Int { 1 + children.map { $0.size() }.reduce(0) { $0 + $1 } }
}
let root = Tree("root").add(Tree("a").add(Tree("a1"))).add(Tree("b"))
print(root.size(), root.children.count, root.children[0].children[0].label)
let sameRoot = root
sameRoot.children.append(Tree("c"))
print(root.size(), root === sameRoot)
