import Foundation
enum Unit: String, CaseIterable {
    case celsius = "C", fahrenheit = "F", kelvin = "K"
    func toCelsius(_ v: Double) -> Double {
        switch self {
        case .celsius: return v
        case .fahrenheit: return (v - 32) * 5 / 9
        case .kelvin: return v - 273.15
        }
    }
    func fromCelsius(_ c: Double) -> Double {
        switch self {
        case .celsius: return c
        case .fahrenheit: return c * 9 / 5 + 32
        case .kelvin: return c + 273.15
        }
    }
}
struct Reading: CustomStringConvertible {
    let value: Double
    let unit: Unit
    func converted(to u: Unit) -> Reading { Reading(value: u.fromCelsius(unit.toCelsius(value)), unit: u) }
    var description: String { "\((value * 100).rounded() / 100)°\(unit.rawValue)" }
}
let r = Reading(value: 100, unit: .celsius)
for u in Unit.allCases { print(r.converted(to: u)) }
let body = Reading(value: 98.6, unit: .fahrenheit)
print(body.converted(to: .celsius), body.converted(to: .kelvin))
print(Unit(rawValue: "K") ?? .celsius, Unit(rawValue: "X") == nil)
