#!/usr/bin/env python3
"""gen_bigint_cases.py — write tests/conformance/int_big_random.py: thousands
of int operations on random operands of every size (around the int64
boundary, a few 30-bit digits, and past the Karatsuba cutoff), each written
as literals and printing its result, so that CPython's output (the .out
file) checks the interpreter's big ints operation by operation.

The seed is fixed: the script is the same on every run.  Regenerate the
expectation with tests/conformance/run.sh --regenerate (or python3 on it).
"""
import os
import random

SEED = 20240611
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "conformance",
                   "int_big_random.py")


def operand(rng):
    kind = rng.randrange(10)
    if kind == 0:                                 # around the int64 edges
        v = rng.choice([2**63, 2**64, 2**62, 2**31, 2**30, 2**60]) + rng.randrange(-3, 4)
    elif kind == 1:
        v = rng.randrange(-1000, 1000)
    elif kind == 2:                               # past the Karatsuba cutoff
        v = rng.getrandbits(rng.randrange(2100, 5000))
    elif kind == 3:                               # runs of ones and zeros
        bits = rng.randrange(1, 400)
        v = (1 << bits) - 1 if rng.random() < 0.5 else 1 << bits
    else:
        v = rng.getrandbits(rng.randrange(1, 400))
    return -v if rng.random() < 0.4 else v


def nonzero(rng):
    v = 0
    while v == 0:
        v = operand(rng)
    return v


def cases(rng):
    binary = ["+", "-", "*", "//", "%", "&", "|", "^"]
    out = []
    for _ in range(2500):
        a, b = operand(rng), operand(rng)
        op = rng.choice(binary)
        if op in ("//", "%"):
            b = nonzero(rng)
        out.append("p(%d %s %d)" % (a, op, b) if op not in ("//", "%") else
                   "p(%d %s (%d))" % (a, op, b))
    for _ in range(300):
        a, b = operand(rng), nonzero(rng)
        out.append("p(divmod(%d, %d))" % (a, b))
        out.append("p(%d == %d, %d < %d, %d >= %d)" % (a, b, a, b, a, b))
    for _ in range(300):
        a = operand(rng)
        out.append("p(-(%d), ~(%d), abs(%d), (%d).bit_length())" % (a, a, a, a))
        out.append("p(hash(%d), hex(%d), oct(%d))" % (a, a, a))
        out.append("p((%d) << %d, (%d) >> %d)" % (a, rng.randrange(0, 300), a, rng.randrange(0, 300)))
    for _ in range(200):
        a = rng.getrandbits(rng.randrange(1, 200)) * rng.choice([1, -1])
        out.append("p((%d) ** %d)" % (a, rng.randrange(0, 12)))
        m = nonzero(rng)
        out.append("p(pow(%d, %d, %d))" % (a, rng.getrandbits(rng.randrange(1, 200)), m))
    for _ in range(200):
        a = operand(rng)
        b = nonzero(rng)
        if abs(a) < 2**900 and abs(b) < 2**900:
            out.append("p(float(%d), %d / %d)" % (a, a, b))
        out.append("p(%d == %r, %d < %r)" % (a, float(rng.getrandbits(60)) * 2.0 ** rng.randrange(0, 200),
                                              a, -float(rng.getrandbits(70))))
    for _ in range(150):
        a = operand(rng)
        n = (a.bit_length() + 8) // 8
        out.append("p((%d).to_bytes(%d, 'little', signed=True))" % (a, n))
        out.append("p(int(%r, 16), int(%r), str(%d))" % (hex(abs(a))[2:], str(a), a))
    return out


def main():
    rng = random.Random(SEED)
    lines = ['"""Random int operations (written by tools/gen_bigint_cases.py: do not edit)."""',
             "p = print"] + cases(rng)
    with open(OUT, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
