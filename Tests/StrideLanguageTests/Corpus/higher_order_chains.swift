// Chains of map, filter, sorted and reduce over tuples and structs.
struct Student {
    var name: String
    var grades: [Int]
    var average: Double {
        grades.isEmpty ? 0 : Double(grades.reduce(0, { $0 + $1 })) / Double(grades.count)
    }
}
let students = [
    Student(name: "Ann", grades: [90, 85, 77]),
    Student(name: "Bo", grades: [60, 70]),
    Student(name: "Cy", grades: []),
    Student(name: "Di", grades: [100, 95, 98, 99]),
]
let ranking = students
    .filter { !$0.grades.isEmpty }
    .sorted { $0.average > $1.average }
    .map { "\($0.name) \($0.average)" }
print(ranking)
let pairs = students.map { ($0.name, $0.grades.count) }
print(pairs)
let total = pairs.reduce(0) { $0 + $1.1 }
print(total)
let best = students.map { $0.grades.max() ?? 0 }
print(best, best.max()!, best.min()!)
let flat = students.reduce([Int]()) { $0 + $1.grades }
print(flat.count, flat.sorted().first!, flat.sorted(by: { $0 > $1 }).first!)
let passed = students.filter { $0.grades.contains { $0 >= 90 } }.map { $0.name }
print(passed)
let indexed = students.enumerated().map { "\($0.offset):\($0.element.name)" }
print(indexed)
let evensSquared = (1...20).filter { $0 % 2 == 0 }.map { $0 * $0 }.filter { $0 % 3 == 1 }
print(evensSquared)
let nestedSum = [[1, 2], [3, 4, 5], []].map { $0.reduce(0, { $0 + $1 }) }.reduce(0, { $0 + $1 })
print(nestedSum)
