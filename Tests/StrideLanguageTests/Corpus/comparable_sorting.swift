struct Student: Comparable, CustomStringConvertible {
    var name: String
    var grade: Int
    static func < (lhs: Student, rhs: Student) -> Bool {
        if lhs.grade != rhs.grade { return lhs.grade < rhs.grade }
        return lhs.name < rhs.name
    }
    var description: String { "\(name)(\(grade))" }
}
let students = [Student(name: "Ann", grade: 90), Student(name: "Bob", grade: 72),
                Student(name: "Cid", grade: 90), Student(name: "Dee", grade: 85)]
print(students.sorted())
print(students.sorted(by: >))
print(students.max()!, students.min()!)
print(students[0] > students[1], students[0] <= students[2])
print(students.sorted().map { $0.name }.joined(separator: ","))

enum Priority: Int, Comparable {
    case low = 1, medium, high
    static func < (a: Priority, b: Priority) -> Bool { a.rawValue < b.rawValue }
}
print([Priority.high, .low, .medium].sorted())
print(Priority.high > .low)
