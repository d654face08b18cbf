enum TransactionError: Error, CustomStringConvertible {
    case insufficientFunds(balance: Double, requested: Double)
    case invalidAmount(Double)
    var description: String {
        switch self {
        case let .insufficientFunds(b, r): return "insufficient funds: balance \(b), requested \(r)"
        case .invalidAmount(let a): return "invalid amount \(a)"
        }
    }
}

class Account {
    let owner: String
    private(set) var balance: Double = 0
    var history: [String] = []
    init(owner: String) { self.owner = owner }

    func deposit(_ amount: Double) throws {
        guard amount > 0 else { throw TransactionError.invalidAmount(amount) }
        balance += amount
        history.append("+\(amount)")
    }

    func withdraw(_ amount: Double) throws {
        guard amount > 0 else { throw TransactionError.invalidAmount(amount) }
        guard amount <= balance else { throw TransactionError.insufficientFunds(balance: balance, requested: amount) }
        balance -= amount
        history.append("-\(amount)")
    }

    func monthEnd() {}
    var summary: String { "\(owner): \(balance)" }
}

class SavingsAccount: Account {
    let rate: Double
    init(owner: String, rate: Double) {
        self.rate = rate
        super.init(owner: owner)
    }
    override func monthEnd() {
        let interest = balance * rate
        try? deposit(interest)
    }
    override var summary: String { "Savings " + super.summary }
}

let accounts: [Account] = [Account(owner: "Ann"), SavingsAccount(owner: "Ben", rate: 0.1)]
for a in accounts {
    do {
        try a.deposit(100)
        try a.withdraw(30)
        try a.withdraw(500)
    } catch let e as TransactionError {
        print("error:", e)
    } catch {
        print("unexpected", error)
    }
    a.monthEnd()
    print(a.summary, a.history)
}
do { try accounts[0].deposit(-5) } catch { print(error) }
let total = accounts.reduce(0) { $0 + $1.balance }
print("total", total)
