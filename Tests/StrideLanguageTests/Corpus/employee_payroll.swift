import Foundation

class Employee {
    let name: String
    let id: Int
    init(name: String, id: Int) { self.name = name; self.id = id }
    func monthlyPay() -> Double { 0 }
    var role: String { "employee" }
    func describe() -> String { String(format: "#%03d %-8@ %-10@ %9.2f", id, name, role, monthlyPay()) }
}

class Salaried: Employee {
    let annual: Double
    init(name: String, id: Int, annual: Double) {
        self.annual = annual
        super.init(name: name, id: id)
    }
    override func monthlyPay() -> Double { annual / 12 }
    override var role: String { "salaried" }
}

class Hourly: Employee {
    let rate: Double
    var hours: Double = 0
    init(name: String, id: Int, rate: Double) {
        self.rate = rate
        super.init(name: name, id: id)
    }
    override func monthlyPay() -> Double {
        let overtime = max(0, hours - 160)
        return rate * min(hours, 160) + rate * 1.5 * overtime
    }
    override var role: String { "hourly" }
}

final class Manager: Salaried {
    var reports: [Employee] = []
    override func monthlyPay() -> Double { super.monthlyPay() + 100 * Double(reports.count) }
    override var role: String { "manager" }
}

let h = Hourly(name: "Ann", id: 7, rate: 20)
h.hours = 170
let s = Salaried(name: "Bob", id: 12, annual: 60000)
let m = Manager(name: "Cy", id: 1, annual: 90000)
m.reports = [h, s]
let staff: [Employee] = [m, s, h]
for e in staff.sorted(by: { $0.id < $1.id }) { print(e.describe()) }
let payroll = staff.map { $0.monthlyPay() }.reduce(0, +)
print(String(format: "total %.2f", payroll))
print(staff.filter { $0 is Salaried }.map(\.name), staff.compactMap { $0 as? Hourly }.map(\.hours))
