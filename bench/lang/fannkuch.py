# fannkuch.py — the benchmarks-game fannkuch-redux program (our own
# version), written for the `lang` section of bench/run.sh (reclaim's
# interpreter vs python3).
#
# Usage: python3 fannkuch.py [N]              (reclaim fannkuch.py [N])
#
# Goes through all N! permutations of 0 .. N-1 in the benchmark's fixed order
# (each step rotates a prefix of the previous permutation left by one place,
# driven by a vector of per-length counters).  For each permutation it counts
# the "pancake flips": while the first element k is not 0, reverse the first
# k + 1 elements.  It prints a checksum (the flip counts added for
# even-numbered permutations and subtracted for odd ones) and the largest
# flip count, in the benchmark's format ("228" / "Pfannkuchen(7) = 16" for
# N = 7).  Integers only, so any interpreter prints the same lines.
#
# The work is list indexing, slice copies and slice assignment (the flips are
# `p[:k + 1] = p[k::-1]`) in tight loops; no imports beyond sys.
import sys


def count_flips(perm):
    p = perm[:]
    flips = 0
    k = p[0]
    while k:
        p[:k + 1] = p[k::-1]
        flips += 1
        k = p[0]
    return flips


def fannkuch(n):
    perm = list(range(n))
    counters = [0] * n
    checksum = 0
    max_flips = 0
    even = True
    r = n
    while True:
        while r != 1:
            counters[r - 1] = r
            r -= 1
        if perm[0]:
            flips = count_flips(perm)
            if flips > max_flips:
                max_flips = flips
            if even:
                checksum += flips
            else:
                checksum -= flips
        # advance to the next permutation: rotate the first r + 1 elements
        # left by one until a counter has rotations left
        while True:
            if r == n:
                return checksum, max_flips
            first = perm[0]
            for i in range(r):
                perm[i] = perm[i + 1]
            perm[r] = first
            counters[r] -= 1
            if counters[r] > 0:
                break
            r += 1
        even = not even


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    checksum, max_flips = fannkuch(n)
    print(checksum)
    print("Pfannkuchen(%d) = %d" % (n, max_flips))


main()
