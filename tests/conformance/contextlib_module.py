# contextlib: @contextmanager (enter, exit, exceptions thrown in at the
# yield, suppression, misbehaving generators, as a decorator), suppress,
# closing, nullcontext, redirect_stdout, ExitStack, chdir.
import contextlib
import gc
import os
import sys
from contextlib import contextmanager, suppress, closing, nullcontext, ExitStack, redirect_stdout

log = []

@contextmanager
def tag(name):
    """Wrap in <name>."""
    log.append("<" + name + ">")
    try:
        yield name.upper()
    finally:
        log.append("</" + name + ">")

with tag("b") as t:
    log.append(t)
print(log, tag.__name__, tag.__doc__)

log.clear()
try:
    with tag("i"):
        raise ValueError("inside")
except ValueError as e:
    print("caught", e, log)

@contextmanager
def swallow():
    try:
        yield
    except KeyError as e:
        print("swallowed", repr(e))

with swallow():
    raise KeyError("k")
print("after swallow")

@contextmanager
def no_yield():
    if False:
        yield

@contextmanager
def two_yields():
    yield 1
    yield 2

@contextmanager
def yields_after_throw():
    try:
        yield
    except Exception:
        yield

for cm in (no_yield, two_yields):
    try:
        with cm():
            pass
    except RuntimeError as e:
        print("RuntimeError", e)
try:
    with yields_after_throw():
        raise ValueError
except RuntimeError as e:
    print("RuntimeError", e)

@contextmanager
def reraise_other():
    try:
        yield
    except ValueError:
        raise TypeError("converted")

try:
    with reraise_other():
        raise ValueError("v")
except TypeError as e:
    print("TypeError", e, type(e.__context__).__name__)

@tag("deco")
def decorated(x):
    log.append(x)
    return x * 2

log.clear()
print(decorated(21), decorated(1), log)

with suppress(ZeroDivisionError, KeyError):
    1 / 0
print("suppressed")
try:
    with suppress(KeyError):
        [][1]
except IndexError as e:
    print("not suppressed:", e)

class Thing:
    def close(self):
        print("closed")

with closing(Thing()) as th:
    print(type(th).__name__)
with nullcontext(5) as v:
    print("null", v)
with nullcontext() as v:
    print("null", v)

class Buffer:
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)
        return len(s)
    def flush(self):
        pass

buf = Buffer()
with redirect_stdout(buf):
    print("hidden", 1, 2)
print("captured", buf.parts, sys.stdout is sys.__stdout__ if hasattr(sys, "__stdout__") else True)

with ExitStack() as stack:
    for name in ("x", "y", "z"):
        print(stack.enter_context(tag(name)))
    stack.callback(print, "callback", "ran")
    stack.push(lambda *exc: print("pushed exit", exc[0]))
print(log[-6:])

def failing_exit(*exc):
    raise KeyError("from exit")

try:
    with ExitStack() as stack:
        stack.push(failing_exit)
        stack.push(lambda *exc: print("first to run sees", exc[0].__name__))
        raise ValueError("body")
except KeyError as e:
    print("KeyError", e, type(e.__context__).__name__)

with ExitStack() as stack:
    stack.push(lambda *exc: True)
    raise ValueError("suppressed by the stack")
print("stack suppressed")

stack = ExitStack()
stack.callback(print, "moved")
moved = stack.pop_all()
stack.close()
print("closing the moved stack:")
moved.close()

try:
    with ExitStack() as stack:
        stack.enter_context(42)
except TypeError as e:
    print("TypeError", e)

start = os.getcwd()
with contextlib.chdir("/"):
    print(os.getcwd())
print(os.getcwd() == start)

# a context manager object in a cycle is collected
class Holder:
    pass
h = Holder()
h.cm = tag("cycle")
h.cm.owner = h
del h
print(gc.collect() > 0)
