# sys.getrefcount of objects bound to module-level names: the count plus one
# for getrefcount's own argument.
import sys

a = []
print("list, one name:", sys.getrefcount(a))
b = a
print("list, two names:", sys.getrefcount(a))
c = d = a
print("chained assignment:", sys.getrefcount(a))
del c
print("after del c:", sys.getrefcount(a))
del d, b
print("after del d, b:", sys.getrefcount(a))

x = {}
print("dict:", sys.getrefcount(x))
s = set()
print("set:", sys.getrefcount(s))
t = tuple([1, 2, 3])
print("tuple:", sys.getrefcount(t))


class Thing:
    pass


o = Thing()
print("instance:", sys.getrefcount(o))


def func():
    pass


print("function:", sys.getrefcount(func))
print("temporary list:", sys.getrefcount([]))
print("temporary instance:", sys.getrefcount(Thing()))
print("temporary dict:", sys.getrefcount({"k": 1}))
a = a
print("self-assignment:", sys.getrefcount(a))
