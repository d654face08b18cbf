import Foundation
import JupyterProtocol

/// Names and versions the kernel reports to Jupyter.
public enum KernelMetadata {
    /// The version of Stride (language and kernel).
    public static let version = "0.1.0"

    /// `language_info` for kernel_info_reply: Swift highlighting in CodeMirror, Pygments
    /// (nbconvert) and GitHub, since Stride's syntax is Swift's.
    public static let languageInfo: JSON = [
        "name": "stride",
        "version": .string(version),
        "mimetype": "text/x-stride",
        "file_extension": ".stride",
        "codemirror_mode": "swift",
        "pygments_lexer": "swift",
    ]

    /// Help menu entries: only links that work from any machine. The kernel may run far
    /// from the notebook's browser (Kernel Gateway, Enterprise Gateway), so no `file://` path
    /// of the kernel's machine is offered; the project's own docs travel with its checkout.
    public static let helpLinks: [KernelInfo.HelpLink] = [
        .init(text: "The Swift Programming Language",
              url: "https://docs.swift.org/swift-book/documentation/the-swift-programming-language/"),
    ]

    /// The source checkout holding `executable` (…/.build/<config>/stride), found by
    /// walking up to a folder with a Package.swift.
    public static func packageRoot(near executable: URL) -> URL? {
        var folder = executable.resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) { return folder }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        return nil
    }

    /// The kernel_info facts.
    public static func kernelInfo() -> KernelInfo {
        KernelInfo(implementation: "stride", implementationVersion: version,
                   banner: "Stride \(version): a Swift-like language with a CNN engine built in",
                   languageInfo: languageInfo, helpLinks: helpLinks)
    }
}
