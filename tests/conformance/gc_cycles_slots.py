# __slots__ instances have no __dict__: each counts as exactly one object.
import gc

gc.disable()
gc.collect()


class Pair:
    __slots__ = ("left", "right")


p = Pair()
p.left = p
del p
print("self-referencing slotted instance:", gc.collect())

a = Pair()
b = Pair()
a.left = b
b.right = a
del a, b
print("two slotted instances:", gc.collect())

chain = [Pair() for _ in range(6)]
for i in range(6):
    chain[i].right = chain[(i + 1) % 6]
    chain[i].left = chain[i - 1]
del chain, i
print("doubly linked ring of six:", gc.collect())

p = Pair()
p.left = [p]
del p
print("slotted instance and a list:", gc.collect())
try:
    Pair().__dict__
except AttributeError as e:
    print(type(e).__name__, e)
