"""Integers of any size: arithmetic, conversions, bit operations, bytes,
hashing, the decimal string limit, random over big ranges, and the errors
with CPython 3.11's words."""
import array
import json
import math
import random
import sys


def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__ + ":", e)


print("-- powers and factorials")
print(2 ** 100, -2 ** 100, (-2) ** 101)
print(2 ** 64, 2 ** 64 - 1, 2 ** 63, -2 ** 63, -2 ** 63 - 1)
print(math.factorial(30), math.factorial(52))
print(len(str(math.factorial(1000))), str(math.factorial(1000))[:40])
print(10 ** 50 // 7, 10 ** 50 % 7, -10 ** 50 // 7, -10 ** 50 % 7)
print(3 ** 200 // 3 ** 198, 7 ** 77 % 10 ** 20)
print(type(2 ** 100), type(2 ** 100 - 2 ** 100 + 5), 2 ** 100 - 2 ** 100 + 5)
print(isinstance(2 ** 70, int), int(2 ** 70) == 2 ** 70)

print("-- small ints stay small")
a = 2 ** 70 - 2 ** 70 + 7
b = 7
four, zero = 4, 0
print(a is b, (2 ** 64 // 2 ** 62) is four, (10 ** 30 - 10 ** 30) is zero)
print(2 ** 63 - 1, (2 ** 63 - 1) + 1, -(2 ** 63) - 1, (2 ** 63) * (2 ** 63))
print(9223372036854775807 * 2, -9223372036854775808 // -1, abs(-9223372036854775808))
print(-(-9223372036854775808), 9223372036854775807 + 9223372036854775807)

print("-- floor division, modulo, divmod")
for x in (10 ** 30 + 7, -(10 ** 30 + 7)):
    for y in (13, -13, 10 ** 15 + 3, -(10 ** 15 + 3), 2 ** 100 + 1, -(2 ** 100 + 1)):
        print(x // y, x % y, divmod(x, y))
print(divmod(2 ** 100, 2 ** 100), divmod(-1, 2 ** 100), divmod(1, -2 ** 100))
print(2 ** 200 / 2 ** 100, 10 ** 30 / 3, (2 ** 100 + 1) / 2 ** 99, 1 / 2 ** 70)
print(float(2 ** 100), float(-3 ** 50), float(2 ** 1023 * 1), int(1e30), int(-2.5e20))
print(2 ** 100 == 2.0 ** 100, 2 ** 100 < 2.0 ** 100 + 1e15, 2 ** 100 + 1 > 2.0 ** 100)
print(10 ** 400 > 1e308, -10 ** 400 < -1e308, 10 ** 400 < float("inf"), 10 ** 400 == float("nan"))

print("-- pow")
print(pow(3, 200, 10 ** 9 + 7), pow(2 ** 100, 2 ** 50, 2 ** 61 - 1), pow(-3, 101, 2 ** 70))
print(pow(3, -1, 7), pow(3, -1, 2 ** 89 - 1), pow(2 ** 100 + 1, -3, 10 ** 20 + 39))
print(pow(5, 3, -7), pow(-(2 ** 90), 3, -(10 ** 10)), pow(7, 0, 1), pow(2 ** 90, 0, 5))
print(2 ** -2, (2 ** 70) ** -1, pow(2 ** 70, 2))

print("-- bit operations")
x = 2 ** 100 + 12345
y = -(2 ** 80) - 99
print(x & y, x | y, x ^ y, ~x, ~y)
print(x & -1, y & 0xFFFFFFFF, y | 1, -x ^ y, (-x) & (-y))
print(x << 3, x >> 3, y >> 5, y >> 200, x >> 200, -1 >> 1000, 1 << 200)
print(y << 70, (-5) << 100, x >> 0, x << 0, 0 << 10 ** 20)
print(x.bit_length(), y.bit_length(), (2 ** 100).bit_length(), (-2 ** 100).bit_length())
print(x.bit_count(), y.bit_count(), (2 ** 200 - 1).bit_count())

print("-- to_bytes and from_bytes")
print((2 ** 100).to_bytes(13, "big"), (2 ** 100).to_bytes(13, "little"))
print((-2 ** 100).to_bytes(14, "big", signed=True), (-2 ** 100 - 1).to_bytes(14, "little", signed=True))
print(int.from_bytes(b"\xff" * 20, "big"), int.from_bytes(b"\xff" * 20, "big", signed=True))
print(int.from_bytes(b"\x80" + b"\x00" * 15, "big", signed=True), int.from_bytes(b"\x01" * 17, "little"))
for v in (2 ** 127, -2 ** 127, 2 ** 127 - 1, 3 ** 90, -(3 ** 90)):
    n = (v.bit_length() + 8) // 8
    assert int.from_bytes(v.to_bytes(n, "big", signed=True), "big", signed=True) == v
    print(v.to_bytes(n, "little", signed=True).hex())
show("to_bytes too small:", lambda: (2 ** 100).to_bytes(12, "big"))
show("to_bytes negative unsigned:", lambda: (-2 ** 100).to_bytes(20, "big"))
show("to_bytes signed overflow:", lambda: (2 ** 127).to_bytes(16, "big", signed=True))

print("-- hashing as CPython")
M = 2 ** 61 - 1
for v in (2 ** 61 - 1, 2 ** 61, 2 ** 64, -2 ** 64, 2 ** 100, -2 ** 100, 3 ** 300, -(3 ** 300),
          M * 5, -M * 5, M * 7 - 1, -(M * 7 - 1), 2 ** 1000 + 1, 10 ** 200):
    print(hash(v), hash(v) == hash(float(v)) if v.bit_length() < 1000 else "")
print(hash(2.0 ** 100) == hash(2 ** 100), hash(-2.0 ** 80) == hash(-2 ** 80), hash(1e300) == hash(int(1e300)))
d = {2 ** 100: "a", 2.0 ** 70: "b", 10 ** 30: "c"}
print(d[2.0 ** 100], d[2 ** 70], d[10 ** 30], {2 ** 64, 2.0 ** 64, 2 ** 64 + 0})

print("-- str, repr, int() and format")
big = 7 ** 1000
s = str(big)
print(len(s), s[:20], s[-20:], int(s) == big, repr(-big)[:12])
print(int("1" * 100), int("-" + "9" * 50), int("  +123456789012345678901234567890  "))
print(int("1_000_000_000_000_000_000_000"), int("0x" + "f" * 40, 16), int("f" * 40, 16), int("z" * 30, 36))
print(int("0b" + "1" * 100, 0), int("0o" + "7" * 40, 0), int("-0x" + "a" * 30, 0))
print(hex(2 ** 100), oct(2 ** 100), bin(2 ** 70), hex(-2 ** 90 - 1))
print(format(2 ** 100, ","), format(2 ** 100, "_"), format(-2 ** 90, "x"), format(2 ** 70, "#b"))
print(format(2 ** 100, ">40"), format(-2 ** 100, "040"), "%d %x" % (2 ** 80, 2 ** 80), f"{3 ** 50:e}")
print(f"{2 ** 100:_x}", f"{-(10 ** 25):+,}", round(12345678901234567890123, -5), round(2 ** 80, 3))

print("-- the 4300-digit limit")
print(sys.get_int_max_str_digits(), sys.int_info.default_max_str_digits)
show("str:", lambda: str(10 ** 4300))
print(len(str(10 ** 4299)))
show("int:", lambda: int("x" * 5000))
show("int digits:", lambda: int("1" * 5000))
show("int 4301:", lambda: int("1" * 4301))
print(len(str(int("1" * 4300))))
print(len(hex(2 ** 20000)), int("f" * 5000, 16).bit_length())
sys.set_int_max_str_digits(10000)
print(sys.get_int_max_str_digits(), len(str(10 ** 9000)), int("3" * 9000) % 1000)
sys.set_int_max_str_digits(0)
print(len(str(10 ** 20000)))
show("set 100:", lambda: sys.set_int_max_str_digits(100))
sys.set_int_max_str_digits(4300)

print("-- errors")
show("x // 0:", lambda: 2 ** 100 // 0)
show("x % 0:", lambda: 2 ** 100 % 0)
show("divmod 0:", lambda: divmod(2 ** 100, 0))
show("x / 0:", lambda: 2 ** 100 / 0)
show("pow mod 0:", lambda: pow(2 ** 100, 3, 0))
show("pow no inverse:", lambda: pow(2 ** 100, -1, 2 ** 10))
show("negative shift:", lambda: 2 ** 100 << -1)
show("negative rshift:", lambda: 2 ** 100 >> -(2 ** 70))
show("huge shift:", lambda: 1 << 2 ** 70)
show("float():", lambda: float(10 ** 400))
show("true divide:", lambda: 10 ** 400 / 3)
show("math.sqrt:", lambda: math.sqrt(10 ** 400))
show("to float mix:", lambda: 10 ** 400 + 1.0)
show("int(inf):", lambda: int(float("inf")))
show("int(nan):", lambda: int(float("nan")))
show("bad literal:", lambda: int("12345678901234567890x"))

print("-- math over big ints")
print(math.gcd(2 ** 100, 6 ** 50), math.gcd(-(3 ** 80), 3 ** 81 * 2), math.isqrt(10 ** 60) if hasattr(math, "isqrt") else "")
print(math.floor(2 ** 100), math.ceil(-2 ** 100), math.trunc(3 ** 70), math.log2(2 ** 100), math.log10(10 ** 50))
print(sum([2 ** 64] * 10), max(2 ** 100, 2 ** 99), min(-2 ** 100, 5), sorted([2 ** 70, -1, 2 ** 65, 0]))
print(abs(-2 ** 100), -(-2 ** 100), +(2 ** 100), bool(2 ** 100), bool(2 ** 100 - 2 ** 100))
print(math.gcd(-(2 ** 63), 0), math.gcd(2 ** 200 + 1, 2 ** 100 + 1), math.lcm(2 ** 40, 3 ** 30), math.lcm(-2 ** 64, 3, 5))
print(math.isqrt(2 ** 64 - 1), math.isqrt(10 ** 100 - 1), math.comb(100, 50), math.comb(2 ** 70, 2), math.perm(25, 20))
print(math.log(10 ** 400), math.log2(2 ** 2000), math.log10(10 ** 500), math.log(10 ** 400, 10 ** 200))
print(math.floor(1e300) == int(1e300), math.ceil(-1.5e19), math.trunc(2.5e30), math.frexp(2 ** 100), math.fsum([2 ** 70, 1, -2 ** 70]))
show("factorial:", lambda: math.factorial(2 ** 70))
show("comb:", lambda: math.comb(2 ** 70, 2 ** 69))
show("log:", lambda: math.log(-10 ** 400))

print("-- random over big ranges")
random.seed(2023)
print(random.getrandbits(64), random.getrandbits(65), random.getrandbits(100), random.getrandbits(1000) % 10 ** 12)
print(random.randrange(10 ** 30), random.randrange(-10 ** 25, 10 ** 25), random.randrange(0, 2 ** 80, 7))
print(random.randint(-(2 ** 70), 2 ** 70), random.randint(2 ** 64, 2 ** 64 + 10), random.randrange(2 ** 63, 2 ** 63 + 4))
random.seed(3 ** 60)
print(random.random(), random.randrange(2 ** 62, -(2 ** 62), -3), random.randint(-2 ** 63, 2 ** 63 - 1))
show("empty:", lambda: random.randrange(2 ** 70, 2 ** 70))
show("zero step:", lambda: random.randrange(0, 2 ** 70, 0))

print("-- json and array")
print(json.loads("[123456789012345678901234567890, -99999999999999999999999, 18446744073709551615]"))
print(json.dumps([2 ** 100, -2 ** 70, {"a": 10 ** 30}]), json.dumps({2 ** 80: 1}))
show("json limit:", lambda: json.loads("1" * 5000))
a = array.array("Q", [2 ** 64 - 1, 2 ** 63])
print(a, a[0] + a[1], array.array("L", b"\xff" * 8).tolist(), array.array("d", [2 ** 70]))
for code in "bHIlLqQ":
    for v in (2 ** 64, 2 ** 63, -2 ** 63 - 1):
        show(code + " " + str(v) + ":", lambda: array.array(code, [v])[0])

print("-- ratios, attributes, indices")
print((2 ** 80).as_integer_ratio(), True.as_integer_ratio(), (1e300).as_integer_ratio()[1], (0.1).as_integer_ratio())
print((-3).real, True.real, (5).imag, (2 ** 70).numerator, (2 ** 70).denominator, float("1" * 400))
show("index:", lambda: [1, 2][2 ** 100])
show("repeat:", lambda: "ab" * 2 ** 100)
show("chr:", lambda: chr(2 ** 40))
print([1, 2, 3][-2 ** 100:2 ** 100], "abcdef"[2 ** 70:], (1, 2, 3)[:-2 ** 80])

# from_bytes on bool and int subclasses returns cls(n); signed is keyword-only
print(bool.from_bytes(b"\x01", "big"), bool.from_bytes(b"\x00\x00", "little"), int.from_bytes(b"\xff", "big", signed=True))
class MyInt(int):
    pass
x = MyInt.from_bytes(b"\x01\x00", "big")
print(type(x).__name__, x)
try:
    int.from_bytes(b"\x01", "big", True)
except TypeError as e:
    print("TypeError", e)
