struct Row { let name: String; let qty: Int; let price: Double }
let rows = [Row(name: "Widget", qty: 3, price: 4.5), Row(name: "Gadget", qty: 10, price: 12.25), Row(name: "Doohickey", qty: 1, price: 99.99)]
func padRight(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
func padLeft(_ s: String, _ n: Int) -> String { String(repeating: " ", count: max(0, n - s.count)) + s }
let nameWidth = rows.map(\.name.count).max()! + 2
var report = ""
report += padRight("Item", nameWidth) + padLeft("Qty", 5) + padLeft("Total", 10) + "\n"
report += String(repeating: "=", count: nameWidth + 15) + "\n"
var grand = 0.0
for r in rows {
    let total = Double(r.qty) * r.price
    grand += total
    report += padRight(r.name, nameWidth) + padLeft(String(r.qty), 5) + padLeft(String(total), 10) + "\n"
}
report += padRight("Sum", nameWidth) + padLeft("", 5) + padLeft(String(grand), 10)
print(report)
let lines = report.split(separator: "\n")
print(lines.count, lines.map(\.count).max()!)
print(report.filter { $0 == "=" }.count)
