"""bench_util.py — what the CPython sides of the benchmarks share
(bench/gc_bench.py, bench/gcgraph.py, bench/objects_bench.py): the node
class, counts from the environment, RSS, the RESULT line, the collector set
aside before a measurement, and the two full collections of a graph
workload.

Imported, not run: each script puts its own directory (bench/) on
sys.path, so `python3 bench/X.py` works from any directory.
"""
import gc
import os
import sys
import time

ALLOC = "cpython"


class Node:
    """Two references, no __dict__: 16 B GC head + 16 B object head + 2 slots
    = 48 B, the size of the C programs' node (bench/bench_common.h)."""
    __slots__ = ("a", "b")


def env_count(name, default):
    """The positive integer in environment variable NAME, else DEFAULT."""
    try:
        n = int(os.environ.get(name, ""))
    except ValueError:
        return default
    return n if n > 0 else default


def rss_mb():
    """The process's resident set size now [MiB] (/proc/self/statm)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)


def result(workload, value, unit, checksum, extra):
    """One RESULT line, in the C programs' format, flushed."""
    print(f"RESULT workload={workload} alloc={ALLOC} value={value:.4f} unit={unit} "
          f"checksum={checksum} {extra}", flush=True)


def gc_quiesce():
    """gc.collect(); gc.freeze(); gc.collect(): the interpreter's own objects
    (modules, functions, ...) go to the permanent generation and the
    collector's counts restart (generation 2 empty: long_lived_total = 0, as
    in a fresh C heap), so that collections see the benchmark's objects only."""
    gc.collect()
    gc.freeze()
    gc.collect()


def graph_collections(build, live, garbage, build_ms=False):
    """A graph workload's two measurements, as the C programs make them.
    With automatic collection off, build() -> (nodes, edges) makes the graph
    (a list of N nodes, the only reference to it, and the edges' checksum);
    then
      LIVE     gc.collect() with the graph alive -> ns per node
      GARBAGE  the list dropped (nodes that nothing else references die by
               reference counting; not timed: drop_ms=), gc.collect()
               -> ns per object it found unreachable
    two RESULT lines with those workload names; build_ms: also the build's
    time on the first (build_ms=)."""
    perf_counter = time.perf_counter
    gc.disable()
    b0 = perf_counter()
    nodes, edges = build()
    b1 = perf_counter()
    n = len(nodes)
    rss_built = rss_mb()

    t0 = perf_counter()
    found_live = gc.collect()
    t1 = perf_counter()
    if found_live != 0:
        sys.exit(f"live collection found {found_live} objects")
    built = f" build_ms={(b1 - b0) * 1e3:.3f}" if build_ms else ""
    result(live, (t1 - t0) * 1e9 / n, "ns/object", edges,
           f"nodes={n} collected=0 total_ms={(t1 - t0) * 1e3:.3f}{built} rss_mb={rss_built:.1f}")

    d0 = perf_counter()
    del nodes
    d1 = perf_counter()
    t0 = perf_counter()
    found = gc.collect()
    t1 = perf_counter()
    if found <= 0:
        sys.exit("garbage collection found nothing")
    result(garbage, (t1 - t0) * 1e9 / found, "ns/object", edges + found,
           f"nodes={n} collected={found} total_ms={(t1 - t0) * 1e3:.3f} "
           f"drop_ms={(d1 - d0) * 1e3:.3f} rss_after_mb={rss_mb():.1f}")
