// for, while, repeat, where clauses, labelled break and continue.
for i in 1...3 {
    print("i =", i)
}
for i in 0..<10 where i % 3 == 0 {
    print(i, terminator: " ")
}
print()
for _ in 0..<2 {
    print("again")
}
var n = 0
while n < 5 {
    n += 2
}
print(n)
repeat {
    n -= 4
} while n > 0
print(n)
var once = 0
repeat { once += 1 } while false
print(once)

outer: for i in 0..<4 {
    for j in 0..<4 {
        if j > i { continue outer }
        if i == 3 { break outer }
        print("(\(i),\(j))", terminator: " ")
    }
}
print()

var found: (Int, Int)? = nil
search: for a in 1...20 {
    for b in a...20 {
        if a * a + b * b == 13 * 13 {
            found = (a, b)
            break search
        }
    }
}
print(found!)

var count = 0
loop: while true {
    count += 1
    switch count {
    case 3: continue loop
    case 6: break loop
    default: print("count", count)
    }
}

var evens: [Int] = []
for x in [5, 2, 8, 3, 6] {
    if x % 2 != 0 { continue }
    evens.append(x)
    if evens.count == 2 { break }
}
print(evens)
for (i, ch) in ["a", "b", "c"].enumerated() where i != 1 {
    print(i, ch)
}
