class DataImporter {
    var filename = "data.txt"
    init() { print("DataImporter created") }
}

class DataManager {
    lazy var importer = DataImporter()
    var data: [String] = []
    lazy var summary: String = {
        print("computing summary")
        return "\(self.data.count) items"
    }()
}

let manager = DataManager()
manager.data.append("Some data")
manager.data.append("More data")
print("before")
print(manager.importer.filename)
print(manager.importer.filename)
print(manager.summary)
print(manager.summary)

struct Fib {
    lazy var table: [Int] = {
        var t = [0, 1]
        for i in 2..<10 { t.append(t[i - 1] + t[i - 2]) }
        return t
    }()
}
var f = Fib()
print(f.table[9])
