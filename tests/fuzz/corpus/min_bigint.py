a = 2 ** 100 + 12345
b = -(3 ** 70)
print(a + b, a - b, a * b, a // b, a % b, divmod(b, a), -a, ~b, abs(b))
print(a & b, a | b, a ^ b, a << 65, b >> 40, pow(a, b % 97, 10 ** 20 + 39), pow(3, -1, a))
print(a == a + 0, a > b, a < 2.0 ** 101, hash(a), hash(float(a)) == hash(int(float(a))))
s = str(a * a)
print(s, int(s) == a * a, hex(b), int("-0x" + "f" * 30, 16), format(a, ","), f"{b:_x}")
print(a.bit_length(), a.to_bytes(16, "little"), int.from_bytes(b"\x80" * 12, "big", signed=True))
x = 1
for i in range(1, 40):
    x *= i
print(x, x // 2 ** 64, float(x), x / 7, round(x, -30), 9223372036854775807 + 1, -9223372036854775808 - 1)
d = {a: 1, 2 ** 64: 2, 2.0 ** 64: 3}
print(len(d), d[a], [0, 1][(a - a)], "ab" * (a - a + 2))
