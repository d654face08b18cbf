// Binary search, insertion sort and bubble sort by hand.
func binarySearch(_ xs: [Int], _ target: Int) -> Int? {
    var lo = 0
    var hi = xs.count - 1
    while lo <= hi {
        let mid = (lo + hi) / 2
        if xs[mid] == target { return mid }
        if xs[mid] < target { lo = mid + 1 } else { hi = mid - 1 }
    }
    return nil
}
let sorted = [1, 3, 5, 7, 9, 11]
print(binarySearch(sorted, 7), binarySearch(sorted, 4), binarySearch(sorted, 1))

func insertionSort(_ input: [Int]) -> [Int] {
    var xs = input
    for i in 1..<xs.count {
        let key = xs[i]
        var j = i - 1
        while j >= 0 && xs[j] > key {
            xs[j + 1] = xs[j]
            j -= 1
        }
        xs[j + 1] = key
    }
    return xs
}
let data = [9, -2, 5, 0, 5, 3]
print(insertionSort(data), data)

func bubbleSort(_ input: [Int]) -> [Int] {
    var xs = input
    var swapped = true
    var passes = 0
    while swapped {
        swapped = false
        passes += 1
        for i in 0..<(xs.count - 1) where xs[i] > xs[i + 1] {
            (xs[i], xs[i + 1]) = (xs[i + 1], xs[i])
            swapped = true
        }
    }
    print("passes:", passes)
    return xs
}
print(bubbleSort(data))
print(insertionSort(data) == data.sorted())
