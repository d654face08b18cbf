import CBLAS

/// C = alpha·op(A)·op(B) + beta·C on raw row-major buffers (OpenBLAS SGEMM), split into
/// one block of rows or columns per worker when the product is large enough; `serial` keeps
/// it on the calling thread (for callers already split across cores).
func gemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
          a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
          beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int, serial: Bool = false) {
    let sgemm = OpenBLAS.sgemm
    if m == 0 || n == 0 { return }
    if k == 0 {
        if beta == 0 { for i in 0..<m { (c + i * ldc).initialize(repeating: 0, count: n) } }
        else if beta != 1 { for i in 0..<m { for j in 0..<n { c[i * ldc + j] *= beta } } }
        return
    }
    let workers = serial ? 1 : Parallel.workers
    let (mn, overflowMN) = m.multipliedReportingOverflow(by: n)
    let (work, overflowWork) = mn.multipliedReportingOverflow(by: k)
    let small = !overflowMN && !overflowWork && work < 1 << 21
    if workers == 1 || small || (m < 2 * workers && n < 2 * workers) {
        sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
        return
    }
    let splitColumns = n >= m
    let total = splitColumns ? n : m
    // Blocks a multiple of 16 wide keep the kernels' vector loops whole.
    let block = ((total + workers - 1) / workers + 15) / 16 * 16
    let chunks = (total + block - 1) / block
    Parallel.forEach(chunks) { i in
        let start = i * block, size = Swift.min(block, total - start)
        if size <= 0 { return }
        if splitColumns {
            let pb = transB ? b + start * ldb : b + start
            sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                        Int32(m), Int32(size), Int32(k), alpha, a, Int32(lda), pb, Int32(ldb), beta, c + start, Int32(ldc))
        } else {
            let pa = transA ? a + start : a + start * lda
            sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                        Int32(size), Int32(n), Int32(k), alpha, pa, Int32(lda), b, Int32(ldb), beta, c + start * ldc, Int32(ldc))
        }
    }
}

/// Refuses a product whose sizes (rows, columns, inner length) OpenBLAS's 32-bit integers
/// cannot describe, before `gemm` converts them (a conversion that would trap, or wrap in an
/// unchecked build).
func checkBLASSizes(op: String, _ lhs: [Int], _ rhs: [Int], sizes: Int...) throws {
    if let large = sizes.first(where: { $0 > Int(Int32.max) }) {
        throw EngineError.value("\(op): shapes \(lhs) and \(rhs) make a product with a size of \(large), "
                                + "above \(Int32.max), the largest that BLAS multiplies")
    }
}

extension Tensor {
    /// Batched product of the last two axes of `a` (rank 2 or 3) and `b` (rank 2 or 3),
    /// each optionally transposed; a rank-2 operand is shared by every batch.
    static func batchedMatmul(_ a: Tensor, transA: Bool, _ b: Tensor, transB: Bool) throws -> Tensor {
        let op = "matmul"
        guard (2...3).contains(a.rank), (2...3).contains(b.rank) else { throw EngineError.shape(op: op, lhs: a.shape, rhs: b.shape) }
        let batchA = a.rank == 3 ? a.shape[0] : 1, batchB = b.rank == 3 ? b.shape[0] : 1
        guard batchA == batchB || batchA == 1 || batchB == 1 else { throw EngineError.shape(op: op, lhs: a.shape, rhs: b.shape) }
        let batch = Swift.max(batchA, batchB)
        let ar = a.shape[a.rank - 2], ac = a.shape[a.rank - 1]
        let br = b.shape[b.rank - 2], bc = b.shape[b.rank - 1]
        let m = transA ? ac : ar, k = transA ? ar : ac
        let k2 = transB ? bc : br, n = transB ? br : bc
        guard k == k2 else { throw EngineError.shape(op: op, lhs: a.shape, rhs: b.shape) }
        try checkBLASSizes(op: op, a.shape, b.shape, sizes: m, n, k)
        let outShape = (a.rank == 3 || b.rank == 3) ? [batch, m, n] : [m, n]
        let out = try Tensor(uninitializedShape: outShape, op: op)
        for i in 0..<batch {
            let pa = a.pointer + (batchA == 1 ? 0 : i * ar * ac)
            let pb = b.pointer + (batchB == 1 ? 0 : i * br * bc)
            gemm(transA: transA, transB: transB, m: m, n: n, k: k, a: pa, lda: ac, b: pb, ldb: bc,
                 c: out.pointer + i * m * n, ldc: n)
        }
        return out
    }
}

/// Matrix product. Rank 1 operands act as a row (left) or column (right) vector; rank 3
/// operands are batches of matrices; a left operand of rank > 3 multiplies along its last axis.
public func matmul(_ a: Tensor, _ b: Tensor) throws -> Tensor {
    if a.rank == 1 { return try matmul(a.reshaped(to: [1, a.shape[0]]), b).squeezingShape(at: [-2]) }
    if b.rank == 1 { return try matmul(a, b.reshaped(to: [b.shape[0], 1])).squeezingShape(at: [-1]) }
    if a.rank > 3 && b.rank == 2 {
        let lead = Array(a.shape.dropLast())
        return try matmul(a.reshaped(to: [-1, a.shape[a.rank - 1]]), b).reshaped(to: lead + [b.shape[1]])
    }
    if a.rank == 0 || b.rank == 0 || a.rank > 3 || b.rank > 3 { throw EngineError.shape(op: "matmul", lhs: a.shape, rhs: b.shape) }
    let out = try Tensor.batchedMatmul(a, transA: false, b, transB: false)
    let da = a.detached(), db = b.detached()
    return Tensor.record(out, [a, b]) { g in
        // dA = G·Bᵀ and dB = Aᵀ·G, summed over batches where an operand was shared.
        var ga: Tensor? = nil, gb: Tensor? = nil
        if a.node != nil {
            ga = try Tensor.batchedMatmul(g, transA: false, db, transB: true)
            if da.rank == 2 && ga!.rank == 3 { ga = try ga!.sum(axis: 0) }
        }
        if b.node != nil {
            gb = try Tensor.batchedMatmul(da, transA: true, g, transB: false)
            if db.rank == 2 && gb!.rank == 3 { gb = try gb!.sum(axis: 0) }
        }
        return [ga, gb]
    }
}
