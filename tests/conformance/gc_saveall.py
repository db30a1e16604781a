# DEBUG_SAVEALL: unreachable objects go to gc.garbage instead of being freed.
import gc

gc.disable()
gc.collect()
print("debug flags:", gc.get_debug())
print("constants:", gc.DEBUG_STATS, gc.DEBUG_COLLECTABLE, gc.DEBUG_UNCOLLECTABLE,
      gc.DEBUG_SAVEALL, gc.DEBUG_LEAK)
gc.set_debug(gc.DEBUG_SAVEALL)
print("set:", gc.get_debug() == gc.DEBUG_SAVEALL)


class Node:
    pass


a = Node()
b = Node()
a.other = b
b.other = a
a.name = "a"
b.name = "b"
del a, b
print("collected:", gc.collect())
print("saved:", len(gc.garbage))
print("types:", sorted([type(o).__name__ for o in gc.garbage]))
print("names:", sorted([o.name for o in gc.garbage]))
lst = []
lst.append(lst)
del lst
print("collected:", gc.collect())
print("saved:", len(gc.garbage))
gc.set_debug(0)
print("flags cleared:", gc.get_debug())
survivor = gc.garbage[2]
print("the list is alive in gc.garbage:", survivor[0] is survivor)
del survivor
gc.garbage.clear()
print("garbage cleared, collect:", gc.collect())
