# Generators and memory: frames freed as they end, cycles collected,
# suspended generators finalized (finally runs) when they die.
import gc
import sys
gc.disable()

class Tracked:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("del", self.name)

def holder():
    t = Tracked("local of a generator")
    yield 1
    yield 2

g = holder()
print(next(g))
print(next(g))
print("exhausting")
print(next(g, "end"))
print("after the end")

g = holder()
next(g)
print("dropping a suspended generator")
del g
print("dropped")

def with_finally():
    try:
        yield "x"
    finally:
        print("finally on close")
g = with_finally()
next(g)
g = None
print("reassigned")

def self_ref_holding(t):
    me = yield
    yield me, t
g = self_ref_holding(Tracked("kept by a generator cycle"))
next(g)
g.send(g)                      # its frame now holds the generator itself
del g
print("cycle dropped")
# its finalizer closes the generator, whose frame then lets go of all it held:
# nothing is left for the collection itself to free (3.11 counts after finalizers)
print("collected:", gc.collect())

def counter():
    n = 0
    while True:
        n += 1
        yield n
c = counter()
for _ in range(1000):
    next(c)
print(next(c))
print(sys.getsizeof((x for x in [])) > 0)
print(gc.is_tracked(counter()))
