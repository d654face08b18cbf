/// Members, method calls and subscripts.
extension Compiler {
    func isLValue(_ e: Expr) -> Bool {
        switch e.kind {
        case .name:
            switch e.binding {
            case .local?, .global?, .userType?: return true
            default: return false
            }
        case .selfRef: return true
        case .member(let b, _), .tupleIndex(let b, _), .subscriptCall(let b, _): return isLValue(b)
        case .forceUnwrap(let b), .optionalUnwrapInChain(let b): return isLValue(b)
        default: return false
        }
    }

    func compileMethodCall(_ base: Expr, _ name: String, _ args: [Argument], range: SourceRange, nameRange: SourceRange) -> Code {
        let argCodes = args.map { compileArgument($0) }
        let site = callSite(args, argCodes, range: nameRange)
        if case .superRef(let typeName) = base.kind { return compileSuperCall(base, typeName, name, site, range: nameRange) }
        if case .selfRef = base.kind, name == "init" { return compileDelegatingInit(base, site, range: nameRange) }
        let isMutating = builtinMutatingMethods.contains(name) || interp.userMutatingNames.contains(name)
            || types.values.contains { t in t.decl.methods.contains { $0.isMutating && $0.name == name } }
        let rt = self.rt
        if isMutating && isLValue(base) {
            let modify = compileLValue(base)
            // Appending to a variable declared `[Double]` converts Int elements, as a literal would.
            let elementConv: Converter? = (name == "append" || name == "insert") ? elementConverter(of: base) : nil
            let contentsOf = args.first?.label == "contentsOf"
            return { env in
                var values: [Value] = []
                values.reserveCapacity(argCodes.count)
                for a in argCodes { values.append(try a.value(env)) }
                if let c = elementConv, !values.isEmpty {
                    do {
                        if contentsOf, case .array(let xs) = values[0] { values[0] = .array(try xs.map(c)) }
                        else if !contentsOf { values[0] = try c(values[0]) }
                    } catch let e as RuntimeError { throw e.located(at: site.argumentRanges[0]) }
                }
                let arguments = EvaluatedArguments(values, site: site, env: env)
                do {
                    return try modify(env) { v in try rt.invokeMethod(&v, name, arguments) }
                } catch { throw Compiler.locate(error, nameRange) }
            }
        }
        let baseCode = compileExpr(base)
        return { env in
            var v = try baseCode(env)
            do {
                return try rt.invokeMethod(&v, name, SiteArguments(site: site, env: env))
            } catch { throw Compiler.locate(error, nameRange) }
        }
    }

    /// The converter for elements of a variable declared as `[T]` or `[K: T]`.
    func elementConverter(of base: Expr) -> Converter? {
        var type: TypeRef?
        if let v = base.varInfo { type = v.declaredType }
        else if case .global(let idx)? = base.binding { type = interp.globalEnv.globalTypes[idx] }
        switch type {
        case .array(let t)?: return converter(for: t)
        case .dictionary(_, let t)?: return converter(for: t)
        default: return nil
        }
    }

    func compileMemberGet(_ base: Expr, _ name: String, range: SourceRange) -> Code {
        if case .superRef(let typeName) = base.kind { return compileSuperMember(base, typeName, name, range: range) }
        let baseCode = compileExpr(base)
        let rt = self.rt
        final class Cache { var type: UserType?; var index = 0 }
        let cache = Cache()
        return { env in
            let v = try baseCode(env)
            // Types with lazy properties take the slow path, which computes them at the first read.
            switch v {
            case .structInstance(let s):
                if s.type === cache.type { return s.fields[cache.index] }
                if let i = s.type.storedIndex[name], s.type.lazyInitializers.isEmpty {
                    cache.type = s.type; cache.index = i; return s.fields[i]
                }
            case .object(let o):
                if o.type === cache.type { return o.fields[cache.index] }
                if let i = o.type.storedIndex[name], o.type.lazyInitializers.isEmpty {
                    cache.type = o.type; cache.index = i; return o.fields[i]
                }
            default: break
            }
            do { return try rt.getMember(v, name) } catch { throw Compiler.locate(error, range) }
        }
    }

    func compileSubscriptGet(_ base: Expr, _ args: [Argument], range: SourceRange) -> Code {
        let baseCode = compileExpr(base)
        let argCodes = args.map { compileArgument($0) }
        let labels = args.map(\.label)
        let rt = self.rt
        // Index errors point at the index.
        let indexRange = args.first?.value.range ?? range
        if args.count == 1 && labels[0] == nil {
            let idx = argCodes[0].value
            let range = indexRange
            return { env in
                let v = try baseCode(env)
                let i = try idx(env)
                if case .array(let a) = v, case .int(let k) = i {
                    guard k >= 0 && k < a.count else { throw RuntimeError(.indexError, "index \(k) is out of range for an array of \(a.count) element\(a.count == 1 ? "" : "s")", range) }
                    return a[k]
                }
                do { return try rt.subscriptGet(v, [i], labels: labels) } catch { throw Compiler.locate(error, range) }
            }
        }
        return { env in
            let v = try baseCode(env)
            let values = try argCodes.map { try $0.value(env) }
            do { return try rt.subscriptGet(v, values, labels: labels) } catch { throw Compiler.locate(error, indexRange) }
        }
    }
}
