protocol Borrowable {
    var isAvailable: Bool { get }
    mutating func borrow(by member: String) -> Bool
}

struct Book: Borrowable, CustomStringConvertible {
    let title: String
    let author: String
    let year: Int
    private(set) var borrower: String?
    var isAvailable: Bool { borrower == nil }
    mutating func borrow(by member: String) -> Bool {
        guard isAvailable else { return false }
        borrower = member
        return true
    }
    mutating func giveBack() { borrower = nil }
    var description: String { "\(title) by \(author) (\(year))" + (borrower.map { " [out: \($0)]" } ?? "") }
}

class Library {
    private var books: [Book] = []
    func add(_ b: Book) { books.append(b) }
    func borrow(title: String, by member: String) -> Bool {
        guard let i = books.firstIndex(where: { $0.title == title }) else { return false }
        return books[i].borrow(by: member)
    }
    func giveBack(title: String) {
        if let i = books.firstIndex(where: { $0.title == title }) { books[i].giveBack() }
    }
    var available: [Book] { books.filter(\.isAvailable) }
    func byAuthor() -> [String: [String]] {
        Dictionary(grouping: books, by: \.author).mapValues { $0.map(\.title).sorted() }
    }
    func oldest() -> Book? { books.min { $0.year < $1.year } }
}

let lib = Library()
lib.add(Book(title: "Dune", author: "Herbert", year: 1965))
lib.add(Book(title: "Emma", author: "Austen", year: 1815))
lib.add(Book(title: "Persuasion", author: "Austen", year: 1817))
print(lib.borrow(title: "Dune", by: "kim"), lib.borrow(title: "Dune", by: "lee"), lib.borrow(title: "Nope", by: "x"))
for b in lib.available { print(b) }
print(lib.byAuthor().sorted { $0.key < $1.key })
print(lib.oldest()!)
lib.giveBack(title: "Dune")
print(lib.available.count)
