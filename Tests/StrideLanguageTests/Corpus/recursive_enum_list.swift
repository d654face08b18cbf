indirect enum List<T> {
    case empty
    case cons(T, List<T>)

    func toArray() -> [T] {
        var out: [T] = []
        var cur = self
        while case let .cons(head, tail) = cur {
            out.append(head)
            cur = tail
        }
        return out
    }
    var count: Int {
        switch self {
        case .empty: return 0
        case .cons(_, let tail): return 1 + tail.count
        }
    }
    func map<U>(_ f: (T) -> U) -> List<U> {
        switch self {
        case .empty: return .empty
        case let .cons(h, t): return .cons(f(h), t.map(f))
        }
    }
    static func from(_ xs: [T]) -> List<T> {
        xs.reversed().reduce(List<T>.empty) { .cons($1, $0) }
    }
}
let l = List.from([1, 2, 3, 4])
print(l.toArray(), l.count)
print(l.map { $0 * 10 }.toArray())
print(l.map { "n\($0)" }.toArray())
let empty = List<Int>.empty
print(empty.count, empty.toArray())
