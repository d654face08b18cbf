// Conversions and `as` / `is` checks.
struct Oops: Error { let detail: String }
struct Other: Error {}
let d = 3 as Double
print(d, 3 as Int)
let i = 7
print(Double(i) / 2, Int(7.99), Int(-0.5), Int(Double(i) * 1.5))
print(String(i) + "!", String(1.0 / 8))
print(Double(Int.max) > 1e18)
let errors: [Error] = [Oops(detail: "a"), Other(), Oops(detail: "b")]
for e in errors {
    if let oops = e as? Oops {
        print("oops", oops.detail)
    } else if e is Other {
        print("other")
    }
}
print(errors.filter { $0 is Oops }.count)
let nan = 0.0 / 0.0
print(nan.isNaN, nan == nan, d.isNaN)
print(Int.max - 1, Int.max == 9223372036854775807)
print(Double.pi > 3.14, Double.infinity > Double(Int.max))
