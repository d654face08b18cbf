class StepCounter {
    var totalSteps: Int = 0 {
        willSet(newTotalSteps) {
            print("About to set totalSteps to \(newTotalSteps)")
        }
        didSet {
            if totalSteps > oldValue {
                print("Added \(totalSteps - oldValue) steps")
            }
        }
    }
}
let stepCounter = StepCounter()
stepCounter.totalSteps = 200
stepCounter.totalSteps = 360
stepCounter.totalSteps = 896

struct Thermostat {
    var target = 20 {
        didSet { if target > 30 { target = 30 } }
    }
    var log: [String] = []
    var mode = "off" {
        willSet { log.append("\(mode)->\(newValue)") }
    }
}
var t = Thermostat()
t.target = 45
print(t.target)
t.target += 1
print(t.target)
t.mode = "heat"
t.mode = "cool"
print(t.log)
