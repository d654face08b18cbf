enum Direction: String, CaseIterable { case north, south, east, west }

enum Command: Equatable {
    case go(Direction)
    case take(String)
    case look
    case inventory
    case unknown(String)

    init(_ line: String) {
        let words = line.lowercased().split(separator: " ").map(String.init)
        switch words.first {
        case "go"?:
            if words.count > 1, let d = Direction(rawValue: words[1]) { self = .go(d) } else { self = .unknown(line) }
        case "take"?, "get"?:
            self = words.count > 1 ? .take(words.dropFirst().joined(separator: " ")) : .unknown(line)
        case "look"?, "l"?: self = .look
        case "inventory"?, "i"?: self = .inventory
        default: self = .unknown(line)
        }
    }
}

struct Game {
    var position = (x: 0, y: 0)
    var items: [String] = []
    var log: [String] = []

    mutating func run(_ c: Command) {
        switch c {
        case .go(let d):
            switch d {
            case .north: position.y += 1
            case .south: position.y -= 1
            case .east: position.x += 1
            case .west: position.x -= 1
            }
            log.append("moved \(d.rawValue) to (\(position.x), \(position.y))")
        case .take(let thing):
            items.append(thing)
            log.append("took \(thing)")
        case .look: log.append("you are at \(position)")
        case .inventory: log.append(items.isEmpty ? "nothing" : items.joined(separator: ", "))
        case .unknown(let s): log.append("unknown: \(s)")
        }
    }
}

var game = Game()
for line in ["go north", "GO east", "take rusty key", "look", "dance", "i", "go up", "get map", "inventory"] {
    game.run(Command(line))
}
game.log.forEach { print($0) }
print(Command("go west") == .go(.west), Command("take") == .unknown("take"))
