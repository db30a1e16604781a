# Exact counts when garbage mixes cycles with acyclic parts, and when
# refcounting frees part of it first.
import gc

gc.disable()
gc.collect()

outer = [[] for _ in range(50)]
for inner in outer:
    inner.append(inner)
del inner
del outer
print("outer list freed by refcount, inner cycles left:", gc.collect())

outer = []
outer.append(outer)
for _ in range(30):
    outer.append([1, 2, 3])
del outer
print("cycle holding acyclic lists (freed with it, counted):", gc.collect())

d = {}
d["me"] = d
d["atoms"] = tuple([1, 2, 3])
d["strings"] = ["a", "b"]
del d
print("dict cycle with a tuple and a list:", gc.collect())


class Node:
    pass


n = Node()
n.me = n
n.data = {"k": []}
del n
print("instance cycle with a dict holding a list:", gc.collect())

keep = []
keep.append(keep)
garbage = []
garbage.append(garbage)
garbage.append(keep)
del garbage
print("garbage pointing at live objects:", gc.collect())
print("live object intact:", keep[0] is keep)
a = []
b = [a]
a.append(b)
c = [b]
del a, b
print("cycle reachable from a live list:", gc.collect())
del c
print("now unreachable (c is acyclic, freed by refcount):", gc.collect())
