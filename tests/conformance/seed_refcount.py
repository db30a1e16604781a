# The seeds' reference-count walkthrough: creation, aliasing, arguments,
# containers, and each way a count goes down.
import sys


class Obj:
    pass


x = Obj()
print("created:", sys.getrefcount(x))
y = x
print("alias:", sys.getrefcount(x))


def foo(arg):
    print("as an argument:", sys.getrefcount(arg))


foo(x)
print("after the call:", sys.getrefcount(x))
a = [1, x, "33"]
print("in a list:", sys.getrefcount(x))
a.remove(x)
print("removed from the list:", sys.getrefcount(x))
a.append(x)
del a
print("list deleted:", sys.getrefcount(x))
y = 789
print("alias rebound:", sys.getrefcount(x))
z = {"key": x, "other": [x]}
print("dict and nested list:", sys.getrefcount(x))
z["other"] = None
print("nested list dropped:", sys.getrefcount(x))
del z
print("dict deleted:", sys.getrefcount(x))
a, b, c, d = x, x, x, x
print("four names:", sys.getrefcount(x))
del a, b, c, d
print("del a, b, c, d:", sys.getrefcount(x))
