# Every slot of a container holding an object is one reference.
import sys

x = []
print("start:", sys.getrefcount(x))
lst = [x, x, x]
print("in a list three times:", sys.getrefcount(x))
lst.append(x)
print("appended:", sys.getrefcount(x))
lst.pop()
print("popped (result discarded):", sys.getrefcount(x))
lst.remove(x)
print("removed one:", sys.getrefcount(x))
lst.clear()
print("cleared:", sys.getrefcount(x))

t = (x, x)
print("in a tuple twice:", sys.getrefcount(x))
del t
print("tuple deleted:", sys.getrefcount(x))

d = {"a": x, "b": x}
print("dict values:", sys.getrefcount(x))
d["a"] = None
print("one value replaced:", sys.getrefcount(x))
del d["b"]
print("key deleted:", sys.getrefcount(x))

k = tuple([1, 2])
dk = {k: x}
print("tuple as a key:", sys.getrefcount(k))
del dk
print("dict gone:", sys.getrefcount(k))

s = {k}
print("tuple in a set:", sys.getrefcount(k))
s.discard(k)
print("discarded:", sys.getrefcount(k))

nested = [[x], {"x": x}, (x,)]
print("nested containers:", sys.getrefcount(x))
nested = None
print("nested gone:", sys.getrefcount(x))

copy = lst[:]
big = [x] * 5
print("list repetition:", sys.getrefcount(x))
del big
print("repetition gone:", sys.getrefcount(x))
ext = []
ext.extend([x, x])
print("extended:", sys.getrefcount(x))
ext.insert(0, x)
print("inserted:", sys.getrefcount(x))
ext.reverse()
print("reversed in place:", sys.getrefcount(x))
del ext[0:2]
print("slice deleted:", sys.getrefcount(x))
del ext
print("end:", sys.getrefcount(x))
