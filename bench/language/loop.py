# A 3,000,000-iteration loop summing i % 7 (inside a function: CPython's fast locals).
def main():
    total = 0
    for i in range(3_000_000):
        total += i % 7
    print(total)

main()
