struct Edge { let to: String; let weight: Int }

func dijkstra(_ graph: [String: [Edge]], from source: String) -> [String: Int] {
    var dist: [String: Int] = [source: 0]
    var done = Set<String>()
    while true {
        var best: (String, Int)? = nil
        for (node, d) in dist where !done.contains(node) {
            if best == nil || d < best!.1 || (d == best!.1 && node < best!.0) { best = (node, d) }
        }
        guard let (u, du) = best else { break }
        done.insert(u)
        for e in graph[u] ?? [] {
            let nd = du + e.weight
            if nd < dist[e.to, default: Int.max] { dist[e.to] = nd }
        }
    }
    return dist
}

let graph: [String: [Edge]] = [
    "A": [Edge(to: "B", weight: 4), Edge(to: "C", weight: 1)],
    "C": [Edge(to: "B", weight: 2), Edge(to: "D", weight: 7)],
    "B": [Edge(to: "D", weight: 1)],
    "D": [],
]
let d = dijkstra(graph, from: "A")
for key in d.keys.sorted() { print(key, d[key]!) }
