# get_referents, get_referrers, get_objects, get_stats, isenabled.
import gc

print("enabled at start:", gc.isenabled())
gc.disable()
print("after disable:", gc.isenabled())
gc.enable()
print("after enable:", gc.isenabled())
gc.disable()

a = [1]
b = [2]
holder = [a, b, "s"]
refs = gc.get_referents(holder)
print("referents of a list:", len(refs), [r is a for r in refs].count(True),
      [r is b for r in refs].count(True))
print("referents of two objects:", len(gc.get_referents(a, b)))
d = {"k": a}
print("referents of a dict include the value:",
      any([r is a for r in gc.get_referents(d)]))
print("referents of an int:", gc.get_referents(5))

referrers = gc.get_referrers(a)
print("holder refers to a:", any([r is holder for r in referrers]))
print("d refers to a:", any([r is d for r in referrers]))
print("b does not:", any([r is b for r in referrers]))

objs = gc.get_objects()
print("get_objects returns a list:", type(objs).__name__)
print("holder is tracked and listed:", any([o is holder for o in objs]))
print("ints are not listed:", any([type(o) is int for o in objs]))
del objs

stats = gc.get_stats()
print("stats per generation:", len(stats))
print("keys:", sorted(stats[0]))
before = gc.get_stats()[2]["collections"]
gc.collect()
after = gc.get_stats()[2]["collections"]
print("a full collection is counted:", after - before)
x = []
x.append(x)
del x
before = gc.get_stats()[2]["collected"]
gc.collect()
print("collected objects are counted:", gc.get_stats()[2]["collected"] - before)
