import Foundation

struct Temperature {
    var celsius: Double
    var fahrenheit: Double {
        get { celsius * 9 / 5 + 32 }
        set { celsius = (newValue - 32) * 5 / 9 }
    }
    var kelvin: Double { celsius + 273.15 }
}

print(" Celsius Fahrenheit     Kelvin")
for c in stride(from: -40.0, through: 100.0, by: 20.0) {
    let t = Temperature(celsius: c)
    print(String(format: "%8.1f %10.1f %10.2f", t.celsius, t.fahrenheit, t.kelvin))
}
var t = Temperature(celsius: 0)
t.fahrenheit = 212
print(t.celsius)
let readings = [21.5, 23.0, 19.8, 25.1, 22.4]
let mean = readings.reduce(0, +) / Double(readings.count)
let variance = readings.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(readings.count)
print(String(format: "mean %.2f sd %.3f min %.1f max %.1f", mean, variance.squareRoot(), readings.min()!, readings.max()!))
