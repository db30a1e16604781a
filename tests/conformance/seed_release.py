# The seeds' experiment, scaled down: a large list, del, gc.collect().
import gc
import sys

a = list(range(100 * 1000))
print(len(a), a[0], a[-1], sys.getrefcount(a))
b = a
print(sys.getrefcount(a))
del a
print(sys.getrefcount(b))
del b
print("no cycles, nothing for the collector:", gc.collect())
a = range(10000 * 10000)
print("range is lazy:", len(a), a[-1])
del a
c = [list(range(10)) for _ in range(1000)]
d = c
del c, d
print("del of several names:", gc.collect())
x = [[] for _ in range(100)]
for item in x:
    item.append(item)
del item
del x
print("a hundred self-referencing lists:", gc.collect())
