# float_bench.py — the shape of pyperformance's "float" benchmark (our own
# version), written for the `lang` section of bench/run.sh (reclaim's
# interpreter vs python3).
#
# Usage: python3 float_bench.py [POINTS]      (reclaim float_bench.py [POINTS])
#
# Makes POINTS instances of a small Point class (three float attributes in
# the instance dict): point i has x = sin(i), y = 3 * cos(i), z = x * x / 2.
# Every point is then normalized in place (divided by its Euclidean length)
# and the list is folded into one point whose coordinates are the
# componentwise maxima; another pass sums the normalized coordinates.  It
# prints both with nine decimals.  All the values are plain float arithmetic
# in a fixed order, so any interpreter with IEEE doubles prints the same
# lines.
#
# sin and cos are written here in Python (the interpreter had no `math`
# module when this script was written; the extra work is the same under
# both interpreters): the argument is reduced to [-pi/2, pi/2] by subtracting
# multiples of 2 pi and reflecting, then a degree-21 Taylor polynomial is
# evaluated by Horner's rule; cos(x) = sin(x + pi/2).  The values differ
# from libm's by up to about 2e-11 for these arguments (the reduction loses a
# few bits as i grows), but they are the same under both interpreters.  The
# Taylor coefficients are computed with float factorials, because the
# interpreter's int is 64-bit and 21! overflows it (OverflowError).
# The square root is `** 0.5`.  Most of the time goes to creating objects,
# attribute loads and stores, method calls and float operations; no imports
# beyond sys.
import sys

PI = 3.141592653589793
TWO_PI = 2.0 * PI
HALF_PI = 0.5 * PI


def taylor_sin_coefficients(terms):
    # (-1) ** k / (2k + 1)!  for k = 1 .. terms
    # the factorial is kept as a float: 21! does not fit the interpreter's
    # 64-bit int (OverflowError), and every factorial up to 21! is exact as
    # a double, so the coefficients are the same as with CPython's big ints
    coefs = []
    fact = 1.0
    for k in range(1, terms + 1):
        fact = fact * (2 * k) * (2 * k + 1)
        coefs.append((-1.0) ** k / fact)
    return coefs


S3, S5, S7, S9, S11, S13, S15, S17, S19, S21 = taylor_sin_coefficients(10)


def sin(x):
    r = x - TWO_PI * int(x / TWO_PI)
    if r > PI:
        r -= TWO_PI
    elif r < -PI:
        r += TWO_PI
    if r > HALF_PI:
        r = PI - r
    elif r < -HALF_PI:
        r = -PI - r
    r2 = r * r
    return r * (1.0 + r2 * (S3 + r2 * (S5 + r2 * (S7 + r2 * (S9 + r2 * (
        S11 + r2 * (S13 + r2 * (S15 + r2 * (S17 + r2 * (S19 + r2 * S21))))))))))


def cos(x):
    return sin(x + HALF_PI)


class Point:
    def __init__(self, i):
        self.x = x = sin(i)
        self.y = cos(i) * 3.0
        self.z = (x * x) / 2.0

    def normalize(self):
        x = self.x
        y = self.y
        z = self.z
        norm = (x * x + y * y + z * z) ** 0.5
        self.x /= norm
        self.y /= norm
        self.z /= norm

    def maximize(self, other):
        if other.x > self.x:
            self.x = other.x
        if other.y > self.y:
            self.y = other.y
        if other.z > self.z:
            self.z = other.z
        return self


def maximize(points):
    best = points[0]
    for p in points[1:]:
        best = best.maximize(p)
    return best


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300000
    points = [None] * n
    for i in range(n):
        points[i] = Point(i)
    for p in points:
        p.normalize()
    sx = sy = sz = 0.0
    for p in points:
        sx += p.x
        sy += p.y
        sz += p.z
    best = maximize(points)
    print("max: %.9f %.9f %.9f" % (best.x, best.y, best.z))
    print("sum: %.9f %.9f %.9f" % (sx, sy, sz))


main()
