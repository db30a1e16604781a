# Loop variables, unpacking and comprehensions hold references only while bound.
import sys

x = []
lst = [x]
for item in lst:
    print("loop variable bound:", sys.getrefcount(x))
print("after the loop (item still bound):", sys.getrefcount(x))
del item
print("item deleted:", sys.getrefcount(x))

a, b = x, x
print("tuple unpacking:", sys.getrefcount(x))
a = b = None
print("unbound:", sys.getrefcount(x))

[first, second] = [x, 0]
print("list unpacking:", sys.getrefcount(x))
del first, second

squares = [sys.getrefcount(x) for _ in range(1)]
print("comprehension result:", squares)
print("after comprehension:", sys.getrefcount(x))

pairs = list(zip([x], [x]))
print("zip pairs:", sys.getrefcount(x))
del pairs
enum = list(enumerate([x]))
print("enumerate pairs:", sys.getrefcount(x))
del enum
print("end:", sys.getrefcount(x))
