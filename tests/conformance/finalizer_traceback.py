# A caught exception's traceback keeps the raising frame's locals alive until
# the except block ends (the name bound by `as` is deleted there).
class Good:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("finalized", self.name)


def f():
    g = Good("local of f")
    raise KeyError("k")


try:
    f()
except KeyError as e:
    print("caught", type(e).__name__, e)
print("after the except block")
try:
    f()
except KeyError:
    print("caught without a name")
print("after the second except block")


def g():
    obj = Good("local of g")
    try:
        raise ValueError("v")
    except ValueError:
        pass
    print("g returns")


g()
print("end")
