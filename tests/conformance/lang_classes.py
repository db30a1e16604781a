# Classes: __init__, methods, class vs instance attributes, __repr__/__str__.
class Point:
    dims = 2

    def __init__(self, x, y=0):
        self.x = x
        self.y = y

    def __repr__(self):
        return "Point(%r, %r)" % (self.x, self.y)

    def norm1(self):
        return abs(self.x) + abs(self.y)

    def moved(self, dx, dy):
        return Point(self.x + dx, self.y + dy)


p = Point(3, -4)
print(p, repr(p), str(p), [p], p.norm1(), p.moved(1, 1))
print(p.dims, Point.dims, p.x, getattr(p, "y"), getattr(p, "z", "none"))
p.dims = 3
print(p.dims, Point.dims)
Point.dims = 5
q = Point(1)
print(q.dims, q.y, p.dims)
print(type(p).__name__, type(p) is Point, isinstance(p, Point), isinstance(5, Point))
print(hasattr(p, "x"), hasattr(p, "nothing"), callable(Point), callable(p))
setattr(q, "label", "Q")
print(q.label)
print(Point.norm1(p))


class Labeled:
    def __str__(self):
        return "str form"

    def __repr__(self):
        return "repr form"


lab = Labeled()
print(lab, str(lab), repr(lab), [lab], "%s %r" % (lab, lab), f"{lab} {lab!r}")


class Plain:
    pass


plain = Plain()
print(repr(plain).startswith("<__main__.Plain object at "), type(plain).__name__)
try:
    Point()
except TypeError as e:
    print(type(e).__name__, e)
try:
    p.missing_method()
except AttributeError as e:
    print(type(e).__name__, e)


class Counter:
    instances = 0

    def __init__(self):
        Counter.instances += 1
        self.id = Counter.instances


cs = [Counter() for _ in range(3)]
print(Counter.instances, [c.id for c in cs])


class WithLen:
    def __init__(self, items):
        self.items = items

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return self.items[i]

    def __contains__(self, v):
        return v in self.items

    def __bool__(self):
        return len(self.items) > 0


w = WithLen([1, 2, 3])
print(len(w), w[1], 2 in w, 9 in w, bool(w), bool(WithLen([])))


class Arith:
    def __init__(self, v):
        self.v = v

    def __add__(self, other):
        return Arith(self.v + other.v)

    def __lt__(self, other):
        return self.v < other.v

    def __repr__(self):
        return "A%d" % self.v


print(Arith(1) + Arith(2), Arith(1) < Arith(2), sorted([Arith(3), Arith(1), Arith(2)]))
print(max([Arith(3), Arith(9), Arith(2)]), min([Arith(3), Arith(9), Arith(2)]))
