// swift-tools-version:6.0
// Stride: a Jupyter kernel for a Swift-like language with a CNN engine built in.
// Imports point one way (see docs/ARCHITECTURE.md):
//   stride -> StrideKernel -> {StrideLanguage, StrideEngine, StrideDisplay, JupyterComms -> JupyterProtocol,
//                              StrideExport}
//   StrideExport -> {StrideEngine, ONNXProto}
//   stride -> ZeroMQTransport -> JupyterProtocol
//   StrideFiles (the one atomic file writer) is a leaf: the engine, the exporters, the glue and
//   the executable write files through it.
import PackageDescription

// Hot numeric and interpreter code is compiled with cross-module optimization in release.
let optimized: [SwiftSetting] = [
    .unsafeFlags(["-Ounchecked", "-wmo"], .when(configuration: .release)),
]

let package = Package(
    name: "Stride",
    platforms: [.macOS(.v15)],   // Synchronization (Mutex, Atomic)
    products: [
        .executable(name: "stride", targets: ["stride"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // ONNX's messages are protobuf; Sources/ONNXProto holds the Swift generated once from onnx.proto.
        .package(url: "https://github.com/apple/swift-protobuf", exact: "1.39.0"),
    ],
    targets: [
        // System libraries, from Debian's -dev packages (module maps only).
        // zmq.h is on the default include path; libzmq's pkg-config flags add unrelated
        // -isystem paths that SwiftPM refuses, so it is not consulted.
        .systemLibrary(name: "CZeroMQ", path: "Sources/CZeroMQ",
                       providers: [.apt(["libzmq3-dev"])]),
        .systemLibrary(name: "COpenSSL", path: "Sources/COpenSSL", pkgConfig: "libcrypto",
                       providers: [.apt(["libssl-dev"])]),
        // OpenBLAS: the header only; the engine opens the library on first use (OpenBLAS.swift).
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"])]),
        // The kernel's history, as IPython keeps it (HistoryStore.swift).
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"])]),

        // The one file writer (atomic, through symlinks, keeping modes): a leaf every writer uses.
        .target(name: "StrideFiles"),

        // The four independent cores.
        .target(name: "StrideEngine", dependencies: ["CBLAS", "CZlib", "StrideFiles"], swiftSettings: optimized),
        .target(name: "StrideLanguage", swiftSettings: optimized),
        .target(name: "StrideDisplay", dependencies: ["CZlib"], swiftSettings: optimized),
        .target(name: "JupyterProtocol", dependencies: ["COpenSSL", "CSQLite"]),

        // The comm targets (the Jupyter widget protocol), on the protocol core's comm hook.
        .target(name: "JupyterComms", dependencies: ["JupyterProtocol"]),

        // Models leaving Stride: ONNX's messages (generated code, see scripts/generate_onnx_swift.sh)
        // and the exporters that walk the engine's layers into ONNX graphs and PyTorch modules.
        .target(name: "ONNXProto", dependencies: [.product(name: "SwiftProtobuf", package: "swift-protobuf")]),
        .target(name: "StrideExport",
                dependencies: ["StrideEngine", "StrideFiles", "ONNXProto", .product(name: "SwiftProtobuf", package: "swift-protobuf")]),

        // Transport and glue.
        .target(name: "ZeroMQTransport", dependencies: ["CZeroMQ", "JupyterProtocol"]),
        .target(name: "StrideKernel",
                dependencies: ["StrideLanguage", "StrideEngine", "StrideDisplay", "JupyterProtocol",
                               "JupyterComms", "StrideExport", "StrideFiles"],
                swiftSettings: optimized),
        .executableTarget(name: "stride",
                          dependencies: ["StrideKernel", "ZeroMQTransport", "StrideFiles",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        // The engine benchmark's Swift side (bench/engine/bench_torch.py runs it against PyTorch).
        .executableTarget(name: "stride-bench", dependencies: ["StrideEngine"], path: "bench/engine",
                          exclude: ["bench_torch.py", "peers.py", "ab.py", "README.md"], swiftSettings: optimized),

        .testTarget(name: "StrideEngineTests", dependencies: ["StrideEngine", "StrideFiles"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "StrideLanguageTests", dependencies: ["StrideLanguage"],
                    resources: [.copy("Corpus")]),
        .testTarget(name: "StrideDisplayTests", dependencies: ["StrideDisplay"]),
        .testTarget(name: "JupyterProtocolTests", dependencies: ["JupyterProtocol"]),
        .testTarget(name: "StrideKernelTests", dependencies: ["StrideKernel"]),
    ],
    swiftLanguageModes: [.v5]
)
