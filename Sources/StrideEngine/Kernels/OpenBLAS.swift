import CBLAS
#if canImport(Glibc)
import Glibc
#endif

/// OpenBLAS, opened the first time the engine multiplies matrices rather than linked into
/// every process. Linked, it costs each start of the kernel about 14,000 symbol relocations
/// (its kernel tables) and a thread pool before `main` runs, which is most of what stands
/// between the kernel's launch and its first bound socket. CBLAS's header still gives the
/// constants; the integers are written as `Int32` (OpenBLAS's `blasint` in its LP64 build,
/// `int` in other CBLAS headers).
enum OpenBLAS {
    typealias SGEMM = @convention(c) (CBLAS_ORDER, CBLAS_TRANSPOSE, CBLAS_TRANSPOSE, Int32, Int32, Int32,
                                      Float, UnsafePointer<Float>?, Int32, UnsafePointer<Float>?, Int32,
                                      Float, UnsafeMutablePointer<Float>?, Int32) -> Void
    typealias SetNumThreads = @convention(c) (Int32) -> Void

    /// `cblas_sgemm`, with OpenBLAS set to one thread (the engine splits large products
    /// across its own workers; OpenBLAS's threads spin between the small calls of a CNN).
    static let sgemm: SGEMM = {
        let library = open()
        let setThreads = unsafeBitCast(symbol(library, "openblas_set_num_threads"), to: SetNumThreads.self)
        setThreads(1)
        return unsafeBitCast(symbol(library, "cblas_sgemm"), to: SGEMM.self)
    }()

    /// The names Debian's libopenblas packages install, the versioned one first.
    static let libraryNames = ["libopenblas.so.0", "libopenblas.so"]

    private static func open() -> UnsafeMutableRawPointer {
        var reasons: [String] = []
        for name in libraryNames {
            if let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) { return handle }
            reasons.append(dlerror().map { String(cString: $0) } ?? name)
        }
        // An installation fault, not a user's: the setup script installs libopenblas.
        fatalError("Stride's engine needs OpenBLAS (Debian package libopenblas0): " + reasons.joined(separator: "; "))
    }

    private static func symbol(_ library: UnsafeMutableRawPointer, _ name: String) -> UnsafeMutableRawPointer {
        guard let address = dlsym(library, name) else {
            fatalError("the OpenBLAS library has no symbol \(name)")
        }
        return address
    }
}
