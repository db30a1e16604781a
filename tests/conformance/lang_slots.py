# __slots__: fixed attributes, no __dict__, inheritance of slots.
import sys


class Vec:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return "Vec(%d, %d)" % (self.x, self.y)


v = Vec(1, 2)
print(v, v.x, v.y, hasattr(v, "__dict__"))
v.x = 10
print(v)
try:
    v.z = 3
except AttributeError as e:
    print(type(e).__name__, e)
del v.y
try:
    print(v.y)
except AttributeError as e:
    print(type(e).__name__, e)
v.y = 5
print(v, Vec.__slots__)


class Vec3(Vec):
    __slots__ = ("z",)

    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z

    def __repr__(self):
        return "Vec3(%d, %d, %d)" % (self.x, self.y, self.z)


w = Vec3(1, 2, 3)
print(w, isinstance(w, Vec))
try:
    w.extra = 1
except AttributeError as e:
    print(type(e).__name__, e)


class Loose(Vec):
    pass


loose = Loose(1, 2)
loose.extra = "allowed: the subclass has a __dict__"
print(loose.extra)
payload = []
v.x = payload
print(sys.getrefcount(payload))
v.x = 0
print(sys.getrefcount(payload))


class Const:
    __slots__ = ("value",)
    kind = "class attribute next to slots"


print(Const.kind, Const().kind)
