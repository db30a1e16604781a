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
import os
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))
if _HERE not in sys.path:      # bench_util.py, next to this script
    sys.path.insert(0, _HERE)
from bench_util import Node, env_count, gc_quiesce, graph_collections  # noqa: E402


def hostile_graph(n):
    """n nodes; node i gets a = nodes[(7i + 1) % n], b = nodes[(13i + 5) % n]."""
    nodes = [Node() for _ in range(n)]
    edges = 0
    for i, nd in enumerate(nodes):
        ia = (7 * i + 1) % n
        ib = (13 * i + 5) % n
        nd.a = nodes[ia]
        nd.b = nodes[ib]
        edges += ia * 3 + ib
    return nodes, edges


def main():
    if len(sys.argv) != 1:
        sys.exit(f"usage: {sys.argv[0]}")
    gc_quiesce()
    n = env_count("BENCH_GRAPH_N", 1_000_000)
    graph_collections(lambda: hostile_graph(n), "graph_live", "graph_garbage", build_ms=True)


if __name__ == "__main__":
    main()
