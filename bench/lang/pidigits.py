"""pidigits.py — the first N digits of pi by the unbounded spigot algorithm
(Gibbons), printed ten to a line as in the benchmarks game: a workload of
big-int multiplication, addition and division by numbers that grow to
thousands of digits.

Usage: pidigits.py [N]   (default 5000)
"""
import sys


def pidigits(n):
    out = []
    i = k = ns = 0
    k1 = 1
    num, acc, den = 1, 0, 1
    while i < n:
        k += 1
        t = num << 1
        num *= k
        acc += t
        k1 += 2
        acc *= k1
        den *= k1
        if acc >= num:
            q, r = divmod(num * 3 + acc, den)
            if den > r + num:
                ns = ns * 10 + q
                i += 1
                if i % 10 == 0 or i == n:
                    digits = str(ns)
                    width = 10 if i % 10 == 0 else i % 10
                    out.append("%s\t:%d" % (digits.rjust(width, "0"), i))
                    ns = 0
                acc -= den * q
                acc *= 10
                num *= 10
    return out


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    for line in pidigits(n):
        print(line)


main()
