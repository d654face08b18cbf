// Integer division truncates toward zero; % takes the sign of the dividend.
print(7 / 2, -7 / 2, 7 / -2, -7 / -2)
print(7 % 3, -7 % 3, 7 % -3, -7 % -3)
print(0 / 5, 0 % 5)
let a = 17
let b = 5
print(a / b * b + a % b == a)
print((-a) / b * b + (-a) % b == -a)
print(0xFF, 0x10, 1_000_000)
print(Int.max)
print(Int.min)
print(Int.max / 2)
print(2 * 3 + 4 * 5 - 6 / 2)
let d = 3 - 10
print(-d, -(-d))
print(abs(-12), abs(12))
print(min(4, 9), max(4, 9), min(3, 1, 2), max(3, 7, 5))
var n = 10
n += 5
n -= 3
n *= 2
n /= 5
n %= 3
print(n)
