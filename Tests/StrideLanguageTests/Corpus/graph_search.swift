struct Graph {
    var adjacency: [Int: [Int]] = [:]

    mutating func addEdge(_ a: Int, _ b: Int) {
        adjacency[a, default: []].append(b)
        adjacency[b, default: []].append(a)
    }

    func bfs(from start: Int) -> [Int] {
        var visited: Set<Int> = [start]
        var queue = [start]
        var order: [Int] = []
        while !queue.isEmpty {
            let n = queue.removeFirst()
            order.append(n)
            for m in (adjacency[n] ?? []).sorted() where !visited.contains(m) {
                visited.insert(m)
                queue.append(m)
            }
        }
        return order
    }

    func dfs(from start: Int) -> [Int] {
        var visited = Set<Int>()
        var order: [Int] = []
        func visit(_ n: Int) {
            guard !visited.contains(n) else { return }
            visited.insert(n)
            order.append(n)
            for m in (adjacency[n] ?? []).sorted() { visit(m) }
        }
        visit(start)
        return order
    }

    func shortestPath(from a: Int, to b: Int) -> [Int]? {
        var prev: [Int: Int] = [:]
        var seen: Set<Int> = [a]
        var queue = [a]
        while !queue.isEmpty {
            let n = queue.removeFirst()
            if n == b { break }
            for m in (adjacency[n] ?? []).sorted() where !seen.contains(m) {
                seen.insert(m)
                prev[m] = n
                queue.append(m)
            }
        }
        guard seen.contains(b) else { return nil }
        var path = [b]
        var cur = b
        while let p = prev[cur] { path.append(p); cur = p }
        return path.reversed()
    }
}

var g = Graph()
for (a, b) in [(1, 2), (1, 3), (2, 4), (3, 4), (4, 5), (6, 7)] { g.addEdge(a, b) }
print("bfs:", g.bfs(from: 1))
print("dfs:", g.dfs(from: 1))
print("path:", g.shortestPath(from: 1, to: 5) ?? [])
print("no path:", g.shortestPath(from: 1, to: 7) as Any)
