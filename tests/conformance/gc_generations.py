# gc.collect(generation): survivors move to the next generation.
import gc

gc.disable()
gc.collect()

a = []
a.append(a)
del a
print("young cycle, collect(0):", gc.collect(0))

b = []
b.append(b)
print("referenced, collect(0):", gc.collect(0))
del b
print("now in generation 1, collect(0):", gc.collect(0))
print("collect(1):", gc.collect(1))

c = []
c.append(c)
gc.collect(0)
gc.collect(1)
del c
print("in generation 2, collect(1):", gc.collect(1))
print("collect(2):", gc.collect(2))

d = {}
d["d"] = d
del d
print("collect(generation=2):", gc.collect(generation=2))
try:
    gc.collect(3)
except ValueError as e:
    print(type(e).__name__, e)
try:
    gc.collect(-1)
except ValueError as e:
    print(type(e).__name__, e)
