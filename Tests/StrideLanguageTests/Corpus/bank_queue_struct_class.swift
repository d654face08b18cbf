struct Transaction: CustomStringConvertible {
    enum Kind: String { case deposit, withdrawal, fee }
    let kind: Kind
    let amount: Int
    var description: String { "\(kind.rawValue)(\(amount))" }
    var signed: Int { kind == .deposit ? amount : -amount }
}
final class Ledger {
    private(set) var entries: [Transaction] = []
    var balance: Int { entries.reduce(0) { $0 + $1.signed } }
    func record(_ kind: Transaction.Kind, _ amount: Int) {
        entries.append(Transaction(kind: kind, amount: amount))
        if kind == .withdrawal && balance < 0 { entries.append(Transaction(kind: .fee, amount: 25)) }
    }
    func summary() -> [Transaction.Kind: Int] {
        entries.reduce(into: [:]) { $0[$1.kind, default: 0] += $1.amount }
    }
}
let ledger = Ledger()
ledger.record(.deposit, 100)
ledger.record(.withdrawal, 30)
ledger.record(.withdrawal, 90)
ledger.record(.deposit, 50)
print(ledger.entries)
print(ledger.balance)
let s = ledger.summary()
for k in [Transaction.Kind.deposit, .withdrawal, .fee] { print(k.rawValue, s[k] ?? 0) }
