enum BankError: Error {
    case insufficient(needed: Int)
    case frozen
}
struct Account {
    var balance: Int
    var isFrozen = false
    mutating func withdraw(_ amt: Int) throws -> Int {
        if isFrozen { throw BankError.frozen }
        guard amt <= balance else { throw BankError.insufficient(needed: amt - balance) }
        balance -= amt
        return balance
    }
}
var acct = Account(balance: 100)
do {
    print(try acct.withdraw(30))
    print(try acct.withdraw(100))
} catch BankError.insufficient(let needed) {
    print("need", needed)
} catch {
    print("other", error)
}
acct.isFrozen = true
do { _ = try acct.withdraw(1) } catch let e as BankError { print("bank error:", e) }
let r = try? acct.withdraw(1)
print(r as Any)
func risky(_ n: Int) throws -> Int {
    if n < 0 { throw BankError.frozen }
    return n * 2
}
let results = [1, -1, 3].map { try? risky($0) }
print(results)
do {
    let v = try risky(-5)
    print(v)
} catch BankError.frozen {
    print("frozen caught")
}
struct ParseError: Error, CustomStringConvertible {
    let line: Int
    var description: String { "parse error at line \(line)" }
}
do { throw ParseError(line: 7) } catch { print(error) }
func f() throws(BankError) { throw .frozen }
do { try f() } catch { print("typed", error) }
let res: Result<Int, BankError> = .failure(.frozen)
switch res {
case .success(let v): print(v)
case .failure(let e): print("failure", e)
}
defer { print("deferred at end") }
print("before end")
