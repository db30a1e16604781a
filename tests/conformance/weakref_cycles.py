# Weak references to objects in garbage cycles are cleared by the collector
# and their callbacks run.
import gc
import weakref

gc.disable()
gc.collect()


class Node:
    pass


log = []
a = Node()
b = Node()
a.peer = b
b.peer = a
ra = weakref.ref(a, lambda r: log.append("a"))
rb = weakref.ref(b, lambda r: log.append("b"))
del a, b
print("alive before collect:", ra() is not None, rb() is not None)
print("collected:", gc.collect())
print("cleared:", ra(), rb())
print("callbacks:", sorted(log))


class Fin:
    def __del__(self):
        print("__del__ sees the weak ref cleared:", wr() is None)


f = Fin()
f.me = f
wr = weakref.ref(f)
del f
print("collected:", gc.collect())
