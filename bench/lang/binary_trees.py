# binary_trees.py — the benchmarks-game binary-trees program, written for the
# `lang` section of bench/run.sh (reclaim's interpreter vs python3).
#
# Usage: python3 binary_trees.py [DEPTH]      (reclaim binary_trees.py [DEPTH])
#
# A tree node is a tuple (left, right); a leaf is (None, None).  The program
# builds one "stretch" tree of depth DEPTH + 1 and drops it, then keeps one
# long-lived tree of depth DEPTH for the whole run, and for each depth
# d = 4, 6, ..., DEPTH builds and drops 2 ** (DEPTH - d + 4) trees of depth d,
# checking each one (the check is its node count, 2 ** (d + 1) - 1).  It
# prints the standard lines of the benchmark (tab-separated), which depend on
# DEPTH only, so any two interpreters must print the same text.
#
# Only the interpreter subset is used: functions, tuples, while/for, range,
# str(), sys.argv; no imports beyond sys.
import sys

MIN_DEPTH = 4


def make_tree(depth):
    if depth == 0:
        return (None, None)
    depth = depth - 1
    return (make_tree(depth), make_tree(depth))


def check_tree(node):
    left = node[0]
    if left is None:
        return 1
    return 1 + check_tree(left) + check_tree(node[1])


def report(label, depth, check):
    print(label + " of depth " + str(depth) + "\t check: " + str(check))


def main(max_depth):
    if max_depth < MIN_DEPTH + 2:
        max_depth = MIN_DEPTH + 2

    stretch_depth = max_depth + 1
    report("stretch tree", stretch_depth, check_tree(make_tree(stretch_depth)))

    long_lived = make_tree(max_depth)

    depth = MIN_DEPTH
    while depth <= max_depth:
        iterations = 2 ** (max_depth - depth + MIN_DEPTH)
        check = 0
        for i in range(iterations):
            check = check + check_tree(make_tree(depth))
        print(str(iterations) + "\t trees of depth " + str(depth) + "\t check: " + str(check))
        depth = depth + 2

    report("long lived tree", max_depth, check_tree(long_lived))


if len(sys.argv) > 1:
    main(int(sys.argv[1]))
else:
    main(16)
