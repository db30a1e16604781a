#!/usr/bin/env python3
"""gc_bench.py — the CPython side of bench/gc_bench.c (section gc of bench/run.sh).

Usage: python3 bench/gc_bench.py WORKLOAD     (one workload per process)

The node: class Node with __slots__ = ('a', 'b') (no __dict__: 16 B GC head +
16 B object head + 2 slots = 48 B, the size of the C node).  The PRNG: the C
program's 64-bit LCG, x = x * 6364136223846793005 + 1442695040888963407
mod 2^64, index = (x >> 33) % bound, seed 42: the same graph, and the same
checksums.

Before anything is built, gc.collect(); gc.freeze(); gc.collect() moves the
interpreter's own objects (modules, functions, ...) to the permanent
generation and resets the collector's counts (long_lived_total = 0, as in a
fresh C heap), so collections see the benchmark's objects only, as in the C
program (the list holding the nodes is the one extra object).

  graph   1M nodes (BENCH_GC_N) created with gc.disable(), held in a list;
          node i gets a = nodes[r % N], b = nodes[r' % N] for i = 0..N-1.
            live     gc.collect() while the graph is alive -> ns per node
            garbage  del nodes (nodes that nothing else references die by
                     reference counting, not timed); gc.collect() timed
                     -> ns per object it found unreachable
  cycles  collector on, thresholds (700, 10, 10): 1M (BENCH_GC_CYCLES) x
          { a = Node(); b = Node(); a.a = b; b.a = a } (rebinding a and b
          drops the previous pair), then del a, b; gc.collect(); the loop and
          the final collection timed -> ns per object (time / 2M)
  pause   collector on, thresholds (700, 10, 10): 3M (BENCH_GC_PAUSE_N) nodes
          appended to a list one by one; node i gets a = nodes[r % (i+1)],
          b = nodes[r' % (i+1)].  A gc.callbacks function times each
          collection from "start" to "stop"; value = the longest -> ms.
          Then a full gc.collect() of the 3M live nodes (full_ms=).

Timing: time.perf_counter.  Output lines have the C program's format:
  RESULT workload=live alloc=cpython value=... unit=ns/object checksum=... ...
"""
import gc
import os
import sys
import time

_HERE = os.path.dirname(os.path.abspath(__file__))
if _HERE not in sys.path:      # bench_util.py, next to this script
    sys.path.insert(0, _HERE)
from bench_util import (Node, env_count, gc_quiesce, graph_collections,  # noqa: E402
                        result, rss_mb)

MASK = (1 << 64) - 1
MUL = 6364136223846793005
INC = 1442695040888963407


def collected_total():
    return sum(s["collected"] for s in gc.get_stats())


def random_graph(n):
    """n nodes; node i gets a = nodes[r % n], b = nodes[r' % n], i = 0..n-1."""
    nodes = [Node() for _ in range(n)]
    x = 42
    edges = 0
    for nd in nodes:
        x = (x * MUL + INC) & MASK
        ia = (x >> 33) % n
        x = (x * MUL + INC) & MASK
        ib = (x >> 33) % n
        nd.a = nodes[ia]
        nd.b = nodes[ib]
        edges += ia * 3 + ib
    return nodes, edges


def w_graph():
    n = env_count("BENCH_GC_N", 1_000_000)
    graph_collections(lambda: random_graph(n), "live", "garbage")


def w_cycles():
    n = env_count("BENCH_GC_CYCLES", 1_000_000)
    perf_counter = time.perf_counter
    gc.set_threshold(700, 10, 10)
    gc.enable()
    stats0 = gc.get_stats()
    c0 = collected_total()
    node = Node
    t0 = perf_counter()
    for _ in range(n):
        a = node()
        b = node()
        a.a = b
        b.a = a
    del a, b
    t1 = perf_counter()
    final = gc.collect()
    t2 = perf_counter()
    collected = collected_total() - c0
    cols = [s["collections"] - s0["collections"] for s, s0 in zip(gc.get_stats(), stats0)]
    if collected != 2 * n:
        sys.exit(f"cycles: collected {collected} of {2 * n}")
    result("cycles", (t2 - t0) * 1e9 / (2 * n), "ns/object", collected,
           f"cycles={n} collected={collected} final={final} loop_ms={(t1 - t0) * 1e3:.3f} "
           f"final_ms={(t2 - t1) * 1e3:.3f} collections={cols[0]},{cols[1]},{cols[2]}")


def w_pause():
    n = env_count("BENCH_GC_PAUSE_N", 3_000_000)
    perf_counter = time.perf_counter
    start = [0.0]
    pmax = [0.0, 0.0, 0.0]
    ptotal = [0.0]
    ncol = [0, 0, 0]

    def on_gc(phase, info):
        if phase == "start":
            start[0] = perf_counter()
        else:
            d = perf_counter() - start[0]
            g = info["generation"]
            ncol[g] += 1
            ptotal[0] += d
            if d > pmax[g]:
                pmax[g] = d

    gc.set_threshold(700, 10, 10)
    gc.enable()
    gc.callbacks.append(on_gc)
    nodes = []
    append = nodes.append
    node = Node
    x = 42
    edges = 0
    t0 = perf_counter()
    for i in range(n):
        nd = node()
        append(nd)
        x = (x * MUL + INC) & MASK
        ia = (x >> 33) % (i + 1)
        x = (x * MUL + INC) & MASK
        ib = (x >> 33) % (i + 1)
        nd.a = nodes[ia]
        nd.b = nodes[ib]
        edges += ia * 3 + ib
    t1 = perf_counter()
    build_ncol = list(ncol)
    build_max = list(pmax)
    build_total = ptotal[0]
    rss_built = rss_mb()
    f0 = perf_counter()
    found = gc.collect()
    f1 = perf_counter()
    gc.callbacks.remove(on_gc)
    if found != 0:
        sys.exit(f"pause: full collection found {found}")
    value = max(build_max)
    result("pause", value * 1e3, "ms", edges,
           f"nodes={n} max_gen={build_max.index(value)} "
           f"max_ms_by_gen={build_max[0] * 1e3:.3f},{build_max[1] * 1e3:.3f},{build_max[2] * 1e3:.3f} "
           f"collections={build_ncol[0]},{build_ncol[1]},{build_ncol[2]} "
           f"build_ms={(t1 - t0) * 1e3:.3f} pause_total_ms={build_total * 1e3:.3f} "
           f"full_ms={(f1 - f0) * 1e3:.3f} rss_mb={rss_built:.1f}")


WORKLOADS = {"graph": w_graph, "cycles": w_cycles, "pause": w_pause}


def main():
    if len(sys.argv) != 2 or sys.argv[1] not in WORKLOADS:
        sys.exit(f"usage: {sys.argv[0]} {'|'.join(WORKLOADS)}")
    gc_quiesce()   # generation 2 now empty: long_lived_total = 0, as in a fresh C heap
    WORKLOADS[sys.argv[1]]()


if __name__ == "__main__":
    main()
