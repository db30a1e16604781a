# A class's own __setattr__/__delattr__ runs before descriptors; object.__setattr__
# honours data descriptors (property setters, __set__); the messages of a
# property without setter or deleter (CPython 3.11).
class P:
    def __init__(self):
        self._x = 0
    @property
    def x(self):
        return self._x
    @x.setter
    def x(self, v):
        print("setter", v)
        object.__setattr__(self, "_x", v)
    def __setattr__(self, name, value):
        print("__setattr__", name, value)
        object.__setattr__(self, name, value)
    def __delattr__(self, name):
        print("__delattr__", name)
        object.__delattr__(self, name)
p = P()
p.x = 5
print(p.x)
p.y = 7
print(p.y)
del p.y
class Q:
    @property
    def z(self):
        return 1
q = Q()
try:
    object.__setattr__(q, "z", 3)
except AttributeError as e:
    print("AttributeError", e)
class D:
    def __get__(self, o, t): return "got"
    def __set__(self, o, v): print("D.__set__", v)
class R:
    d = D()
r = R()
object.__setattr__(r, "d", 9)
r.d = 10
print(r.d)
try:
    q.z = 4
except AttributeError as e:
    print("AttributeError", e)
try:
    del q.z
except AttributeError as e:
    print("AttributeError", e)
