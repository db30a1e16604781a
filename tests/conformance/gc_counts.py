# gc.get_count(): allocations of tracked containers raise the generation-0
# count; a collection resets it.
import gc

gc.disable()
gc.collect()
c0 = gc.get_count()
print("after collect, a small generation-0 count:", c0[0] < 10)
print("older counts after a full collection:", c0[1], c0[2])
keep = []
for i in range(100):
    keep.append([])
c1 = gc.get_count()
print("100 new lists counted:", c1[0] - c0[0] >= 100)
print("not wildly more:", c1[0] - c0[0] < 150)
gc.collect(0)
c2 = gc.get_count()
print("collect(0) resets generation 0:", c2[0] < 10)
print("and counts one generation-0 collection in generation 1:", c2[1])
gc.collect(0)
print("twice:", gc.get_count()[1])
gc.collect(1)
c3 = gc.get_count()
print("collect(1):", c3[1], c3[2])
del keep[:]
c4 = gc.get_count()
print("deallocation lowers the count:", c4[0] <= c3[0])
print("three counts:", len(gc.get_count()))
