# One attribute site, instances of many classes: the value is always the
# instance's own, or what a property, __setattr__ or __slots__ says.
class Base:
    def __init__(self, v):
        self.a = v
        self.b = v * 2


class Same(Base):
    pass


class Reordered(Base):
    def __init__(self, v):
        self.b = v * 20
        self.a = v * 10


class WithProperty(Base):
    @property
    def a(self):
        return "property a"

    @a.setter
    def a(self, v):
        self._a = ("set", v)


class Logged(Base):
    def __setattr__(self, name, value):
        object.__setattr__(self, name, ("logged", value))


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self, v):
        self.a = v
        self.b = -v


class Fallback:
    def __getattr__(self, name):
        return "fallback " + name


def read(o):
    return o.a, o.b


def write(o, v):
    o.a = v
    return o.a


objs = [Base(1), Same(2), Reordered(3), WithProperty(4), Logged(5), Slotted(6), Base(7)]
for _ in range(3):
    print([read(o) for o in objs])
print([write(o, 100 + i) for i, o in enumerate(objs)])
print([read(o) for o in objs])
f = Fallback()
f.b = 1
print(read(f))
d = Same(8)
d.__dict__["a"] = "from dict"
print(read(d))
del objs[0].a
try:
    read(objs[0])
except AttributeError as e:
    print("AttributeError", e)
