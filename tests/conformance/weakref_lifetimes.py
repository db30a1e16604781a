# How long weakly referenced objects live: temporaries die at once, bound
# methods are temporaries, classes and functions live while named.
import gc
import weakref


class Obj:
    def method(self):
        return 1


r = weakref.ref(Obj())
print("temporary instance is already dead:", r() is None)
o = Obj()
m = weakref.ref(o.method)
print("a bound method is a temporary too:", m() is None)
bm = o.method
m = weakref.ref(bm)
print("unless it is kept:", m() is bm)
del bm
print("then it dies with its last name:", m() is None)
rc = weakref.ref(Obj)
print("a class:", rc() is Obj)


def f():
    return 0


rf = weakref.ref(f)
g = f
del f
print("function with another name:", rf() is g)
del g
print("function gone:", rf() is None)
gc.disable()
gc.collect()
a = Obj()
a.me = a
ra = weakref.ref(a)
del a
print("instance in a cycle lives until a collection:", ra() is not None)
gc.collect()
print("after collection:", ra() is None)
log = []
b = Obj()
rb = weakref.ref(b, lambda ref: log.append(ref is rb))
lst = [b]
del b
print("held by a list, no callback yet:", log)
lst.pop()
print("popped, callback ran with the same ref:", log)
