# Building a list of 1,000,000 ints (a linear congruential sequence) and sorting it.
def main():
    xs = []
    seed = 12345
    for _ in range(1_000_000):
        seed = (seed * 1103515245 + 12345) % 2147483648
        xs.append(seed)
    s = sorted(xs)
    print(s[0], s[500_000], s[999_999])

main()
