# A finalizer that stores self resurrects the object; __del__ runs only once.
import gc
import sys

gc.disable()
gc.collect()
saved = []


class Phoenix:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("finalizing", self.name)
        saved.append(self)


p = Phoenix("p")
del p
print("resurrected:", len(saved), saved[0].name)
print("refcount after resurrection:", sys.getrefcount(saved[0]))
print("is_finalized:", gc.is_finalized(saved[0]))
saved.clear()
print("second death: no second __del__")

q = Phoenix("q")
q.me = q
del q
print("collected:", gc.collect())
print("resurrected from a cycle:", [o.name for o in saved])
print("cycle intact:", saved[0].me is saved[0])
saved.clear()
print("collected after the second death:", gc.collect())

fresh = Phoenix("fresh")
print("is_finalized before:", gc.is_finalized(fresh))
fresh.__del__()
print("explicit call leaves it alive:", fresh.name)
saved.clear()
del fresh
print("end", len(saved))
saved.clear()
