#!/usr/bin/env python3
"""tests/fuzz/gen_programs.py — grammar-aware fuzzing of the reclaim command.

Writes random, syntactically valid programs of the interpreter's Python
subset, aimed at the memory system's corners (cycles, __del__ that raises or
resurrects, weakref callbacks that mutate, gc.collect inside __del__, del of
globals inside finalizers, exceptions inside __eq__/__hash__ during dict ops,
sort keys that mutate the list, recursion to the limit, deep nesting, huge
literals, odd unicode), runs each under RECLAIM (an ASan/UBSan build) with a
timeout and a memory limit, and keeps every program that crashes, hangs
(times out where CPython does not), leaks or draws a sanitizer report.

    tests/fuzz/gen_programs.py --reclaim build-asan/reclaim --count 500 --out /tmp/found

A script ending in an uncaught exception is fine (exit status 1); anything
else but 0 and 1, a timeout, or "Sanitizer"/"runtime error" on stderr is a
finding.  Invariants: deterministic for a given --seed; programs only use
the subset (no sleep, no I/O).
"""
import argparse
import os
import random
import re
import subprocess
import sys
import warnings

NAMES = ["a", "b", "c", "d", "x", "y", "z"]


# Scenarios: small programs that are meaningful, not just valid, each aimed
# at one corner of the memory system; program() mixes them with random code.
SCENARIOS = [
    # __del__ that resurrects, then the resurrected object dies again
    """class R:
    def __del__(self):
        keep.append(self)
r = R(); r.me = r
del r
gc.collect(); keep.clear(); gc.collect()
""",
    # __del__ that raises and collects
    """class E:
    def __del__(self):
        gc.collect()
        raise ValueError("in del")
e = E(); e.me = e; del e
gc.collect()
""",
    # del of globals inside a finalizer
    """victim = [1, 2]
class G:
    def __del__(self):
        global victim
        del victim
g = G(); g.me = g; del g
gc.collect()
""",
    # weakref callbacks that mutate what holds them
    """refs = []
class W: pass
def cb(r):
    refs.clear()
    refs.append(W())
    gc.collect()
for _ in range(N):
    w = W(); w.me = w
    refs.append(weakref.ref(w, cb))
    del w
gc.collect()
""",
    # __eq__ / __hash__ raising or mutating the dict during lookups
    """dd = {}
class H:
    def __init__(self, v): self.v = v
    def __hash__(self): return self.v % 3
    def __eq__(self, o):
        if self.v % 4 == 0: raise KeyError(self.v)
        dd.clear()
        return False
for i in range(N):
    try:
        dd[H(i)] = i
        H(i) in dd
        dd.pop(H(i + 1), None)
    except KeyError:
        pass
""",
    # sorting with a key that mutates the list
    """ls = list(range(N))
def key(v):
    ls.append(v)
    if len(ls) > 3 * N: ls.clear()
    return -v
try:
    ls.sort(key=key)
except ValueError:
    pass
""",
    # comparisons that raise during sort
    """class C:
    def __init__(self, v): self.v = v
    def __lt__(self, o):
        if self.v == 3: raise TypeError("no")
        return self.v < o.v
try:
    sorted([C(i) for i in range(N)])
except TypeError:
    pass
""",
    # recursion to the limit, inside __repr__ and __del__ as well
    """def deep(n): return deep(n + 1)
class D:
    def __repr__(self): return deep(0)
    def __del__(self): deep(0)
try:
    repr([D()])
except RecursionError:
    pass
""",
    # deep nesting of containers and a cycle through them
    """n = []
for _ in range(N * 100):
    n = [n, {1: n}]
n[0].append(n)
try:
    repr(n)
except RecursionError:
    pass
del n
gc.collect()
""",
    # finalizers of a cycle of many objects
    """class F:
    def __del__(self):
        self.other.other = None
objs = [F() for _ in range(N)]
for i, o in enumerate(objs): o.other = objs[i - 1]
del objs, o
gc.collect()
""",
    # weakref.finalize and gc.callbacks that run script code
    """def on_gc(phase, info):
    keep.append(phase)
gc.callbacks.append(on_gc)
class P: pass
p = P(); p.me = p
weakref.finalize(p, keep.append, 1)
del p
gc.collect()
gc.callbacks.remove(on_gc)
""",
    # generators: suspended in try/finally and dropped, in cycles through
    # their own frames, closed from their finally, thrown into, delegating
    """def g(n):
    try:
        for i in range(n):
            got = yield i
            if got: raise ValueError(got)
    finally:
        gc.collect()
        [x for x in (j for j in range(3))]
keep = []
for i in range(N):
    it = g(i + 2)
    next(it)
    if i % 3 == 0: it.send(None)
    if i % 3 == 1:
        try: it.throw(KeyError(i))
        except KeyError: pass
    if i % 4 == 0: keep.append(it)
    me = g(3); next(me); keep.append((me, keep))
def d():
    r = yield from g(2)
    yield r
for v in d(): pass
del keep
gc.collect()
print(sum(x for x in range(N) if x % 2), list(zip(g(3), (y * y for y in range(5)))))
""",
    # with/try/finally unwinding through generators of exceptions
    """class M:
    def __enter__(self): return self
    def __exit__(self, *a):
        gc.collect()
        return True
for i in range(N):
    with M():
        try:
            raise KeyError(i)
        finally:
            [x for x in range(i)]
""",
]


class Gen:
    def __init__(self, rng):
        self.r = rng
        self.depth = 0

    def name(self):
        return self.r.choice(NAMES)

    def literal(self):
        r = self.r
        return r.choice([
            lambda: str(r.choice([0, 1, -1, 7, 255, 256, 2**31, 2**62, -2**63, 10**18])),
            lambda: repr(r.choice([0.5, -0.0, 1e308, 1e-320, float("inf")])).replace("inf", "1e999"),
            lambda: repr(r.choice(["", "é", "日本", "\U0001F600", "a\\nb", "x" * 50, "\x00", "\udcff"[:0]])),
            lambda: repr(r.choice([b"", b"\xff\x00", b"abc"])),
            lambda: r.choice(["None", "True", "False", "...", "()"]),
            lambda: "[" + ", ".join(self.expr() for _ in range(r.randint(0, 3))) + "]",
            lambda: "{" + ", ".join(f"{self.atom()}: {self.expr()}" for _ in range(r.randint(0, 3))) + "}",
            lambda: "(" + "".join(self.expr() + ", " for _ in range(r.randint(1, 3))) + ")",
            lambda: "{" + ", ".join(self.atom() for _ in range(r.randint(1, 3))) + "}",
            lambda: f"range({r.choice([0, 3, 1000, -5])})",
        ])()

    def atom(self):
        return self.r.choice([self.name, self.literal, lambda: str(self.r.randint(-3, 9))])()

    def expr(self):
        self.depth += 1
        try:
            if self.depth > 4:
                return self.atom()
            r = self.r
            e, f = self.atom, self.expr
            return r.choice([
                e, e, e,
                lambda: f"({f()} {r.choice(['+', '-', '*', '//', '%', '**', '<<', '&', '|', '==', '<', 'in', 'is', 'and', 'or'])} {f()})",
                lambda: f"{self.name()}[{f()}]",
                lambda: f"{self.name()}[{f()}:{f()}:{r.choice(['1', '-1', '2'])}]",
                lambda: f"{r.choice(['len', 'repr', 'str', 'hash', 'list', 'tuple', 'set', 'sorted', 'sum', 'min', 'max', 'bool', 'id', 'type', 'reversed', 'iter'])}({f()})",
                lambda: f"[{f()} for {self.name()} in {f()} if {f()}]",
                lambda: f"{{{f()}: {f()} for {self.name()} in {f()}}}",
                lambda: f"(lambda {self.name()}: {f()})({f()})",
                lambda: f"({f()} if {f()} else {f()})",
                lambda: f"f'{{{self.name()}}}x{{{self.name()}!r:>{r.randint(0, 30)}}}'",
                lambda: f"'%s %r' % ({f()}, {f()})",
                lambda: f"{self.name()}.{r.choice(['append', 'pop', 'sort', 'copy', 'keys', 'items', 'get', 'split', 'join', 'upper', 'count', 'index', 'insert', 'remove', 'clear', 'update', 'add', 'discard'])}({f()})",
                lambda: f"gc.collect()",
                lambda: f"weakref.ref({f()}, {self.name()})",
                lambda: f"not {f()}",
                lambda: f"-{f()}",
            ])()
        finally:
            self.depth -= 1

    def block(self, ind, n=None):
        n = n or self.r.randint(1, 3)
        return "".join(self.stmt(ind) for _ in range(n))

    def stmt(self, ind):
        pad = "    " * ind
        r = self.r
        if ind > 5:
            return f"{pad}{self.name()} = {self.expr()}\n"
        e, n = self.expr, self.name
        choices = [
            lambda: f"{pad}{n()} = {e()}\n",
            lambda: f"{pad}{n()}, {n()} = {e()}, {e()}\n",
            lambda: f"{pad}{n()} {r.choice(['+=', '*=', '-=', '|='])} {e()}\n",
            lambda: f"{pad}{n()}[{e()}] = {e()}\n",
            lambda: f"{pad}del {n()}\n",
            lambda: f"{pad}del {n()}[{e()}]\n",
            lambda: f"{pad}print({e()})\n",
            lambda: f"{pad}{e()}\n",
            lambda: f"{pad}if {e()}:\n{self.block(ind + 1)}{pad}else:\n{self.block(ind + 1)}",
            lambda: f"{pad}for {n()} in {e()}:\n{self.block(ind + 1)}",
            lambda: f"{pad}while {e()}:\n{self.block(ind + 1)}{pad}    break\n",
            lambda: f"{pad}try:\n{self.block(ind + 1)}{pad}except {r.choice(['Exception', 'KeyError', 'TypeError', 'BaseException'])} as {n()}:\n{self.block(ind + 1)}{pad}finally:\n{self.block(ind + 1)}",
            lambda: f"{pad}def {n()}({n()}=None, *args):\n{self.block(ind + 1)}{pad}    return {e()}\n",
            lambda: f"{pad}class {n().upper()}:\n{self.class_body(ind + 1)}",
            lambda: f"{pad}with {n().upper()}() as {n()}:\n{self.block(ind + 1)}",
            lambda: f"{pad}raise {r.choice(['ValueError', 'KeyError', 'RuntimeError'])}({e()})\n",
            lambda: f"{pad}assert {e()}\n",
            lambda: f"{pad}gc.collect()\n",
            lambda: f"{pad}{n()}.sort(key=lambda v: ({n()}.append(v), v)[1])\n",
            lambda: f"{pad}{n()} = {{K(): 1 for _ in range(3)}}\n",
        ]
        return r.choice(choices)()

    def class_body(self, ind):
        pad = "    " * ind
        r = self.r
        methods = [
            f"{pad}def __del__(self):\n{self.block(ind + 1)}",
            f"{pad}def __del__(self):\n{pad}    keep.append(self)\n",
            f"{pad}def __del__(self):\n{pad}    gc.collect()\n{pad}    raise ValueError('del')\n",
            f"{pad}def __eq__(self, other):\n{self.block(ind + 1)}{pad}    return {self.expr()}\n",
            f"{pad}def __hash__(self):\n{self.block(ind + 1)}{pad}    return {r.choice(['1', 'id(self)', 'hash(self.__dict__)', '-1'])}\n",
            f"{pad}def __repr__(self):\n{pad}    return repr({self.expr()})\n",
            f"{pad}def __enter__(self):\n{pad}    return self\n",
            f"{pad}def __exit__(self, *a):\n{self.block(ind + 1)}{pad}    return {self.expr()}\n",
            f"{pad}def __init__(self):\n{pad}    self.me = self\n{pad}    self.w = weakref.ref(self, lambda r: {self.expr()})\n",
            f"{pad}x = {self.expr()}\n",
        ]
        return "".join(r.sample(methods, r.randint(1, 4)))

    def program(self):
        r = self.r
        head = ("import gc, weakref, sys\nkeep = []\n"
                + "".join(f"{n} = {self.literal()}\n" for n in NAMES)
                + "class K:\n    def __hash__(self):\n        raise KeyError(1)\n"
                "    def __eq__(self, o):\n        d.clear()\n        return True\n")
        # each top-level statement under try, so that one error does not end it
        body = "".join(f"try:\n{self.stmt(1)}except Exception:\n    pass\n"
                       for _ in range(r.randint(3, 12)))
        scenarios = "".join(
            "try:\n" + "".join("    " + ln + "\n" for ln in re.sub(r"\bN\b", str(r.choice([3, 50, 1000])), sc).splitlines())
            + "except Exception:\n    pass\n"
            for sc in r.sample(SCENARIOS, r.randint(1, 5)))
        body = scenarios + body
        tail = r.choice([
            "",
            "def rec(n):\n    return rec(n + 1)\nrec(0)\n",
            f"deep = []\nfor _ in range({r.choice([1000, 100000])}):\n    deep = [deep]\nrepr(deep)\ndeep == [deep]\n",
            "t = ()\nfor _ in range(100000):\n    t = (t,)\nhash(t)\n",
            f"e = {'(' * 150}1{')' * 150}\n",
            "sys.setrecursionlimit(50)\n",
        ])
        return head + body + tail


def compiles(src):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(src, "prog.py", "exec")
        return True
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False


def slow_in_cpython(path, timeout):
    """Does CPython take as long?  Then the program, not reclaim, is slow."""
    try:
        subprocess.run([sys.executable, path], capture_output=True, timeout=timeout)
        return False
    except subprocess.TimeoutExpired:
        return True


def run_one(reclaim, path, timeout):
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=1", UBSAN_OPTIONS="print_stacktrace=1")
    try:
        p = subprocess.run([reclaim, "--memory-limit", "32M", path], capture_output=True,
                           timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return None if slow_in_cpython(path, timeout) else "timeout"
    err = p.stderr.decode("utf-8", "replace")
    if "Sanitizer" in err or "runtime error" in err:
        return "sanitizer"
    if p.returncode not in (0, 1):
        return f"status {p.returncode}"
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reclaim", required=True)
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=20)
    ap.add_argument("--out", default="/tmp/reclaim-gen")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    found = 0
    for i in range(args.count):
        rng = random.Random(args.seed * 1000003 + i)
        src = Gen(rng).program()
        while not compiles(src):            # keep to what CPython accepts
            src = Gen(rng).program()
        path = os.path.join(args.out, f"prog_{args.seed}_{i}.py")
        with open(path, "w") as f:
            f.write(src)
        verdict = run_one(args.reclaim, path, args.timeout)
        if verdict:
            found += 1
            print(f"{path}: {verdict}", flush=True)
        else:
            os.unlink(path)
    print(f"{args.count} programs, {found} findings", flush=True)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
