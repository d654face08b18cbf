import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The result of running a cell: its last expression's value (nil when there is nothing
/// to show) or the error that stopped it.
public enum ExecutionResult {
    case value(Value?)
    case error(StrideError)
}

public enum OutputStreamKind { case stdout, stderr }

/// Where `print`, `debugPrint` and `eprint` write.
public protocol OutputSink: AnyObject {
    func write(_ text: String, to stream: OutputStreamKind)
}

/// An output sink that keeps everything written, for tests and scripts.
public final class CollectingOutput: OutputSink {
    public private(set) var stdout = ""
    public private(set) var stderr = ""
    public init() {}
    public func write(_ text: String, to stream: OutputStreamKind) {
        if stream == .stdout { stdout += text } else { stderr += text }
    }
    public func clear() { stdout = ""; stderr = "" }
}

/// Runs Stride cells. Top-level names persist from one `execute` to the next.
public final class Interpreter {
    public var output: OutputSink = CollectingOutput()
    public let interruptFlag = InterruptFlag()
    var runtime: Runtime!
    var globalEnv = GlobalEnvironment()
    var userTypes: [String: UserType] = [:]
    /// Called at a running cell's interrupt checks (about every thousand loop iterations or
    /// calls): the kernel serves widget messages from the notebook there.
    public var checkpointHook: (() -> Void)?
    /// Counts the cells run; a type's cached list of ancestors is rebuilt when it changes.
    var typeGeneration = 0
    /// Operators the program has declared so far, with their precedence.
    var operators = OperatorTable()
    /// The module the program's types belong to, as Swift prints them in full
    /// (`[prog.Suit.hearts]`, `prog.Node`); nil in a notebook, whose types print without one.
    public var moduleName: String?

    /// The module name swiftc gives the program built from `file` (its base name), or `main`
    /// when that is not an identifier.
    public static func moduleName(forFile file: String) -> String {
        let base = file.hasSuffix(".swift") ? String(file.dropLast(6)) : file
        let valid = !base.isEmpty && base.unicodeScalars.allSatisfy { $0.properties.isXIDContinue }
            && base.unicodeScalars.first.map { $0.properties.isXIDStart || $0 == "_" } == true
        return valid ? base : "main"
    }
    /// Methods and computed properties added to builtin types by `extension`.
    var builtinExtensions: [String: UserType] = [:]
    var userMutatingNames: Set<String> = []
    var nativeTypes: [String: NativeTypeInfo] = [:]
    /// Members the host gives every user type conforming to a protocol (see
    /// `defineProtocolExtension`), by protocol name.
    var protocolExtensions: [String: ProtocolExtension] = [:]
    /// What host libraries keep per interpreter (`hostState(for:)`), by the key's identity.
    var hostStates: [ObjectIdentifier: AnyObject] = [:]
    /// Documentation of host functions and globals, for `inspect`.
    var nativeDocs: [String: (signature: String, doc: String)] = [:]
    /// Declarations of user functions by name, for `inspect` and completion.
    var userFunctions: [String: FunctionDecl] = [:]
    var currentSourceScalars: [Unicode.Scalar] = []
    var currentCellName = "<cell>"
    /// Result-builder collection for `callCollecting`.
    var collector: [Value] = []

    public init() {
        runtime = Runtime(interpreter: self, interrupt: interruptFlag)
        installBuiltins()
    }

    // MARK: Host API

    /// Defines a host function callable from the language.
    public func defineNative(function name: String, signature: String, doc: String, _ body: @escaping (NativeCall) throws -> Value) {
        nativeDocs[name] = (signature, doc)
        defineGlobal(name, .function(Function(native: name, signature: signature, doc: doc, body)))
    }

    /// Defines (or replaces) a global constant visible to every later cell.
    public func defineGlobal(_ name: String, _ value: Value) {
        let index: Int
        if let i = globalEnv.globals[name] { index = i } else {
            index = globalEnv.nextGlobal; globalEnv.nextGlobal += 1; globalEnv.globals[name] = index
        }
        globalEnv.globalIsLet[index] = true
        globalEnv.globalTypes[index] = nil
        globalEnv.nativeNames.insert(name)
        runtime.global(index).pointee = value
    }

    /// Defines a host type: annotations, constructor, static members and protocol use.
    public func defineNativeType(_ type: NativeTypeInfo) {
        nativeTypes[type.name] = type
        globalEnv.nativeTypes.insert(type.name)
        nativeDocs[type.name] = (type.initSignatures.joined(separator: "\n"), type.doc)
        defineGlobal(type.name, .type(TypeValue(name: type.name, native: type)))
    }

    /// Gives every user `struct` or `class` that declares `: protocolName` the members
    /// `memberNames()` lists, as a Swift protocol extension does (`extension Layer { func
    /// fit(...) }`). The list is asked for at each lookup, so members that libraries add
    /// later are included.
    /// `member(value, name, interpreter)` returns the member's value, a method as a function
    /// bound to `value`, or nil when it has none for this value. A member the type declares
    /// itself comes first.
    public func defineProtocolExtension(_ protocolName: String, memberNames: @escaping () -> [String],
                                        member: @escaping (Value, String, Interpreter) throws -> Value?) {
        protocolExtensions[protocolName] = ProtocolExtension(memberNames: memberNames, member: member)
    }

    /// The protocol-extension member `name` of a user instance conforming to `conformances`.
    func protocolExtensionMember(_ value: Value, _ name: String, conformances: [String]) throws -> Value? {
        for p in conformances {
            guard let ext = protocolExtensions[p], ext.memberNames().contains(name) else { continue }
            if let v = try ext.member(value, name, self) { return v }
        }
        return nil
    }

    /// Calls a function or callable value from host code.
    /// Outside a running cell the call runs on a large-stack thread, like `execute`.
    public func call(_ function: Value, _ args: [Value]) throws -> Value {
        var outcome: Result<Value, Error> = .success(.void)
        runOnLargeStack {
            do { outcome = .success(try self.runtime.callClosure(function, args)) }
            catch let e as RuntimeError { outcome = .failure(self.makeError(e)) }
            catch { outcome = .failure(error) }
        }
        return try outcome.get()
    }

    /// Runs a closure as a result builder: the values of its expression statements.
    public func callCollecting(_ function: Value, _ args: [Value]) throws -> [Value] {
        let st = runtime.state
        let savedDepth = st.pointee.collectDepth
        let savedCollector = collector
        collector = []
        st.pointee.collectDepth = st.pointee.depth + 1
        defer { st.pointee.collectDepth = savedDepth; collector = savedCollector }
        let result = try call(function, args)
        var out = collector
        if out.isEmpty {
            switch result {
            case .void: break
            case .array(let xs) where false: out = xs
            default: out = [result]
            }
        }
        return out
    }

    // MARK: Running cells

    /// Runs one cell. Static errors are reported before anything runs. An interrupt request
    /// made before the cell starts stops it at its first check; the request is forgotten when
    /// the cell ends, so it never reaches the next one.
    public func execute(_ source: String, cellName: String = "<cell>") -> ExecutionResult {
        defer { interruptFlag.clear() }
        var result: ExecutionResult = .value(nil)
        runOnLargeStack { result = self.executeHere(source, cellName: cellName) }
        return result
    }

    func executeHere(_ source: String, cellName: String) -> ExecutionResult {
        ImplicitMembers.interpreter = self
        typeGeneration += 1
        let savedScalars = currentSourceScalars, savedName = currentCellName
        currentSourceScalars = Array(source.unicodeScalars)
        currentCellName = cellName
        defer { if runtime.state.pointee.depth > 0 { currentSourceScalars = savedScalars; currentCellName = savedName } }
        let stmts: [Stmt]
        do { stmts = Hoisting.hoist(try Parser.parse(source, operators: &operators)) }
        catch let d as Diagnostic { return .error(makeError(d)) }
        catch { return .error(StrideError(.syntaxError, "\(error)")) }

        // Types declared in this cell exist before any body is resolved or compiled.
        var cellTypes: [String: UserType] = [:]
        for s in stmts { if case .type(let t) = s.kind, t.kind != .extensionType { cellTypes[t.name] = UserType(decl: t) } }
        var resolver = Resolver(env: globalEnv, builtinNames: [])
        resolver.userFunctionDecls = userFunctions
        let frameSize: Int
        do { frameSize = try resolver.resolveCell(stmts) } catch let d as Diagnostic { return .error(makeError(d)) }
        catch { return .error(StrideError(.syntaxError, "\(error)")) }
        globalEnv = resolver.env
        for (n, t) in cellTypes { userTypes[n] = t }
        for s in stmts {
            if case .type(let t) = s.kind, t.kind == .extensionType, userTypes[t.name] == nil,
               extensibleBuiltinTypes.contains(t.name), builtinExtensions[t.name] == nil {
                builtinExtensions[t.name] = UserType(decl: t)
            }
        }
        for s in stmts {
            if case .type(let t) = s.kind { for m in t.methods where m.isMutating { userMutatingNames.insert(m.name) } }
            if case .function(let f) = s.kind { userFunctions[f.name] = f }
        }
        let compiler = Compiler(rt: runtime, interp: self, defaultFrames: resolver.defaultFrames, types: cellTypes)
        var codes: [StmtCode] = []
        var lastValue: Code?
        // A top-level `defer` runs when the cell's code ends, as at the end of a Swift file.
        var deferred: [StmtCode] = []
        for (i, s) in stmts.enumerated() {
            if case .deferStmt(let body) = s.kind {
                let run = compiler.compileBlock(body)
                codes.append { _ in deferred.append(run); return .normal }
                continue
            }
            if i == stmts.count - 1, case .expr(let e) = s.kind, !isStatementLike(e) {
                lastValue = compiler.compileExpr(e)
            } else {
                codes.append(compiler.compileStatement(s))
            }
        }
        let cellCode = FunctionCode(name: "<cell>", decl: nil)
        cellCode.shape.frameSize = max(frameSize, 1)
        var shown: Value?
        cellCode.shape.body = { env in
            defer { for d in deferred.reversed() { _ = try? d(env) }; deferred = [] }
            for c in codes {
                switch try c(env) {
                case .normal: continue
                default: return .void
                }
            }
            if let lv = lastValue { shown = try lv(env) }
            return .void
        }
        do {
            _ = try runtime.run(cellCode)
        } catch let e as RuntimeError {
            return .error(makeError(e))
        } catch let e as StrideError {
            return .error(e)
        } catch is ChainNil {
            return .value(nil)
        } catch {
            return .error(StrideError(.valueError, "\(error)"))
        }
        if let v = shown {
            if case .void = v { return .value(nil) }
            return .value(v)
        }
        return .value(nil)
    }

    func isStatementLike(_ e: Expr) -> Bool {
        if case .assign = e.kind { return true }
        return false
    }

    // MARK: Errors

    func sourceLine(_ line: Int) -> String {
        var current = 1
        var text = ""
        for s in currentSourceScalars {
            if s == "\n" { if current == line { break }; current += 1; continue }
            if current == line { text.unicodeScalars.append(s) }
        }
        return text
    }

    func location(_ r: SourceRange) -> SourceLocation {
        let length = r.end.line == r.start.line ? max(1, r.end.column - r.start.column) : 1
        return SourceLocation(line: r.start.line, column: r.start.column, length: length,
                              sourceLine: sourceLine(r.start.line), cellName: currentCellName)
    }

    func makeError(_ d: Diagnostic) -> StrideError {
        var e = StrideError(d.kind, d.message)
        e.location = location(d.range)
        return e
    }

    func makeError(_ r: RuntimeError) -> StrideError {
        var e = StrideError(r.kind, r.message)
        if let range = r.range { e.location = location(range) }
        var frames = r.trace
        if !frames.isEmpty {
            frames.append(TraceFrame(function: currentCellName, line: r.pendingLine ?? r.range?.start.line ?? 0))
            e.traceback = frames.reversed()
        }
        return e
    }

    /// The stack that evaluation needs for the frame limit to come first: 512 MiB.
    static let largeStack = 512 << 20

    /// The size of the calling thread's stack as it was set when the thread was made
    /// (Foundation keeps it), or 0 where it was not set.
    static func currentStackSize() -> Int { Thread.current.stackSize }

    /// Runs `body` on a thread with a 512 MiB stack, so deep recursion hits the frame
    /// limit (a RecursionError) long before the native stack ends.
    func runOnLargeStack(_ body: @escaping () -> Void) {
        final class Box { let body: () -> Void; init(_ b: @escaping () -> Void) { body = b } }
        // Already on an evaluation thread (a native calling back into execute), or on a thread
        // whose stack is as large (the kernel's own evaluation thread): run inline, which
        // spares every cell a thread start.
        if runtime.state.pointee.depth > 0 || Self.currentStackSize() >= Self.largeStack {
            body(); return
        }
        var attr = pthread_attr_t()
        pthread_attr_init(&attr)
        defer { pthread_attr_destroy(&attr) }
        pthread_attr_setstacksize(&attr, Self.largeStack)
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        #if canImport(Glibc)
        var thread = pthread_t()
        let rc = pthread_create(&thread, &attr, { raw in
            let b = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
            b.body()
            return nil
        }, box)
        if rc != 0 { Unmanaged<Box>.fromOpaque(box).takeRetainedValue().body(); return }
        pthread_join(thread, nil)
        #else
        var thread: pthread_t?
        let rc = pthread_create(&thread, &attr, { raw in
            let b = Unmanaged<Box>.fromOpaque(raw).takeRetainedValue()
            b.body()
            return nil
        }, box)
        if rc != 0 { Unmanaged<Box>.fromOpaque(box).takeRetainedValue().body(); return }
        pthread_join(thread!, nil)
        #endif
    }
}

/// Host-defined members of the user types conforming to one protocol.
struct ProtocolExtension {
    let memberNames: () -> [String]
    let member: (Value, String, Interpreter) throws -> Value?
}
