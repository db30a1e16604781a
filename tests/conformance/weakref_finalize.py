# weakref.finalize: called once when the object dies, or explicitly, or at
# exit while still alive.
import gc
import weakref


class Resource:
    pass


def on_close(name, kind="default"):
    print("closing", name, kind)
    return name.upper()


r = Resource()
fin = weakref.finalize(r, on_close, "res1", kind="kw")
print("alive:", fin.alive)
del r
print("alive after death:", fin.alive)
print("calling a dead finalizer:", fin())

r = Resource()
fin = weakref.finalize(r, on_close, "res2")
print("explicit call:", fin())
print("alive after call:", fin.alive)
print("second call:", fin())
del r
print("no second call at death")

r = Resource()
fin = weakref.finalize(r, on_close, "res3")
info = fin.detach()
print("detach:", info[0] is r, info[1] is on_close, info[2:])
print("alive after detach:", fin.alive)
del r

gc.disable()
r = Resource()
r.self = r
weakref.finalize(r, on_close, "cyclic")
del r
print("before collect")
print("collected something:", gc.collect() > 0)

survivor = Resource()
weakref.finalize(survivor, on_close, "at exit")
print("end of script")
