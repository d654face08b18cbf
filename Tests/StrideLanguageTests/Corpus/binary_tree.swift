indirect enum Tree {
    case leaf
    case node(Tree, Int, Tree)

    func inserting(_ x: Int) -> Tree {
        switch self {
        case .leaf:
            return .node(.leaf, x, .leaf)
        case let .node(l, v, r):
            if x < v { return .node(l.inserting(x), v, r) }
            if x > v { return .node(l, v, r.inserting(x)) }
            return self
        }
    }

    var inorder: [Int] {
        switch self {
        case .leaf: return []
        case let .node(l, v, r): return l.inorder + [v] + r.inorder
        }
    }

    var height: Int {
        switch self {
        case .leaf: return 0
        case let .node(l, _, r): return 1 + max(l.height, r.height)
        }
    }

    func contains(_ x: Int) -> Bool {
        switch self {
        case .leaf: return false
        case let .node(l, v, r):
            if x == v { return true }
            return x < v ? l.contains(x) : r.contains(x)
        }
    }
}

var t = Tree.leaf
for x in [50, 30, 70, 20, 40, 60, 80, 30] { t = t.inserting(x) }
print(t.inorder)
print("height:", t.height)
print(t.contains(60), t.contains(65))

final class BST {
    final class Node {
        let key: String
        var left: Node?
        var right: Node?
        init(key: String) { self.key = key }
    }
    private var root: Node?
    private(set) var size = 0

    func insert(_ key: String) {
        guard let r = root else { root = Node(key: key); size = 1; return }
        var cur = r
        while true {
            if key < cur.key {
                if let l = cur.left { cur = l } else { cur.left = Node(key: key); size += 1; return }
            } else if key > cur.key {
                if let rr = cur.right { cur = rr } else { cur.right = Node(key: key); size += 1; return }
            } else { return }
        }
    }

    func sorted() -> [String] {
        var out: [String] = []
        func walk(_ n: Node?) {
            guard let n = n else { return }
            walk(n.left); out.append(n.key); walk(n.right)
        }
        walk(root)
        return out
    }
}
let bst = BST()
for w in "the quick brown fox jumps over the lazy dog".split(separator: " ") { bst.insert(String(w)) }
print(bst.sorted(), bst.size)
