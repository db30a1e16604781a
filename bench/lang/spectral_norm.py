# spectral_norm.py — the benchmarks-game spectral-norm program (our own
# version), written for the `lang` section of bench/run.sh (reclaim's
# interpreter vs python3).
#
# Usage: python3 spectral_norm.py [N]         (reclaim spectral_norm.py [N])
#
# Estimates the spectral norm (largest singular value) of the infinite matrix
# A with A(i, j) = 1 / ((i + j) * (i + j + 1) / 2 + i + 1), i, j >= 0,
# restricted to its top-left N x N corner, by the power method: starting from
# u = (1, ..., 1), ten rounds of v = AtA u, u = AtA v (AtA w = A^T (A w),
# computed row by row without storing A), then the norm is
# sqrt((u . v) / (v . v)).  It prints that value with nine decimals
# (1.274219991 for N = 100): pure float arithmetic in a fixed order, so any
# interpreter with IEEE doubles prints the same line.
#
# The work is O(N ** 2) calls of a small function and float operations in
# nested loops over lists; no `math` module in the interpreter subset, so the
# square root is `** 0.5`; no imports beyond sys.
import sys


def entry(i, j):
    s = i + j
    return 1.0 / (s * (s + 1) // 2 + i + 1)


def times(u):
    # A u
    n = len(u)
    out = [0.0] * n
    for i in range(n):
        total = 0.0
        for j in range(n):
            total += entry(i, j) * u[j]
        out[i] = total
    return out


def times_transposed(u):
    # A^T u
    n = len(u)
    out = [0.0] * n
    for i in range(n):
        total = 0.0
        for j in range(n):
            total += entry(j, i) * u[j]
        out[i] = total
    return out


def times_ata(u):
    return times_transposed(times(u))


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    u = [1.0] * n
    v = u
    for _ in range(10):
        v = times_ata(u)
        u = times_ata(v)
    vbv = 0.0
    vv = 0.0
    for k in range(n):
        vbv += u[k] * v[k]
        vv += v[k] * v[k]
    print("%.9f" % (vbv / vv) ** 0.5)


main()
