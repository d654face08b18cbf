func bubbleSort<T: Comparable>(_ a: [T]) -> [T] {
    var a = a
    for i in 0..<a.count {
        for j in 0..<(a.count - 1 - i) where a[j] > a[j + 1] {
            a.swapAt(j, j + 1)
        }
    }
    return a
}

func insertionSort(_ a: inout [Int]) {
    guard a.count > 1 else { return }
    for i in 1..<a.count {
        let key = a[i]
        var j = i - 1
        while j >= 0 && a[j] > key {
            a[j + 1] = a[j]
            j -= 1
        }
        a[j + 1] = key
    }
}

func mergeSort(_ a: [Int]) -> [Int] {
    guard a.count > 1 else { return a }
    let mid = a.count / 2
    let l = mergeSort(Array(a[..<mid])), r = mergeSort(Array(a[mid...]))
    var out: [Int] = []
    var i = 0, j = 0
    while i < l.count && j < r.count {
        if l[i] <= r[j] { out.append(l[i]); i += 1 } else { out.append(r[j]); j += 1 }
    }
    out += l[i...]
    out += r[j...]
    return out
}

func quickSort(_ a: [Int]) -> [Int] {
    guard let pivot = a.first else { return [] }
    let rest = a.dropFirst()
    return quickSort(rest.filter { $0 < pivot }) + [pivot] + quickSort(rest.filter { $0 >= pivot })
}

func binarySearch(_ a: [Int], _ target: Int) -> Int? {
    var lo = 0, hi = a.count - 1
    while lo <= hi {
        let mid = (lo + hi) / 2
        if a[mid] == target { return mid }
        if a[mid] < target { lo = mid + 1 } else { hi = mid - 1 }
    }
    return nil
}

let data = [38, 27, 43, 3, 9, 82, 10, 3]
print(bubbleSort(data))
print(bubbleSort(["pear", "apple", "fig"]))
var copy = data
insertionSort(&copy)
print(copy)
print(mergeSort(data))
print(quickSort(data))
let sorted = mergeSort(data)
print(binarySearch(sorted, 43) as Any, binarySearch(sorted, 5) as Any)
