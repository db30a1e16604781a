# seed_release.py — the seeds' experiment, for the `lang` section of
# bench/run.sh (reclaim's interpreter vs python3).
#
# Usage: python3 seed_release.py              (reclaim seed_release.py)
#
# As in the seeds: a list of ten million ints is built, deleted, and
# gc.collect() runs.  Where examples/seed_release.py prints the process's
# memory at each step, this version prints only figures that do not depend on
# the interpreter (the list's length, a checksum of its items, and that the
# name is gone), so the outputs of two interpreters can be compared; the
# benchmark measures time and peak RSS from outside.
import gc

a = list(range(1000*10000))
print("length " + str(len(a)))
print("checksum " + str(sum(a) + a[0] + a[-1] + a[len(a) // 2]))
del a
gc.collect()
print("deleted " + str("a" not in globals()))
