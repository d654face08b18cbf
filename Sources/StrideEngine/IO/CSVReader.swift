/// A comma-separated values reader over bytes: fields may be quoted with `"` (a doubled `""`
/// inside is one quote); lines end in LF or CRLF; blank lines are skipped.
struct CSVReader {
    let bytes: [UInt8]
    let path: String?

    /// Calls `body` with each row's fields (as byte slices) and the row's 1-based line number;
    /// a stop request ends a long file between rows.
    func forEachRow(_ body: ([ArraySlice<UInt8>], Int) throws -> Void) throws {
        var fields: [ArraySlice<UInt8>] = []
        var index = 0
        var line = 1
        let end = bytes.count
        var poll = CancellationPoll()
        var rowStart = 0
        while index < end {
            if poll.stopRequested(after: index - rowStart) { throw EngineError.cancelled }
            rowStart = index
            fields.removeAll(keepingCapacity: true)
            let rowLine = line
            var rowEnded = false
            while !rowEnded {
                if index < end && bytes[index] == UInt8(ascii: "\"") {
                    // Quoted field: unescape into a fresh buffer.
                    var value: [UInt8] = []
                    index += 1
                    while true {
                        guard index < end else {
                            throw DataError(.malformed, path: path, "line \(rowLine): a quoted field is not closed")
                        }
                        let byte = bytes[index]
                        if byte == UInt8(ascii: "\"") {
                            if index + 1 < end && bytes[index + 1] == UInt8(ascii: "\"") {
                                value.append(byte)
                                index += 2
                                continue
                            }
                            index += 1
                            break
                        }
                        if byte == 0x0A { line += 1 }
                        value.append(byte)
                        index += 1
                    }
                    fields.append(value[...])
                } else {
                    let start = index
                    while index < end && bytes[index] != UInt8(ascii: ",") && bytes[index] != 0x0A { index += 1 }
                    var stop = index
                    if stop > start && bytes[stop - 1] == 0x0D { stop -= 1 }
                    fields.append(bytes[start..<stop])
                }
                if index < end && bytes[index] == UInt8(ascii: ",") {
                    index += 1
                } else {
                    if index < end && bytes[index] == 0x0D { index += 1 }
                    if index < end && bytes[index] != 0x0A {
                        throw DataError(.malformed, path: path, "line \(rowLine): unexpected text after a quoted field")
                    }
                    index += 1
                    line += 1
                    rowEnded = true
                }
            }
            if fields.count == 1 && fields[0].allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            try body(fields, rowLine)
        }
    }

    /// The number in `field`: whole numbers by a fast path, others through Float's parser.
    static func number(_ field: ArraySlice<UInt8>) -> Float? {
        var trimmed = field
        while let first = trimmed.first, first == 0x20 || first == 0x09 { trimmed = trimmed.dropFirst() }
        while let last = trimmed.last, last == 0x20 || last == 0x09 { trimmed = trimmed.dropLast() }
        guard !trimmed.isEmpty else { return nil }
        if trimmed.count <= 7 {
            var value = 0
            var digits = true
            for byte in trimmed {
                guard byte >= 0x30 && byte <= 0x39 else { digits = false; break }
                value = value * 10 + Int(byte - 0x30)
            }
            if digits { return Float(value) }
        }
        return Float(String(decoding: trimmed, as: UTF8.self))
    }

    /// The text of `field` without surrounding spaces.
    static func text(_ field: ArraySlice<UInt8>) -> String {
        String(decoding: field, as: UTF8.self).trimmingSpaces()
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
