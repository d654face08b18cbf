enum Player: Character {
    case x = "X", o = "O"
    var other: Player { self == .x ? .o : .x }
}

struct Board {
    var cells: [Player?] = Array(repeating: nil, count: 9)

    mutating func play(_ p: Player, at i: Int) -> Bool {
        guard cells.indices.contains(i), cells[i] == nil else { return false }
        cells[i] = p
        return true
    }

    var winner: Player? {
        let lines = [[0, 1, 2], [3, 4, 5], [6, 7, 8], [0, 3, 6], [1, 4, 7], [2, 5, 8], [0, 4, 8], [2, 4, 6]]
        for l in lines {
            if let p = cells[l[0]], cells[l[1]] == p, cells[l[2]] == p { return p }
        }
        return nil
    }

    var isFull: Bool { !cells.contains { $0 == nil } }

    func render() -> String {
        stride(from: 0, to: 9, by: 3).map { r in
            (r..<r + 3).map { cells[$0].map { String($0.rawValue) } ?? "." }.joined(separator: "|")
        }.joined(separator: "\n-+-+-\n")
    }
}

var board = Board()
var player = Player.x
for move in [4, 0, 8, 2, 1, 7, 6, 3, 5] {
    if !board.play(player, at: move) { print("bad move", move); continue }
    if let w = board.winner { print("winner:", w.rawValue); break }
    if board.isFull { print("draw"); break }
    player = player.other
}
print(board.render())
print(board.play(.o, at: 4), board.play(.o, at: 42))
