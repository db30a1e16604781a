# Floats: repr, arithmetic, conversions, comparisons with ints.
print(0.1 + 0.2, 1.5, 2.0, -0.0, 1e10, 1e16, 1e-5, 1.0e-4, 3.14)
print(1 / 3, 2 / 3, 10 / 4, 7.0 // 2, -7.0 // 2, 7.5 % 2, -7.5 % 2)
print(float("3.5"), float("-1e3"), float(7), float(" 2.25 "))
print(float("inf"), float("-inf"), float("nan") == float("nan"))
print(1.5 == 1.5, 2 == 2.0, 1 < 1.5, 0.1 + 0.2 == 0.3)
print(abs(-2.5), int(2.5), round(2.675, 2), round(1.5), round(2.5))
print(3 * 1.5, 2 ** 0.5, 10 ** -2, 4 ** 0.5)
print(str(1.0), repr(1.25), str(100.0), 1e22, 1.5e300 * 1.0)
print(hash(1.0) == hash(1), 1.0 in [1], {1.0: "a"}[1])
x = 5
x /= 2
print(x, type(x).__name__)
print(type(1 + 1.0).__name__, type(4 / 2).__name__, type(4 // 2).__name__)
print(float(True), 0.5 + True)
print(min(1.5, 2), max(-1, -0.5), sum([0.5, 0.25, 0.125]))

# the six comparisons over signed zeros, NaN and infinities
n = float("nan")
vals = [0.0, -0.0, 1.5, n, float("inf"), -float("inf")]
print([[(a < b, a <= b, a == b, a != b, a > b, a >= b) for b in vals] for a in vals])
print([1 < 2, 2 <= 2, 3 == 3, 3 != 3, 4 > 5, 5 >= 5])

# in-place float arithmetic never changes a value another name holds
t = 0.0
u = t
t += 1.0
w = [t * 2.0, t / 4.0, t ** 0.5, 2.0 ** -1.0]
print(t, u, w)
for a, b in [(1.0, 0.0), (0.0, -1.0), (1e308, 10.0), (float("inf"), 2.0), (2.0, float("nan")), (0.0, 0.0), (1e-308, 10.0)]:
    for op in ("/", "**"):
        try:
            print(a, op, b, "=", eval("a %s b" % op))
        except Exception as e:
            print(a, op, b, type(e).__name__, e)

# int and float mixed in every operator, at the edges of exactness
vals_i = [0, 1, -3, 7, 2**53, 2**53 + 1, -(2**53) - 1, 2**62, -(2**63), 2**63 - 1]
vals_f = [0.0, -0.0, 0.5, -2.5, 1e300, float("inf"), float("-inf"), float("nan"), 9007199254740992.0, 9.223372036854776e18]
out = []
for i in vals_i:
    for f in vals_f:
        for a, b in ((i, f), (f, i)):
            row = []
            for op in ("+", "-", "*", "/", "**", "<", "<=", "==", "!=", ">", ">="):
                if op == "**" and a < 0 and b == b and abs(b) != float("inf") and b != int(b):
                    row.append("complex")       # a complex result: not in the subset
                    continue
                try:
                    row.append(repr(eval("a %s b" % op)))
                except Exception as e:
                    row.append(type(e).__name__)
            out.append(" ".join(row))
for x in vals_i:
    for y in vals_i:
        try:
            out.append(repr(x / y))
        except Exception as e:
            out.append(type(e).__name__ + " " + str(e))
print(len(out))
print("\n".join(out))
