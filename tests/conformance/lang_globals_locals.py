# globals() and locals(): the dicts behind names (the seeds' clear() example).
import sys

a = 1
b = [2]
print("a" in globals(), globals()["a"], globals()["b"] is b)
globals()["c"] = 3
print(c)


def f(x):
    y = x + 1
    return sorted(locals().items())


print(f(1))


def clear():
    for key, value in list(globals().items()):
        if callable(value) or value.__class__.__name__ == "module":
            continue
        if key.startswith("__"):
            continue
        del globals()[key]


big = [0] * 100
holder = big
print("refcount before clear:", sys.getrefcount(big))
del holder
clear()
print("globals left:", sorted([k for k in globals() if not k.startswith("__")]))
try:
    print(big)
except NameError as e:
    print(type(e).__name__, e)


def bad_clear():
    for key in globals():
        if key == "zzz":
            pass
    g = {"p": 1, "q": 2}
    for key in g:
        del g[key]


try:
    bad_clear()
except RuntimeError as e:
    print(type(e).__name__, e)
print(type(globals()).__name__, type(locals()).__name__, locals() is globals())
