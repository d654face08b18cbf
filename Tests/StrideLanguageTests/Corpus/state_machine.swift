enum State: String, CaseIterable {
    case idle, running, paused, stopped
}

enum Event { case start, pause, resume, stop, reset }

struct Machine {
    private(set) var state: State = .idle
    private(set) var log: [String] = []

    mutating func handle(_ e: Event) {
        let next: State?
        switch (state, e) {
        case (.idle, .start), (.paused, .resume): next = .running
        case (.running, .pause): next = .paused
        case (.running, .stop), (.paused, .stop): next = .stopped
        case (_, .reset): next = .idle
        default: next = nil
        }
        if let n = next {
            log.append("\(state.rawValue) -> \(n.rawValue)")
            state = n
        } else {
            log.append("ignored \(e) in \(state)")
        }
    }
}

var m = Machine()
for e in [Event.start, .pause, .pause, .resume, .stop, .start, .reset] { m.handle(e) }
for line in m.log { print(line) }
print(m.state, State.allCases.map(\.rawValue))
print(State(rawValue: "paused") ?? .idle, State(rawValue: "flying") == nil)
