public class BankAccount {
    public let accountNumber: String
    private var balance: Double
    fileprivate var transactions: [Double] = []
    internal private(set) var isLocked = false

    public init(number: String, opening: Double) {
        accountNumber = number
        balance = opening
    }
    public func deposit(_ amount: Double) {
        guard !isLocked, amount > 0 else { return }
        balance += amount
        transactions.append(amount)
    }
    public func withdraw(_ amount: Double) -> Bool {
        guard !isLocked, amount <= balance else { return false }
        balance -= amount
        transactions.append(-amount)
        return true
    }
    public func lock() { isLocked = true }
    public var currentBalance: Double { balance }
    public var statement: String { transactions.map { $0 >= 0 ? "+\($0)" : "\($0)" }.joined(separator: " ") }
}
let acct = BankAccount(number: "12-34", opening: 100)
acct.deposit(50)
print(acct.withdraw(30), acct.withdraw(500))
acct.lock()
acct.deposit(1000)
print(acct.currentBalance, acct.isLocked, acct.statement, acct.accountNumber)
