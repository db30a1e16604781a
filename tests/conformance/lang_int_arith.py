# Integer arithmetic: operators, floor division and modulo signs, precedence.
a, b = 17, 5
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** 2, -a, +a)
for x, y in ((7, 2), (-7, 2), (7, -2), (-7, -2), (0, 3), (6, 3)):
    print(x, y, x // y, x % y, divmod(x, y))
print(2 ** 10, 2 ** 0, 3 ** 3, (-2) ** 3, 2 ** -1)
print(10 - 2 - 3, 2 * 3 + 4, 2 + 3 * 4, (2 + 3) * 4, 2 ** 3 ** 2, -2 ** 2)
print(7 & 3, 7 | 8, 7 ^ 2, ~7, 1 << 10, 1024 >> 3, -16 >> 2)
print(abs(-5), abs(5), abs(0), pow(2, 8), pow(3, 4, 5))
print(int("42"), int("-17"), int(" 8 "), int(3.99), int(-3.99), int(True))
print(int("ff", 16), int("101", 2), int("0x1f", 16), int("777", 8))
print(9223372036854775807, -9223372036854775807 - 1)
print(4611686018427387904 + 4611686018427387903)
n = 10
n += 5
n -= 3
n *= 2
n //= 5
n %= 3
n **= 3
print(n)
m = 6
m <<= 2
m >>= 1
m |= 1
m &= 0b1101
m ^= 0xF
print(m, 0o17, 0b1010, 0xff, 1_000_000)
print(True + True, True * 10, False - 1)
print(round(7 / 2), round(5 / 2), round(-2.5), round(3.14159, 2))
print(max(3, 9, 2), min(3, 9, 2), sum([1, 2, 3, 4]))
print(hash(5) == hash(5), hash(5) == 5)


# arithmetic never changes a value another name holds; small results are the cached ints
one, two_five_six = 1, 256
x = 1000
x -= 999
print(x is one, x)
y = 10**6
z = y
y += 1
print(y, z, y is z)
k = 257
k -= 1
print(k is two_five_six)
acc = 0
for v in [1000, 2000, 3000]:
    acc += v
    acc = acc * 3 - acc
print(acc, sum(i * i for i in range(1000)))


# // and % over values at the 32- and 64-bit edges, every sign
vals = [0, 1, 7, -7, 2**31, 2**32 - 1, 2**32, 2**33 + 5, -(2**32), 2**62, -(2**63), 2**63 - 1, 4294967295, 13]
out = []
for x in vals:
    for y in vals:
        if y:
            out.append((x // y, x % y, divmod(x, y)))
print(len(out), hash(tuple(out)) == hash(tuple(out)), out[:40], out[-40:])
