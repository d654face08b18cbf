import Foundation
import StrideLanguage

extension StrideSession {
    /// The pager text for `help(value)`: what the inspector shows for the argument as written
    /// in the cell (signature and doc comment of a function or type), else the value's type
    /// and description.
    func helpText(for value: Value, callIndex: Int) -> String {
        let arguments = StrideSession.helpArguments(in: currentSource)
        if !arguments.isEmpty {
            let argument = arguments[callIndex % arguments.count]
            if let text = interpreter.inspect(argument, cursor: argument.unicodeScalars.count, detailLevel: 1) {
                return text
            }
        }
        return "\(value.debugDescription)"
    }

    /// The source text of each `help(...)` call's argument in `source`, in order; text in
    /// strings and comments is skipped.
    static func helpArguments(in source: String) -> [String] {
        let chars = Array(source.unicodeScalars)
        var found: [String] = []
        var i = 0
        func isIdentifier(_ c: Unicode.Scalar) -> Bool { c == "_" || c.properties.isAlphabetic || ("0"..."9").contains(c) }
        while i < chars.count {
            let c = chars[i]
            if c == "\"" {
                i += 1
                while i < chars.count && chars[i] != "\"" { i += chars[i] == "\\" ? 2 : 1 }
                i += 1
                continue
            }
            if c == "/" && i + 1 < chars.count && chars[i + 1] == "/" {
                while i < chars.count && chars[i] != "\n" { i += 1 }
                continue
            }
            let word: [Unicode.Scalar] = ["h", "e", "l", "p", "("]
            if i + word.count <= chars.count, Array(chars[i..<(i + word.count)]) == word,
               i == 0 || !(isIdentifier(chars[i - 1]) || chars[i - 1] == ".") {
                var depth = 1
                var j = i + word.count
                var argument = String.UnicodeScalarView()
                while j < chars.count {
                    if chars[j] == "(" || chars[j] == "[" { depth += 1 }
                    if chars[j] == ")" || chars[j] == "]" { depth -= 1; if depth == 0 { break } }
                    argument.append(chars[j])
                    j += 1
                }
                found.append(String(argument).trimmingCharacters(in: .whitespacesAndNewlines))
                i = j
                continue
            }
            i += 1
        }
        return found
    }
}
