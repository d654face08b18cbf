// Operators passed where functions are expected.
let xs = [4, 1, 3, 2]
print(xs.sorted(by: >))
print(xs.sorted(by: <))
print(xs.reduce(0, +))
print(xs.reduce(1, *))
print(["b", "a"].sorted(by: >))
