# weakref.ref: dereferencing, death, identity of callback-less refs, counts.
import sys
import weakref


class Target:
    pass


t = Target()
r = weakref.ref(t)
print("alive:", r() is t)
print("weak refs do not count:", sys.getrefcount(t))
print("getweakrefcount:", weakref.getweakrefcount(t))
r2 = weakref.ref(t)
print("callback-less refs are shared:", r is r2)
r3 = weakref.ref(t, lambda ref: None)
print("a ref with a callback is new:", r3 is r, weakref.getweakrefcount(t))
print("refs compare equal while alive:", r == r3)
del t
print("dead:", r(), r3())
print("refcount of a dead referent is gone:", r() is None)
for bad in (1, "str", [1], (1,), {}, None):
    try:
        weakref.ref(bad)
    except TypeError as e:
        print(type(e).__name__, e)


def func():
    pass


fr = weakref.ref(func)
print("functions can be weakly referenced:", fr() is func)
del func
print("function gone:", fr())


class Slotted:
    __slots__ = ("a",)


try:
    weakref.ref(Slotted())
except TypeError as e:
    print(type(e).__name__, e)


class WithWeakSlot:
    __slots__ = ("a", "__weakref__")


w = WithWeakSlot()
print("slot __weakref__ allows it:", weakref.ref(w)() is w)
