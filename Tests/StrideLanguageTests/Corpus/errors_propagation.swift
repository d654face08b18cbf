// Errors propagate through calls, run defers on the way, and can be rethrown.
struct Failure: Error {
    let code: Int
}

var trail: [String] = []

func level3(_ n: Int) throws -> Int {
    defer { trail.append("level3 exit") }
    if n > 2 { throw Failure(code: n) }
    return n * 10
}
func level2(_ n: Int) throws -> Int {
    defer { trail.append("level2 exit") }
    let v = try level3(n)
    trail.append("level2 got \(v)")
    return v + 1
}
func level1(_ n: Int) -> String {
    do {
        return "ok \(try level2(n))"
    } catch let f as Failure {
        return "failed with code \(f.code)"
    } catch {
        return "unexpected"
    }
}
print(level1(1))
print(trail)
trail = []
print(level1(5))
print(trail)

func wrapper() throws {
    do {
        _ = try level3(9)
    } catch {
        print("logging", error)
        throw error
    }
}
do {
    try wrapper()
} catch {
    print("outer caught", error)
}

func validated(_ xs: [Int]) throws -> [Int] {
    var result: [Int] = []
    for x in xs {
        guard x >= 0 else { throw Failure(code: x) }
        result.append(x)
    }
    return result
}
for input in [[1, 2], [3, -4, 5]] {
    do {
        print(try validated(input))
    } catch let f as Failure {
        print("negative:", f.code)
    }
}
