# The math module: functions, constants and CPython's errors (gamma and
# lgamma are libm's, which may differ from CPython's in the last digit).
import math
print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan)
print(math.sqrt(2), math.sqrt(16), math.floor(2.7), math.ceil(2.1), math.trunc(-2.7), math.floor(-3))
print(math.sin(1), math.cos(1), math.tan(1), math.atan2(1, 2), math.hypot(3, 4), math.hypot(1, 2, 2))
print(math.log(100, 10), math.log(8, 2), math.log(math.e), math.log10(1000), math.log2(1024), math.log1p(1e-10))
print(math.exp(1), math.expm1(1e-10), math.pow(2, 10), math.fabs(-3), math.factorial(20), math.gcd(12, 18, 30), math.lcm(4, 6))
print(math.isqrt(99), math.comb(10, 3), math.perm(5, 2), math.perm(4), math.comb(60, 30))
print(math.fsum([0.1] * 10), sum([0.1] * 10), math.fsum([1e100, 1.0, -1e100, 1e-100]), math.prod([1, 2, 3, 4]), math.prod([0.5, 4]), math.prod([]))
print(math.isclose(1.0, 1.0 + 1e-10), math.isclose(1, 1.1), math.isclose(0, 1e-10, abs_tol=1e-9), math.isfinite(1.0), math.isinf(math.inf), math.isnan(math.nan))
print(math.degrees(math.pi), math.radians(180), math.copysign(3, -0.0), math.fmod(7, 3), math.remainder(7, 3), math.modf(3.25), math.frexp(8.0), math.ldexp(0.5, 4))
print(math.gamma(5), round(math.lgamma(10), 12), math.erf(0.5), math.erfc(0.5), math.cbrt(27), math.exp2(10), math.dist((0, 0), (3, 4)), math.ulp(1.0), math.nextafter(1.0, 2.0))
for expr in ["math.sqrt(-1)", "math.log(0)", "math.exp(1000)", "math.factorial(-1)", "math.factorial(2.0)", "math.sqrt('x')", "math.floor(math.inf)", "math.floor(math.nan)", "math.acos(2)", "math.isqrt(-1)", "math.comb(-1, 2)", "math.gamma(0)", "math.pow(0, -1)", "math.fmod(math.inf, 1)", "math.isclose(1, 2, rel_tol=-1)", "math.log(-1, 2)", "math.ldexp(1.0, 2.0)"]:
    try:
        print(expr, "->", eval(expr))
    except Exception as e:
        print(expr, "->", type(e).__name__, e)
class F:
    def __float__(self):
        return 2.25
print(math.sqrt(F()), math.floor(True))
