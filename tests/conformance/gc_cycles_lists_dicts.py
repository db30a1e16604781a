# gc.collect() returns the number of unreachable objects it found: cycles of
# lists, dicts, tuples and sets.
import gc

gc.disable()
gc.collect()

a = []
a.append(a)
del a
print("self-referencing list:", gc.collect())

a = []
b = [a]
a.append(b)
del a, b
print("two lists:", gc.collect())

ring = [[] for _ in range(10)]
for i in range(10):
    ring[i].append(ring[(i + 1) % 10])
del ring, i
print("ring of ten lists:", gc.collect())

d = {}
d["self"] = d
del d
print("self-referencing dict:", gc.collect())

d1 = {}
d2 = {"peer": d1}
d1["peer"] = d2
del d1, d2
print("two dicts:", gc.collect())

holder = []
t = (holder,)
holder.append(t)
del holder, t
print("list and tuple:", gc.collect())

lst = []
lst.append({"inner": lst, "more": [1, 2, 3]})
del lst
print("list, dict and a list hanging off the cycle:", gc.collect())

print("nothing left:", gc.collect())
alive = []
alive.append(alive)
print("reachable cycle is not collected:", gc.collect())
print("still there:", alive[0] is alive)
del alive
print("now collected:", gc.collect())
