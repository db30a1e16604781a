# __context__ of an exception thrown into a generator: CPython chains it to the
# generator's own handled exception, never to the caller's
def g():
    try:
        raise KeyError("gen's own")
    except KeyError:
        yield 1
it = g(); next(it)
try:
    it.throw(ValueError("thrown"))
except ValueError as e:
    print("1:", repr(e.__context__))          # CPython: KeyError("gen's own")
def h():
    yield 1
it = h(); next(it)
try:
    raise IndexError("caller's")
except IndexError:
    try:
        it.throw(ValueError("thrown"))
    except ValueError as e:
        print("2:", repr(e.__context__))      # CPython: None
