# del of names: single, several, in functions; deleted names are unbound.
import sys

a = [1]
b = a
c = a
print(sys.getrefcount(a))
del b, c
print(sys.getrefcount(a))
del a
try:
    print(a)
except NameError as e:
    print(type(e).__name__, e)

x, y, z = 1, 2, 3
del x, y
print("z" in globals(), "x" in globals(), "y" in globals())


def f():
    v = [1, 2]
    del v
    try:
        return v
    except NameError as e:
        return type(e).__name__ + ": " + str(e)


print(f())


def g():
    w = 5
    del w
    w = 6
    return w


print(g())
try:
    del undefined_name
except NameError as e:
    print(type(e).__name__, e)

lst = [10, 20]
for i in lst:
    pass
del i
print("i" in globals())
