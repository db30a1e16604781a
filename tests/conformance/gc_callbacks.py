# gc.callbacks: called with ("start" | "stop", info) around each collection.
import gc

gc.disable()
gc.collect()
events = []


def cb(phase, info):
    events.append((phase, info["generation"], info["collected"], info["uncollectable"]))


print("callbacks is a list:", type(gc.callbacks).__name__, len(gc.callbacks))
gc.callbacks.append(cb)
a = []
a.append(a)
b = {}
b["b"] = b
del a, b
n = gc.collect()
print("returned:", n)
for e in events:
    print(e)
events.clear()
gc.collect(0)
print(events)
events.clear()


def keys_cb(phase, info):
    events.append((phase, sorted(info)))


gc.callbacks.append(keys_cb)
gc.collect(1)
for e in events:
    print(e)
gc.callbacks.remove(cb)
gc.callbacks.remove(keys_cb)
events.clear()
gc.collect()
print("removed:", events, len(gc.callbacks))


def raising(phase, info):
    raise ValueError("in callback")


gc.callbacks.append(raising)
x = []
x.append(x)
del x
print("collect still works:", gc.collect())
gc.callbacks.clear()
