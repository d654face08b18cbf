class Node<T> {
    var value: T
    var next: Node<T>?
    init(_ value: T, next: Node<T>? = nil) {
        self.value = value
        self.next = next
    }
}

struct LinkedList<T>: CustomStringConvertible {
    private var head: Node<T>?
    private(set) var count = 0

    mutating func push(_ v: T) {
        head = Node(v, next: head)
        count += 1
    }

    mutating func pop() -> T? {
        guard let h = head else { return nil }
        head = h.next
        count -= 1
        return h.value
    }

    func toArray() -> [T] {
        var out: [T] = []
        var cur = head
        while let c = cur {
            out.append(c.value)
            cur = c.next
        }
        return out
    }

    var description: String {
        "[" + toArray().map { "\($0)" }.joined(separator: " -> ") + "]"
    }
}

var list = LinkedList<Int>()
for i in 1...5 { list.push(i * i) }
print(list)
print(list.count)
print(list.pop() ?? -1, list.pop() ?? -1)
print(list, list.count)
var words = LinkedList<String>()
words.push("world")
words.push("hello")
print(words.toArray().joined(separator: " "))
