# bench/release/scenario.py — one scenario of the release benchmark
# (bench/release_section.sh): the process's RSS at each step of building a
# structure, dropping it, idling and collecting.
#
#   python3 bench/release/scenario.py NAME     NAME: ints dict inst floats sparse
#
#   ints    a = list(range(1000*10000))            (the seeds' experiment)
#   dict    a = {"key%d" % i: i for i in range(1000000)}
#   inst    a = [P(i) for i in range(1000000)]     (two attributes each)
#   floats  a = [i * 0.5 for i in range(1000000)]
#   sparse  a = 2M bytes objects of 1..463 bytes, of which a random 1 in
#           1000 are also held by another list, k, that outlives `del a`
#
# then `del a`, 300 ms of idle time (time.sleep(0.3)), gc.collect().  Runs
# unchanged under the reclaim interpreter and python3 and prints the same
# lines but for the numbers:
#   RESULT workload=NAME.<step> value=<RSS MiB> unit=MiB ...
# for step in start, built, del, idle, collect.  RSS comes from
# /proc/self/statm: read with open() where there is one (CPython), through
# memory.rss() where there is not (reclaim, whose memory module reads the
# same file).  Each step reads the RSS first; between the `del` step's read
# and the idle step's read only time.sleep(0.3) runs (and a clock read).
import gc
import sys
import time

try:
    open
except NameError:
    import memory
    rss = memory.rss
else:
    import os
    PAGE = os.sysconf("SC_PAGE_SIZE")

    def rss():
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * PAGE


class P:
    def __init__(self, i):
        self.x = i
        self.y = i


def build_sparse(count):
    a = []
    k = []
    x = 12345
    for i in range(count):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        b = bytes(1 + (x >> 8) % 463)
        a.append(b)
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        if (x >> 8) % 1000 == 0:
            k.append(b)
    return a, k


def build(name):
    """The structure, and what outlives it (the sparse survivors)."""
    if name == "ints":
        return list(range(1000 * 10000)), []
    if name == "dict":
        return {"key%d" % i: i for i in range(1000000)}, []
    if name == "inst":
        return [P(i) for i in range(1000000)], []
    if name == "floats":
        return [i * 0.5 for i in range(1000000)], []
    if name == "sparse":
        return build_sparse(2000000)
    raise SystemExit("usage: scenario.py ints|dict|inst|floats|sparse")


name = sys.argv[1] if len(sys.argv) > 1 else ""
P(0)   # the class's first instance (its attribute layout) before the start step
STEPS = ["start", "built", "del", "idle", "collect"]
r = [0, 0, 0, 0, 0]
t = [0.0, 0.0, 0.0, 0.0, 0.0]
clock = time.perf_counter

r[0] = rss()
t[0] = clock()
a, k = build(name)
r[1] = rss()
t[1] = clock()
n = len(a) * 1000 + len(k)
del a
r[2] = rss()
t[2] = clock()
time.sleep(0.3)
r[3] = rss()
t[3] = clock()
gc.collect()
r[4] = rss()
t[4] = clock()

for i in range(5):
    extra = ""
    if i == 1:
        extra = " build_ms=%.1f checksum=%d" % ((t[1] - t[0]) * 1000.0, n)
    elif i == 2:
        extra = " del_ms=%.1f" % ((t[2] - t[1]) * 1000.0)
    elif i == 4:
        extra = " release_ms=%.1f" % ((t[4] - t[3]) * 1000.0)
    print("RESULT workload=%s.%s value=%.2f unit=MiB%s" % (name, STEPS[i], r[i] / 1048576.0, extra))
