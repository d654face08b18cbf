protocol Queue {
    associatedtype Element
    mutating func enqueue(_ e: Element)
    mutating func dequeue() -> Element?
    var isEmpty: Bool { get }
}

struct ArrayQueue<T>: Queue {
    private var items: [T] = []
    private var head = 0
    mutating func enqueue(_ e: T) { items.append(e) }
    mutating func dequeue() -> T? {
        guard head < items.count else { return nil }
        defer { head += 1 }
        return items[head]
    }
    var isEmpty: Bool { head >= items.count }
    var count: Int { items.count - head }
}

struct PriorityQueue<T: Comparable> {
    private var heap: [T] = []
    var count: Int { heap.count }
    mutating func push(_ x: T) {
        heap.append(x)
        var i = heap.count - 1
        while i > 0 {
            let p = (i - 1) / 2
            if heap[p] <= heap[i] { break }
            heap.swapAt(p, i)
            i = p
        }
    }
    mutating func pop() -> T? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let top = heap.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < heap.count && heap[l] < heap[m] { m = l }
            if r < heap.count && heap[r] < heap[m] { m = r }
            if m == i { break }
            heap.swapAt(i, m)
            i = m
        }
        return top
    }
}

var q = ArrayQueue<String>()
["a", "b", "c"].forEach { q.enqueue($0) }
print(q.dequeue()!, q.count, q.isEmpty)
while let x = q.dequeue() { print(x) }
print(q.isEmpty)
var pq = PriorityQueue<Int>()
for x in [5, 3, 9, 1, 7, 2] { pq.push(x) }
var out: [Int] = []
while let x = pq.pop() { out.append(x) }
print(out, pq.count)
