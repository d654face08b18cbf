func pad(_ s: String, to width: Int) -> String {
    String(repeating: " ", count: max(0, width - s.count)) + s
}
func withCommas(_ n: Int) -> String {
    let digits = String(abs(n))
    var out = ""
    for (i, ch) in digits.reversed().enumerated() {
        if i > 0 && i % 3 == 0 { out.append(",") }
        out.append(ch)
    }
    return (n < 0 ? "-" : "") + String(out.reversed())
}
for n in [0, 7, 1234, -98765, 1000000, Int.max] {
    print(pad(withCommas(n), to: 26))
}
func toBinary(_ n: Int, width: Int) -> String {
    let b = String(n, radix: 2)
    return String(repeating: "0", count: max(0, width - b.count)) + b
}
for n in [5, 255, 1024] { print(toBinary(n, width: 12), String(n, radix: 16), String(n, radix: 8)) }
print(Int("7fffffffffffffff", radix: 16)! == Int.max)
let doubles = [0.1 + 0.2, 1e-7, 123456789.0, 1.0 / 3.0, 2.5e10, -0.0, 100.0]
for d in doubles { print(d) }
print(Double(Int.max), Double(1 << 53) + 1)
print(7 / 2, -7 / 2, 7 % 3, -7 % 3, 7.0 / 2)
print((2.5).rounded(), (3.5).rounded(), (-2.5).rounded(), (2.7).rounded(.down), (2.2).rounded(.up))
print(Int(2.9), Int(-2.9), Double(3))
