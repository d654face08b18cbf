# 1,000,000 calls of a closure that captures a variable.
def main():
    calls = 0

    def bump(x):
        nonlocal calls
        calls += 1
        return x + 1

    v = 0
    for _ in range(1_000_000):
        v = bump(v)
    print(v, calls)

main()
