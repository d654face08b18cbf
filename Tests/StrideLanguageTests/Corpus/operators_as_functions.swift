let xs = [5, 3, 8, 1]
print(xs.sorted(by: >), xs.sorted(by: <))
print(xs.reduce(0, +), xs.reduce(1, *))
let a = [1, 2, 3], b = [4, 5, 6]
print(zip(a, b).map(*), zip(a, b).map(+))
let op: (Int, Int) -> Int = (-)
print(op(10, 3))
let ops: [(Int, Int) -> Int] = [(+), (-), (*), (/), (%)]
print(ops.map { $0(17, 5) })
print(["b", "a", "c"].sorted(by: <))
print([2.5, 1.5].reduce(0, +))
print(zip(["a", "b"], [1, 2]).map { "\($0)\($1)" })
let cmp: (String, String) -> Bool = (>)
print(cmp("b", "a"))
print(Array(zip(a, b)))
