/// The resolver's walk over expressions: binds names and checks assignments.
extension Resolver {
    mutating func resolveExpr(_ e: Expr) throws {
        switch e.kind {
        case .int, .double, .bool, .nilLiteral, .implicitMember, .magic, .keyPath, .bigInt: break
        case .superRef:
            guard let ts = enclosingTypeScope(), let shape = ts.typeShape, let (_, b) = resolveCaptured("self", from: scope) else {
                throw error(.syntaxError, "'super' is only available inside a class's methods", e.range)
            }
            e.binding = b
            e.kind = .superRef(shape.name)
        case .typeExpr(let t): e.kind = .typeExpr(canonical(t))
        case .lazyValue(let closure): try resolveExpr(closure)
        case .cast(let b, let op, let t):
            e.kind = .cast(b, op, canonical(t))
            try resolveExpr(b)
        case .string(let segs): for s in segs { if case .expr(let x) = s { try resolveExpr(x) } }
        case .name(let name):
            if name == "_" { throw error(.syntaxError, "'_' can only appear on the left of an assignment", e.range) }
            try bindName(e, name)
        case .selfRef:
            guard let (_, b) = resolveCaptured("self", from: scope) else {
                throw error(.nameError, "cannot find 'self' in scope; 'self' is only available inside a type's methods", e.range)
            }
            e.binding = b
        case .array(let xs): for x in xs { try resolveExpr(x) }
        case .dictionary(let ps): for (k, v) in ps { try resolveExpr(k); try resolveExpr(v) }
        case .tuple(let items): for i in items { try resolveExpr(i.value) }
        case .closure(let f): try resolveFunction(f, typeShape: nil)
        case .call(let callee, let args):
            retypeArguments(callee, args)
            try resolveExpr(callee)
            for a in args {
                if a.isInout { try checkMutable(a.value, mutatingCall: false) }
                try resolveExpr(a.value)
            }
            // A mutating method called on a `let` value is an error.
            if case .member(let base, let m) = callee.kind, builtinMutatingMethods.contains(m) || isUserMutating(m) {
                try checkMutable(base, mutatingCall: true, method: m)
            }
        case .subscriptCall(let base, let args):
            try resolveExpr(base)
            for a in args { try resolveExpr(a.value) }
        case .member(let base, _), .tupleIndex(let base, _):
            try resolveExpr(base)
        case .optionalUnwrapInChain(let b), .optionalChain(let b), .forceUnwrap(let b),
             .prefix(_, let b), .postfixRange(let b), .tryExpr(_, let b):
            try resolveExpr(b)
        case .binary(_, let a, let b):
            try resolveExpr(a); try resolveExpr(b)
        case .ternary(let a, let b, let c):
            try resolveExpr(a); try resolveExpr(b); try resolveExpr(c)
        case .assign(_, let lhs, let rhs):
            // `self = .green` in an enum's method: a case of that enum.
            if case .selfRef = lhs.kind, rhs.isImplicitMember, let shape = enclosingTypeScope()?.typeShape,
               shape.kind == .enumType {
                let typeExpr = Expr(.name(shape.name), rhs.range)
                switch rhs.kind {
                case .implicitMember(let n): rhs.kind = .member(typeExpr, n)
                case .call(let callee, let args):
                    if case .implicitMember(let n) = callee.kind { rhs.kind = .call(Expr(.member(typeExpr, n), callee.range), args) }
                default: break
                }
            }
            if case .name(let n) = lhs.kind {
                if let (v, _) = resolveCaptured(n, from: scope) { retype(rhs, for: v.declaredType) }
                else if let v = cellGlobals[n] { retype(rhs, for: v.declaredType) }
                else if let idx = env.globals[n] { retype(rhs, for: env.globalTypes[idx] ?? nil) }
            }
            try resolveExpr(rhs)
            if case .name("_") = lhs.kind { return }
            if case .tuple(let items) = lhs.kind {
                for i in items {
                    if case .name("_") = i.value.kind { continue }
                    try resolveExpr(i.value); try checkMutable(i.value, mutatingCall: false)
                }
                return
            }
            try resolveExpr(lhs)
            try checkMutable(lhs, mutatingCall: false)
        }
    }

    func isUserMutating(_ name: String) -> Bool {
        env.types.values.contains { $0.mutatingMethods.contains(name) }
    }

    mutating func bindName(_ e: Expr, _ name: String) throws {
        switch try lookup(name, range: e.range) {
        case .variable(let v, let b): e.binding = b; e.varInfo = v
        case .other(let b): e.binding = b
        case .selfMember(_, let isStatic):
            // An implicit `self.name` (or `Self.name` inside a static method).
            if isStatic, let ts = enclosingTypeScope(), let shape = ts.typeShape {
                let typeExpr = Expr(.name(shape.name), e.range)
                typeExpr.binding = .userType(shape.name)
                e.kind = .member(typeExpr, name)
                return
            }
            let selfExpr = Expr(.selfRef, e.range)
            guard let (_, b) = resolveCaptured("self", from: scope) else {
                throw error(.nameError, "cannot use instance member '\(name)' here", e.range)
            }
            selfExpr.binding = b
            e.kind = .member(selfExpr, name)
        }
    }

    /// The root variable of an assignment target such as `a.b[0].c`.
    func rootOf(_ e: Expr) -> Expr {
        switch e.kind {
        case .member(let b, _), .tupleIndex(let b, _), .subscriptCall(let b, _), .forceUnwrap(let b),
             .optionalUnwrapInChain(let b), .optionalChain(let b):
            return rootOf(b)
        default: return e
        }
    }

    /// Whether the path from `target` to its root reaches a member through a subscript or an
    /// optional (`bank["bob"]?.frozen`): the element may be a class instance, whose members a
    /// `let` collection lets you set, so the compiler checks that one at run time.
    func reachesMemberOfElement(_ target: Expr) -> Bool {
        var e = target
        var sawMember = false
        while true {
            switch e.kind {
            case .member(let b, _): sawMember = true; e = b
            case .tupleIndex(let b, _), .forceUnwrap(let b), .optionalUnwrapInChain(let b), .optionalChain(let b): e = b
            case .subscriptCall(let b, _):
                if sawMember { return true }
                e = b
            default: return false
            }
        }
    }

    /// Reports assignment to a `let` (and mutation of a `let` value-typed variable).
    func checkMutable(_ target: Expr, mutatingCall: Bool, method: String? = nil) throws {
        let root = rootOf(target)
        let isDirect = root === target
        if !isDirect && reachesMemberOfElement(target) { return }
        let what = mutatingCall ? "cannot use mutating member '\(method ?? "")' on" : (isDirect ? "cannot assign to" : "cannot assign to property:")
        switch root.kind {
        case .name(let n):
            switch root.binding {
            case .local(let slot, _)?:
                guard let v = findVar(slot: slot, name: n) else { return }
                if v.isLet && (isDirect && !mutatingCall || v.isValueTyped) {
                    throw error(.syntaxError, "\(what) value: '\(n)' is a 'let' constant", target.range)
                }
            case .global(let idx)?:
                if env.globalIsLet[idx] == true && (isDirect && !mutatingCall || env.globalValueTyped[idx] == true) {
                    throw error(.syntaxError, "\(what) value: '\(n)' is a 'let' constant", target.range)
                }
            case .userType? where !isDirect || mutatingCall:
                return   // a static property: `Counter.instances += 1`
            case .builtin?, .nativeValue?, .userType?:
                throw error(.syntaxError, "cannot assign to '\(n)'", target.range)
            default: return
            }
        case .selfRef:
            if let ts = enclosingTypeScope(), ts.typeShape?.kind == .structType || ts.typeShape?.kind == .enumType, !ts.selfIsMutable {
                let detail = mutatingCall ? "'self' is immutable" : "'self' is immutable; mark the method 'mutating'"
                throw error(.syntaxError, "\(what) \(detail)", target.range)
            }
            if case .member(let b, let field) = target.kind, case .selfRef = b.kind,
               let shape = enclosingTypeScope()?.typeShape, shape.letProperties.contains(field),
               !(scope.decl?.isInit ?? false) {
                throw error(.syntaxError, "cannot assign to property: '\(field)' is a 'let' constant", target.range)
            }
        default: return
        }
    }

    func findVar(slot: Int, name: String) -> VarInfo? {
        var i = scope.blocks.count - 1
        while i >= 0 {
            if let v = scope.blocks[i][name], v.slot == slot { return v }
            i -= 1
        }
        return nil
    }
}
