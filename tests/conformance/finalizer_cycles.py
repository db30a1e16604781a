# Objects with __del__ in cycles are finalized and collected (PEP 442).
import gc

gc.disable()
gc.collect()
log = []


class Fin:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        log.append(self.name)


a = Fin("a")
b = Fin("b")
a.peer = b
b.peer = a
del a, b
print("collected:", gc.collect())
print("finalized:", sorted(log))
print("garbage:", gc.garbage)

log.clear()
ring = [Fin("r%d" % i) for i in range(4)]
for i in range(4):
    ring[i].next = ring[(i + 1) % 4]
del ring, i
print("collected:", gc.collect())
print("finalized:", sorted(log))

log.clear()
x = Fin("x")
x.self = x
x.extra = [x]
del x
print("collected:", gc.collect())
print("finalized:", log)


class Reporter:
    def __del__(self):
        print("reporter finalized, peer still set:", self.peer is not None)


r = Reporter()
s = Reporter()
r.peer = s
s.peer = r
del r, s
print("collected:", gc.collect())
print("garbage:", gc.garbage)
