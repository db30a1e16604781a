#!/usr/bin/env python3
"""objects_bench.py — the CPython side of bench/objects_bench.c, part 2.

Usage: python3 bench/objects_bench.py WORKLOAD     (one workload per process)

  list   l = []; 10M x l.append(i + 1000)                       -> ns/append
  dict   1M keys "key%d" % i built and hashed (hash(k)) before timing; then
           dict_insert  1M x d[keys[i]] = i + 1000               -> ns/insert
           dict_lookup  for k in keys: s += d[k]  (same key objects)
                                                                 -> ns/lookup

The same work as the C program (values i + 1000, outside the small-int
cache; the lookups read and sum the values), timed with time.perf_counter,
inside functions (local variables), with the collector left on as a Python
program would run.  The teardown (del of the list / dict and keys) is
reported as teardown_ms=, not timed into the value.  Counts: BENCH_LIST_N,
BENCH_DICT_N (environment), as for the C program.

Output lines have the C program's format:
  RESULT workload=list alloc=cpython value=... unit=ns/append checksum=... ...
"""
import os
import resource
import sys
import time

_HERE = os.path.dirname(os.path.abspath(__file__))
if _HERE not in sys.path:      # bench_util.py, next to this script
    sys.path.insert(0, _HERE)
from bench_util import env_count, result  # noqa: E402


def minflt():
    """Minor page faults of the process so far (first touches of fresh pages)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def w_list():
    n = env_count("BENCH_LIST_N", 10_000_000)
    perf_counter = time.perf_counter
    l = []
    f0 = minflt()
    t0 = perf_counter()
    for i in range(n):
        l.append(i + 1000)
    t1 = perf_counter()
    f1 = minflt()
    if len(l) != n:
        sys.exit("list length")
    s = sum(l)
    t2 = perf_counter()
    del l
    t3 = perf_counter()
    result("list", (t1 - t0) * 1e9 / n, "ns/append", s,
           f"n={n} teardown_ms={(t3 - t2) * 1e3:.1f} minflt={f1 - f0}")


def w_dict():
    n = env_count("BENCH_DICT_N", 1_000_000)
    perf_counter = time.perf_counter
    keys = ["key%d" % i for i in range(n)]
    for k in keys:
        hash(k)
    d = {}
    f0 = minflt()
    t0 = perf_counter()
    for i in range(n):
        d[keys[i]] = i + 1000
    t1 = perf_counter()
    f1 = minflt()
    s = 0
    for k in keys:
        s += d[k]
    t2 = perf_counter()
    if len(d) != n:
        sys.exit("dict length")
    del d, keys
    t3 = perf_counter()
    result("dict_insert", (t1 - t0) * 1e9 / n, "ns/insert", s, f"n={n} minflt={f1 - f0}")
    result("dict_lookup", (t2 - t1) * 1e9 / n, "ns/lookup", s,
           f"n={n} teardown_ms={(t3 - t2) * 1e3:.1f}")


def main():
    w = sys.argv[1] if len(sys.argv) > 1 else ""
    if w == "list":
        w_list()
    elif w == "dict":
        w_dict()
    else:
        sys.exit(f"usage: {sys.argv[0]} WORKLOAD   (list dict)   "
                 f"[{sys.implementation.name} {sys.version.split()[0]}]")


if __name__ == "__main__":
    main()
