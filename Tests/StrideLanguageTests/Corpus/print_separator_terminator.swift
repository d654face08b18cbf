// print's separator and terminator.
print(1, 2, 3)
print(1, 2, 3, separator: ", ")
print("a", "b", separator: "")
print("no newline", terminator: "")
print(" - continued")
print("x", "y", separator: "+", terminator: "=\n")
print()
print("after empty line")
for i in 1...3 {
    print(i, terminator: i < 3 ? ", " : "\n")
}
print("mixed", 1, 2.5, true, [1], separator: " | ")
print("", "")
let items = ["a", "b", "c"]
for item in items {
    print(item, terminator: "")
}
print("")
