import Foundation

/// `String(format:)` with C's conversions (`%d %5.2f %s %x %e %g %%`...). Each conversion is
/// checked against its argument before Foundation formats it, so a wrong or missing argument
/// is a TypeError instead of undefined behaviour; `%s` takes a String, as `%@` does.
enum FormatString {
    static func format(_ template: String, _ values: [Value]) throws -> String {
        var pieces = ""
        var arguments: [CVarArg] = []
        var next = 0
        var chars = Substring(template)
        func argument(_ spec: String) throws -> Value {
            guard next < values.count else {
                throw RuntimeError(.typeError, "String(format:): '\(spec)' has no argument (\(values.count) given)")
            }
            defer { next += 1 }
            return values[next]
        }
        while let c = chars.first {
            chars = chars.dropFirst()
            guard c == "%" else { pieces.append(c); continue }
            var spec = "%"
            // Flags, width, precision and length modifiers, then the conversion character.
            while let d = chars.first, "-+ #0123456789.hlqLjzt'".contains(d) { spec.append(d); chars
                = chars.dropFirst() }
            guard let conversion = chars.first else {
                throw RuntimeError(.valueError, "String(format:): incomplete '\(spec)' at the end")
            }
            chars = chars.dropFirst()
            let bare = spec.filter { !"hlqLjzt".contains($0) }
            switch conversion {
            case "%": pieces += "%%"
            case "d", "i", "u", "x", "X", "o", "c":
                let v = try argument(spec + String(conversion))
                guard case .int(let i) = v else {
                    throw RuntimeError(.typeError,
                        "String(format:): '\(spec)\(conversion)' needs an integer, got \(v.typeName)")
                }
                pieces += bare + "ll" + String(conversion); arguments.append(Int64(i))
            case "f", "F", "e", "E", "g", "G", "a", "A":
                let v = try argument(spec + String(conversion))
                guard let d = v.asDouble else {
                    throw RuntimeError(.typeError,
                        "String(format:): '\(spec)\(conversion)' needs a number, got \(v.typeName)")
                }
                pieces += bare + String(conversion); arguments.append(d)
            case "@", "s":
                let v = try argument(spec + String(conversion))
                let text: String
                switch v {
                case .string(let s): text = s
                case _ where conversion == "s":
                    throw RuntimeError(.typeError, "String(format:): '%s' needs a String, got \(v.typeName)")
                default: text = StrideLanguage.format(v, debug: false)
                }
                pieces += bare + "@"; arguments.append(text as NSString)
            default:
                throw RuntimeError(.valueError, "String(format:): unsupported conversion '\(spec)\(conversion)'")
            }
        }
        if next < values.count {
            throw RuntimeError(.typeError, "String(format:): \(values.count - next) argument(s) without a conversion")
        }
        return String(format: pieces, arguments: arguments)
    }
}
