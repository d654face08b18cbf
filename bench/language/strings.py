# Building a 100,000-piece string by interpolation (inside a function, where CPython
# appends to a string in place instead of copying it).
def main():
    text = ""
    for i in range(100_000):
        text += f"{i},"
    print(len(text))

main()
