// guard exits early; defer runs at scope exit, last first.
func parse(_ values: [Int?]) -> Int {
    var sum = 0
    for v in values {
        guard let x = v else {
            print("skip nil")
            continue
        }
        guard x >= 0 else { return -1 }
        sum += x
    }
    return sum
}
print(parse([1, nil, 2]))
print(parse([1, -2, 3]))

func work() -> String {
    defer { print("first defer runs last") }
    defer { print("second defer runs first") }
    print("working")
    return "done"
}
print(work())

func early(_ flag: Bool) -> Int {
    defer { print("cleanup for", flag) }
    if flag { return 1 }
    print("no early exit")
    return 2
}
print(early(true))
print(early(false))

for i in 0..<3 {
    defer { print("end of iteration", i) }
    if i == 1 { continue }
    print("body", i)
}

do {
    defer { print("leaving do") }
    print("inside do")
}

func firstPositive(_ xs: [Int]) -> Int? {
    for x in xs {
        guard x > 0 else { continue }
        return x
    }
    return nil
}
print(firstPositive([-1, 0, 7, 3]) ?? -1, firstPositive([]) ?? -1)

var log: [String] = []
func track() {
    log.append("start")
    defer { log.append("deferred") }
    log.append("end")
}
track()
print(log)
