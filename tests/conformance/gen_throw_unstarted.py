# throw() into a generator that never ran (PEP 479 too).
def g():
    yield 1
try:
    g().throw(StopIteration)
except Exception as e:
    print(type(e).__name__, e)    # CPython: RuntimeError generator raised StopIteration
