# Weak reference callbacks run when the referent dies, newest first, and
# receive the (now dead) reference.
import weakref


class Target:
    def __init__(self, name):
        self.name = name


log = []


def make_cb(label):
    def cb(ref):
        log.append((label, ref() is None))
    return cb


t = Target("t")
r1 = weakref.ref(t, make_cb("first"))
r2 = weakref.ref(t, make_cb("second"))
r3 = weakref.ref(t, make_cb("third"))
print("before:", log)
del t
print("after:", log)

seen = []
t = Target("u")


def remember(ref):
    seen.append(ref)


keep = weakref.ref(t, remember)
del t
print("callback got its own ref:", seen[0] is keep)

log.clear()
t = Target("v")
dropped = weakref.ref(t, make_cb("dropped"))
del dropped
del t
print("a ref that died first never calls back:", log)


def failing(ref):
    raise RuntimeError("callback error")


t = Target("w")
bad = weakref.ref(t, failing)
del t
print("an exception in a callback is ignored")
