#!/usr/bin/env python3
"""tests/test_seeing.py — the diagnostic options of `reclaim`.

Usage: test_seeing.py BUILD_DIR SOURCE_DIR

BUILD_DIR holds test_plot, reclaim_fake and reclaim.

1. The chart: test_plot writes a made-up timeline; it must parse as XML and
   hold both series, collection markers of every generation, the marks.
2. The command over a stand-in core (reclaim_fake, tests/fake_interp.c,
   whose "scripts" are lines like `alloc N SIZE`, `leak N SIZE`, `cycles N`,
   `mark LABEL`): --plot, --trace-malloc N, --report-leaks and its exit
   statuses, --debug-alloc and RECLAIM_DEBUG=alloc, bad option values.
3. The real interpreter (reclaim): the seeds' experiment plotted (the RSS
   climbs at the big list and falls after del/gc.collect()), the memory
   module's tracing API, --trace-malloc naming script lines, --report-leaks
   on a clean and on a leaking script, --debug-alloc.

Every failure is printed; the exit status is the number of failures (capped).
"""
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

BUILD = os.path.abspath(sys.argv[1])
SOURCE = os.path.abspath(sys.argv[2])
FAKE = os.path.join(BUILD, "reclaim_fake")
RECLAIM = os.path.join(BUILD, "reclaim")
TMP = tempfile.mkdtemp(prefix="reclaim-seeing-")
SVG = "{http://www.w3.org/2000/svg}"
failures = []


def check(ok, what, detail=""):
    if not ok:
        failures.append(what)
        print("FAIL:", what)
        if detail:
            print("   ", str(detail).replace("\n", "\n    ")[:3000])


def run(cmd, env=None, timeout=300):
    """(status, stdout, stderr); status is -SIGNAL when killed by a signal."""
    full_env = dict(os.environ)
    full_env.pop("RECLAIM_DEBUG", None)
    full_env.update(env or {})
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                           cwd=TMP, env=full_env)
    except subprocess.TimeoutExpired:
        return (None, "", "timed out")
    except OSError as e:
        return (None, "", str(e))
    return (p.returncode, p.stdout, p.stderr)


def write(name, text):
    path = os.path.join(TMP, name)
    with open(path, "w") as f:
        f.write(text)
    return name


UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0}


def seconds(number, unit):
    return float(number) * UNITS[unit]


def parse_svg(path, what):
    """The chart's facts: points per series, collections per generation and
    their pauses (from the tooltips), the pause bands (generation, seconds,
    width in px), mark labels (from the tooltips), peak values and the
    longest pause from the subtitle."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as e:
        check(False, what + ": the SVG parses as XML", e)
        return None
    facts = {"series": {}, "gc": [0, 0, 0], "pauses": [], "bands": [], "marks": [], "list": []}
    for el in root.iter():
        cls = el.get("class", "")
        if el.tag == SVG + "polyline" and cls == "series":
            facts["series"][el.get("id")] = len(el.get("points").split())
        m = re.fullmatch(r"gc gen(\d)", cls)
        if m:
            facts["gc"][int(m.group(1))] += 1
            p = re.search(r"pause ([\d.]+) (us|ms|s): ", el.find(SVG + "title").text)
            facts["pauses"].append(seconds(p.group(1), p.group(2)) if p else None)
        m = re.fullmatch(r"gc-pause gen(\d)", cls)
        if m:
            p = re.search(r"for ([\d.]+) (us|ms|s),", el.find(SVG + "title").text)
            facts["bands"].append((int(m.group(1)), seconds(p.group(1), p.group(2)) if p else None,
                                   float(el.get("width"))))
        if cls == "mark":
            title = el.find(SVG + "title").text
            m = re.fullmatch(r"(.*) \(([\d.]+) s, RSS ([\d.]+) MiB, heap ([\d.]+) MiB\)", title, re.S)
            facts["marks"].append((m.group(1), float(m.group(2)), float(m.group(3)),
                                   float(m.group(4))) if m else (title, 0, 0, 0))
        if cls == "mark-label":
            facts["list"].append(el.text)
        if el.get("id") == "subtitle":
            m = re.search(r"peak RSS ([\d.]+) MiB, peak heap ([\d.]+) MiB", el.text)
            facts["peak_rss"], facts["peak_heap"] = float(m.group(1)), float(m.group(2))
            m = re.search(r"longest pause ([\d.]+) (us|ms|s) \(generation (\d)", el.text)
            if m:
                facts["longest"] = (seconds(m.group(1), m.group(2)), int(m.group(3)))
        if el.get("id") in ("xlabel", "ylabel"):
            facts[el.get("id")] = el.text
    check(facts.get("xlabel") == "time since start (s)" and facts.get("ylabel") == "memory (MiB)",
          what + ": labelled axes", facts)
    check(all(p is not None for p in facts["pauses"]), what + ": each collection's tooltip gives its pause",
          facts["pauses"])
    check(all(b[1] is not None for b in facts["bands"]), what + ": each pause band says how long",
          facts["bands"])
    if facts["pauses"] and None not in facts["pauses"]:
        check(facts.get("longest", (None,))[0] == max(facts["pauses"]),
              what + ": the subtitle names the longest pause", (facts.get("longest"), max(facts["pauses"])))
    return facts


# ---- 1. the chart ---------------------------------------------------------------

def test_chart():
    out = os.path.join(TMP, "made_up.svg")
    status, _, err = run([os.path.join(BUILD, "test_plot"), out])
    check(status == 0, "test_plot runs", err)
    f = parse_svg(out, "made-up chart")
    if not f:
        return
    check(f["series"].get("rss", 0) > 100 and f["series"].get("heap", 0) > 100,
          "made-up chart: both series with their samples", f["series"])
    check(all(n > 0 for n in f["gc"]), "made-up chart: collections of each generation", f["gc"])
    check([(b[0], b[1]) for b in f["bands"]] == [(1, 0.003), (2, 0.045)],
          "made-up chart: the pauses a pixel or more long are drawn as bands", f["bands"])
    labels = ["start", "a = list(range(1000*10000))", "del a", "gc.collect()"]
    check([m[0] for m in f["marks"]] == labels, "made-up chart: marks", f["marks"])
    check(f["list"] == ["%d. %s" % (i + 1, l) for i, l in enumerate(labels)],
          "made-up chart: the mark list", f["list"])


# ---- 2. the command over the stand-in core ------------------------------------------

def test_fake_plot():
    name = write("climb.txt", "mark start\nalloc 2000000 32\nmark allocated\ncycles 20000\n"
                 "free\nmark freed\ncollect\nmark collected\n")
    status, _, err = run([FAKE, "--plot", "climb.svg", name])
    check(status == 0 and err == "", "fake --plot: runs quietly", (status, err))
    f = parse_svg(os.path.join(TMP, "climb.svg"), "fake --plot")
    if not f:
        return
    check([m[0] for m in f["marks"]] == ["start", "allocated", "freed", "collected"],
          "fake --plot: the marks", f["marks"])
    check(f["series"].get("heap", 0) >= 10, "fake --plot: ticks added samples", f["series"])
    check(f["gc"][0] > 0 and f["gc"][2] >= 1, "fake --plot: automatic and full collections", f["gc"])
    check(f["peak_heap"] >= 60, "fake --plot: the heap curve reaches 2M x 32 B", f["peak_heap"])
    heap = [m[3] for m in f["marks"]]
    check(heap[1] >= 60 and heap[2] < 5 and heap[0] < 5, "fake --plot: heap climbs and falls", heap)
    status, _, err = run([FAKE, "--plot", "/nonexistent-dir/x.svg", name])
    check(status == 2 and "cannot write '/nonexistent-dir/x.svg'" in err,
          "fake --plot: an unwritable file is refused before running", (status, err))


def test_fake_trace():
    name = write("trace.txt", "alloc 100 48\nleak 10 64\nalloc 5 1000\n")
    status, _, err = run([FAKE, "--trace-malloc", "2", name])
    lines = err.splitlines()
    check(status == 0, "fake --trace-malloc: status 0", (status, err))
    check(len(lines) == 5 and lines[1] == "trace.txt:3: size=5000 B, count=5, average=1000 B"
          and lines[2] == "trace.txt:1: size=4800 B, count=100, average=48 B"
          and lines[3] == "... 1 more sites" and lines[4] == "total: 10440 B in 115 blocks",
          "fake --trace-malloc 2: top sites by script line, totals", err)
    for bad in (["--trace-malloc", "0"], ["--trace-malloc", "x"], ["--trace-malloc=-1"],
                ["--trace-malloc"], ["--plot"]):
        status, _, err = run([FAKE] + bad + ([name] if len(bad) > 1 else []))
        check(status == 2 and "reclaim:" in err, "fake: bad value %r exits 2" % bad, (status, err))
    status, out, _ = run([FAKE, "--help"])
    check(all(o in out for o in ("--plot FILE.svg", "--trace-malloc N", "--report-leaks",
                                  "--debug-alloc")), "--help lists the diagnostic options", out)


def test_fake_leaks():
    cases = [  # script, status, text expected in stderr (None: nothing at all)
        ("alloc 100 48\nfree\n", 0, None),
        ("cycles 3\n", 0, None),
        ("alloc 100 48\nleak 10 64\n", 3, "      10          640  raw block                leak.txt:2"),
        ("disable\ncycles 3\n", 3, "kept alive only by reference cycles that no collection reached:\n"
                                   "       6          240  object 'Pair'            leak.txt:2"),
        ("leak 1 16\nfail\n", 1, "raw block                leak.txt:1"),
    ]
    for code, want_status, want_err in cases:
        write("leak.txt", code)
        status, _, err = run([FAKE, "--report-leaks", "leak.txt"])
        ok = status == want_status and (err == "" if want_err is None else want_err in err)
        check(ok, "fake --report-leaks on %r" % code, (status, err))
        if want_err:
            check("blocks (" in err and "still alive" in err, "fake --report-leaks: the summary line", err)
    status, _, err = run([FAKE, "leak.txt"])
    check(status == 1 and err == "", "without --report-leaks nothing is reported", (status, err))


def test_fake_debug():
    name = write("overrun.txt", "alloc 1 16\n\noverrun\n")
    for args, env in (([FAKE, "--debug-alloc", name], None),
                      ([FAKE, name], {"RECLAIM_DEBUG": "alloc"})):
        status, _, err = run(args, env)
        check(status == -6 and "write past the end of a block" in err
              and "16 bytes, allocated at overrun.txt:3" in err,
              "fake debug allocator (%s): the overrun is reported at its script line" % (env or args[1]),
              (status, err))
    status, _, err = run([FAKE, "--debug-alloc", write("fine.txt", "alloc 1000 40\nfree\n")])
    check(status == 0 and err == "", "fake --debug-alloc: a sound script runs quietly", (status, err))


# ---- 3. the real interpreter ------------------------------------------------------------

MEMORY_API = r'''
import memory
assert memory.is_tracing()
before = memory.take_snapshot()
keep = [str(i) * 3 for i in range(2000)]       # line 5: 2000 strs
after = memory.take_snapshot()
stats = after.statistics()
assert all(type(s) is tuple and len(s) == 3 for s in stats), stats[:3]
assert [s[1] for s in stats] == sorted((s[1] for s in stats), reverse=True)
site, size, count = [s for s in stats if s[0].endswith("api.py:5")][0]
assert count >= 2000 and size >= 2000 * 3, (site, size, count)
assert after.top(2) == stats[:2]
assert after.top(0) == []
total_size, total_count = after.total()
assert total_size == sum(s[1] for s in stats) and total_count == sum(s[2] for s in stats)
diff = after.compare_to(before)
assert all(len(d) == 5 for d in diff)
d5 = [d for d in diff if d[0].endswith("api.py:5")][0]
assert d5[2] == d5[1] and d5[4] == d5[3] and d5[3] >= 2000, d5   # new since `before`
try:
    after.compare_to(3)
    raise SystemExit("compare_to(3) did not raise")
except TypeError:
    pass
try:
    after.top(-1)
    raise SystemExit("top(-1) did not raise")
except ValueError:
    pass
print("memory api ok", repr(after).startswith("<memory.Snapshot:"))
'''

NOT_TRACING = r'''
import memory
assert not memory.is_tracing()
try:
    memory.take_snapshot()
except RuntimeError as e:
    print("RuntimeError", "--trace-malloc" in str(e))
'''

LEAKY = r'''
import gc
gc.disable()
class Node:
    pass
a = Node()
a.me = a          # the Node made on line 6 is now kept alive only by this cycle
del a
'''

CLEAN = r'''
import gc
class Node:
    pass
a = Node()
a.me = a
nodes = [Node() for i in range(100)]
d = {i: str(i) for i in range(100)}
del a
'''

# Cycles built up, then one full collection that frees them all: the longest
# pause of the run, a good part of it, drawn as a band.
LONG_PAUSE = r'''
import gc
gc.disable()
class Node:
    pass
nodes = []
for i in range(300000):
    n = Node()
    n.me = n
    nodes.append(n)
del nodes, n
print(gc.collect())
'''

# Collection off, and no leak: the script's classes, functions and the
# instances its namespace still holds are not leaks (they were reachable).
CLEAN_NO_GC = r'''
import gc
gc.disable()
class Base:
    def hello(self):
        return 'hi'
class Node(Base):
    def __init__(self, other=None):
        self.other = other
def make(n):
    return [Node() for i in range(n)]
keep = make(10)
keep.append(Node(keep[0]))
def __del_check():
    pass
'''

# Collection off: an instance held by a class attribute (reachable) dies at
# teardown with its class intact and its __del__ run, as under CPython.
DEL_AT_EXIT_NO_GC = r'''
import gc
gc.disable()
class A:
    def __del__(self):
        print("A.__del__", type(self).__name__, len(A.__mro__))
class B:
    pass
B.a = A()
'''


def test_real():
    status, _, err = run([RECLAIM, "-c", "pass"])
    if status != 0:
        check(False, "reclaim -c pass runs (the interpreter core is needed for part 3)", (status, err))
        return
    # the seeds' experiment, plotted
    status, out, err = run([RECLAIM, "--plot", "memory.svg", os.path.join(SOURCE, "examples",
                                                                           "seed_release.py")])
    check(status == 0, "--plot examples/seed_release.py", (status, err))
    f = parse_svg(os.path.join(TMP, "memory.svg"), "seed_release plot")
    if f:
        labels = [m[0] for m in f["marks"]]
        check(labels == ["start", "a = list(range(1000*10000))", "del a", "time.sleep(0.3)",
                         "gc.collect()"],
              "seed_release plot: the five steps are marked", labels)
        if len(f["marks"]) == 5:
            rss = [m[2] for m in f["marks"]]
            check(rss[1] > rss[0] + 200 and rss[2] < rss[1] - 200 and rss[4] < rss[1] - 200,
                  "seed_release plot: RSS climbs at the list and falls at del a", rss)
        check(f["series"]["rss"] >= 4 and f["gc"][2] >= 1,
              "seed_release plot: samples and the gc.collect()", f)
    # a long pause is visible as a band as long as the pause
    write("long_pause.py", LONG_PAUSE)
    status, out, err = run([RECLAIM, "--plot", "long_pause.svg", "long_pause.py"])
    check(status == 0 and out == "300000\n", "--plot long_pause.py", (status, out, err))
    f = parse_svg(os.path.join(TMP, "long_pause.svg"), "long pause plot")
    if f and status == 0:
        gen2 = [b for b in f["bands"] if b[0] == 2]
        check(f.get("longest", (0, -1))[1] == 2 and len(gen2) == 1 and gen2[0][1] == f["longest"][0]
              and gen2[0][2] >= 1, "long pause plot: the full collection's pause is a band", f)
    # tracing
    write("api.py", MEMORY_API)
    status, out, err = run([RECLAIM, "--trace-malloc", "3", "api.py"])
    check(status == 0 and out == "memory api ok True\n", "memory tracing API", (status, out, err))
    check("api.py:5: size=" in err and err.count("\n") >= 3,
          "--trace-malloc 3 names the script's line", err)
    status, out, err = run([RECLAIM, "-c", NOT_TRACING])
    check(status == 0 and out == "RuntimeError True\n", "memory API without tracing", (status, out, err))
    # leaks
    write("clean.py", CLEAN)
    status, out, err = run([RECLAIM, "--report-leaks", "clean.py"])
    check(status == 0 and err == "", "--report-leaks: a script that leaks nothing", (status, err))
    status, out, err = run([RECLAIM, "--report-leaks", "-c", "pass"])
    check(status == 0 and err == "", "--report-leaks -c pass reports nothing", (status, err))
    write("clean_no_gc.py", CLEAN_NO_GC)
    status, out, err = run([RECLAIM, "--report-leaks", "clean_no_gc.py"])
    check(status == 0 and err == "", "--report-leaks, gc disabled: classes and reachable objects are no leak",
          (status, err))
    write("del_at_exit.py", DEL_AT_EXIT_NO_GC)
    status, out, err = run([RECLAIM, "--report-leaks", "del_at_exit.py"])
    check(status == 0 and out == "A.__del__ A 2\n" and err == "",
          "--report-leaks, gc disabled: reachable instances finalized with their class intact", (status, out, err))
    write("cycle.py", "class N:\n    pass\na = N()\na.me = a\ndel a\n")
    status, out, err = run([RECLAIM, "--report-leaks", "--gc-threshold", "0", "cycle.py"])
    check(status == 3 and "cycle.py:3" in err, "--report-leaks, --gc-threshold 0: the lost cycle is listed", (status, err))
    status, out, err = run([RECLAIM, "--report-leaks", "cycle.py"])
    check(status == 0 and err == "", "--report-leaks, collector on: the teardown collects the cycle", (status, err))
    write("leaky.py", LEAKY)
    status, out, err = run([RECLAIM, "--report-leaks", "leaky.py"])
    check(status == 3 and "kept alive only by reference cycles" in err and "leaky.py:6" in err,
          "--report-leaks: a cycle left with gc disabled is listed, exit 3", (status, err))
    # debug allocator: the seeds' programs run unchanged under it
    status, out, err = run([RECLAIM, "--debug-alloc", "clean.py"])
    check(status == 0 and err == "", "--debug-alloc: a sound script runs quietly", (status, err))


def main():
    for test in (test_chart, test_fake_plot, test_fake_trace, test_fake_leaks, test_fake_debug,
                 test_real):
        test()
    print("test_seeing: %d failures" % len(failures))
    return min(len(failures), 100)


if __name__ == "__main__":
    sys.exit(main())
