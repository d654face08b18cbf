let s = Unicode.Scalar(65)!
let t = UnicodeScalar(0x1F600)!
print(Character(s), String(t), s.value)
for c in "aZ9".unicodeScalars { print(c, c.value, terminator: "; ") }
print()
