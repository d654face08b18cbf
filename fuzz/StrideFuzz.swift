// libFuzzer entry point over the whole language pipeline: lexer, parser, resolver and
// evaluator (through `Interpreter.execute`), and the editor helpers that read raw input
// (`isComplete`, `complete`, `inspect`). Compiled together with Sources/StrideLanguage into
// one module by fuzz/run.sh, so it uses the interpreter's public API without an import.
import Foundation

/// Output is thrown away: the fuzzer looks for traps, hangs and memory errors, not text.
final class DiscardingOutput: OutputSink {
    func write(_ text: String, to stream: OutputStreamKind) {}
}

/// Milliseconds a single input may run before the interrupt flag stops it. This is the
/// step limit: the evaluator polls the flag at loop back-edges and calls, so an endless
/// loop ends as `Interrupted` instead of as a libFuzzer timeout.
let runLimitMilliseconds: Int = {
    if let text = ProcessInfo.processInfo.environment["STRIDE_FUZZ_LIMIT_MS"], let ms = Int(text) { return ms }
    return 200
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func strideFuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    // Invalid UTF-8 is repaired, as the kernel does with what arrives from the notebook.
    let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let interpreter = Interpreter()
    interpreter.output = DiscardingOutput()

    _ = interpreter.isComplete(source)
    let scalars = source.unicodeScalars.count
    // Cursor positions that exercise the start, the middle and the end of the text.
    for cursor in Set([0, scalars / 2, scalars]) {
        _ = interpreter.complete(source, cursor: cursor)
        _ = interpreter.inspect(source, cursor: cursor, detailLevel: cursor % 2)
    }

    let flag = interpreter.interruptFlag
    let stop = DispatchWorkItem { flag.set() }
    DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(runLimitMilliseconds), execute: stop)
    _ = interpreter.execute(source, cellName: "fuzz")
    stop.cancel()

    // A second cell in the same interpreter: names persist and may be declared again.
    let again = DispatchWorkItem { flag.set() }
    DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(runLimitMilliseconds), execute: again)
    _ = interpreter.execute(source, cellName: "fuzz-again")
    again.cancel()
    return 0
}
