# Exceptions and their tracebacks hold references only while they are alive:
# after the except block the counts are back where they were.
import sys

x = []
print("start:", sys.getrefcount(x))


def fails(arg):
    local = arg
    raise ValueError("with a reference in the frame")


try:
    fails(x)
except ValueError as e:
    print("inside except (the traceback keeps the frame):", sys.getrefcount(x))
print("after except:", sys.getrefcount(x))
try:
    fails(x)
except ValueError:
    pass
print("after an unnamed except:", sys.getrefcount(x))

err = None
try:
    raise KeyError(x)
except KeyError as e:
    err = e
print("exception kept alive, holding x in args:", sys.getrefcount(x))
print("args[0] is x:", err.args[0] is x)
err = None
print("exception dropped:", sys.getrefcount(x))


def catches():
    try:
        fails(x)
    except ValueError:
        return sys.getrefcount(x)


print("returned from inside except:", catches())
print("after the function returned:", sys.getrefcount(x))
try:
    try:
        fails(x)
    finally:
        pass
except ValueError:
    pass
print("through a finally clause:", sys.getrefcount(x))
