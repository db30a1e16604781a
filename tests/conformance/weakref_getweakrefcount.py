# weakref.getweakrefcount, weak refs as dict values, ref equality and hash.
import weakref


class T:
    def __init__(self, v):
        self.v = v


a = T(1)
print(weakref.getweakrefcount(a))
r1 = weakref.ref(a)
r2 = weakref.ref(a, lambda r: None)
r3 = weakref.ref(a, lambda r: None)
print(weakref.getweakrefcount(a))
del r3
print(weakref.getweakrefcount(a))
print(weakref.getweakrefcount(5))
cache = {}
objs = [T(i) for i in range(5)]
for o in objs:
    cache[o.v] = weakref.ref(o)
print(sorted([k for k in cache if cache[k]() is not None]))
del objs[1:3]
print(sorted([k for k in cache if cache[k]() is not None]))
objs.clear()
print(sorted([k for k in cache if cache[k]() is not None]))
b = T(2)
rb = weakref.ref(b)
print(hash(rb) == hash(b), rb == weakref.ref(b))
del b
print(rb() is None, rb == rb)
c = T(3)
print(repr(weakref.ref(c)).startswith("<weakref at "))
