#if swift(>=5.0)
print("modern swift")
#else
print("old swift")
#endif
#if os(Linux)
print("linux")
#elseif os(macOS)
print("mac")
#endif
#if canImport(Foundation)
let hasFoundation = true
#else
let hasFoundation = false
#endif
print(hasFoundation)
#if DEBUG_SOMETHING_UNSET
print("should not print")
#endif
func whoAmI() -> String { #function }
print(whoAmI())
func logLine(_ msg: String, line: Int = #line) { print("[\(line)] \(msg)") }
logLine("hello")
print(#line)
let raw = #"a "quoted" \n string"#
print(raw)
let rawInterp = #"value: \#(1 + 2)"#
print(rawInterp)
let multi = #"""
  line "one"
  line \two
  """#
print(multi)
