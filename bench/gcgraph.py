#!/usr/bin/env python3
"""gcgraph.py — the CPython side of bench/gcbench.c's "graph" workload (the
cache-hostile graph; section gcbench of bench/run.sh, bench/gcbench_section.sh).

Usage: python3 bench/gcgraph.py

N = 1M nodes (BENCH_GRAPH_N) of class Node with __slots__ = ('a', 'b') (48 B,
as the C node), created in index order with gc.disable() and held in a list;
then node i gets a = nodes[(7i + 1) % N], b = nodes[(13i + 5) % N].  As
bench/gc_bench.py's graph workload (whose conventions this follows):
gc.collect(); gc.freeze(); gc.collect() first, so the collections see the
benchmark's objects only;
  graph_live     gc.collect() with the graph alive -> ns per node
  graph_garbage  del nodes (not timed: drop_ms=), gc.collect() -> ns per
                 object found (every node has two referrers: nothing dies by
                 reference counting, the collector finds all N)
Timing: time.perf_counter.  Output (the C program's format):
  RESULT workload=graph_live alloc=cpython value=... unit=ns/object checksum=... ...
"""
import gc
import os
import sys
import time


class Node:
    __slots__ = ("a", "b")


def env_count(name, default):
    try:
        n = int(os.environ.get(name, ""))
    except ValueError:
        return default
    return n if n > 0 else default


def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)


def main():
    if len(sys.argv) != 1:
        sys.exit(f"usage: {sys.argv[0]}")
    gc.collect()
    gc.freeze()
    gc.collect()
    n = env_count("BENCH_GRAPH_N", 1_000_000)
    perf_counter = time.perf_counter
    gc.disable()
    b0 = perf_counter()
    nodes = [Node() for _ in range(n)]
    edges = 0
    for i, nd in enumerate(nodes):
        ia = (7 * i + 1) % n
        ib = (13 * i + 5) % n
        nd.a = nodes[ia]
        nd.b = nodes[ib]
        edges += ia * 3 + ib
    b1 = perf_counter()
    rss_built = rss_mb()

    t0 = perf_counter()
    found_live = gc.collect()
    t1 = perf_counter()
    if found_live != 0:
        sys.exit(f"live collection found {found_live} objects")
    print(f"RESULT workload=graph_live alloc=cpython value={(t1 - t0) * 1e9 / n:.4f} "
          f"unit=ns/object checksum={edges} nodes={n} collected=0 "
          f"total_ms={(t1 - t0) * 1e3:.3f} build_ms={(b1 - b0) * 1e3:.3f} "
          f"rss_mb={rss_built:.1f}", flush=True)

    d0 = perf_counter()
    del nodes, nd
    d1 = perf_counter()
    t0 = perf_counter()
    found = gc.collect()
    t1 = perf_counter()
    if found <= 0:
        sys.exit("garbage collection found nothing")
    print(f"RESULT workload=graph_garbage alloc=cpython value={(t1 - t0) * 1e9 / found:.4f} "
          f"unit=ns/object checksum={edges + found} nodes={n} collected={found} "
          f"total_ms={(t1 - t0) * 1e3:.3f} drop_ms={(d1 - d0) * 1e3:.3f} "
          f"rss_after_mb={rss_mb():.1f}", flush=True)


if __name__ == "__main__":
    main()
