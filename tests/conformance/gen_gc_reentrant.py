# a delegate's finally (run by the collector's finalizer or by close) resumes its delegating generator
import gc
class Box: pass
def inner(box):
    try:
        yield 1
    finally:
        try:
            print("inner finally resumes outer:", next(box.g))
        except ValueError as e:
            print("VE", e)
def outer(box):
    yield from inner(box)
    yield 2
b = Box(); b.g = outer(b); next(b.g)
del b
gc.collect()
print("end")
