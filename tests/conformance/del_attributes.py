# del of attributes, on instances, slots and classes.
import sys


class P:
    cls_attr = "class"

    def __init__(self):
        self.a = []
        self.b = 2


p = P()
del p.b
print(hasattr(p, "b"), hasattr(p, "a"))
try:
    del p.b
except AttributeError as e:
    print(type(e).__name__, e)
try:
    print(p.b)
except AttributeError as e:
    print(type(e).__name__, e)
print(p.cls_attr)
p.cls_attr = "instance"
print(p.cls_attr, P.cls_attr)
del p.cls_attr
print(p.cls_attr)
del P.cls_attr
print(hasattr(p, "cls_attr"))

held = p.a
print(sys.getrefcount(held))
del p.a
print(sys.getrefcount(held))


class S:
    __slots__ = ("x",)


s = S()
s.x = held
print(sys.getrefcount(held))
del s.x
print(sys.getrefcount(held))
try:
    s.x
except AttributeError as e:
    print(type(e).__name__, e)
try:
    s.y = 1
except AttributeError as e:
    print(type(e).__name__, e)
