# throw(cls) whose constructor fails: that error is raised at the yield.
class NeedsArg(Exception):
    def __init__(self, a):
        super().__init__(a)
def g():
    try:
        yield 1
    except BaseException as e:
        print("gen saw", type(e).__name__)
        yield 2
it = g(); next(it)
try:
    print(it.throw(NeedsArg))     # CPython: the TypeError is raised at the yield: prints "gen saw TypeError", 2
except TypeError as e:
    print("caller TypeError", e)
