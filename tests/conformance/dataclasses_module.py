"""The dataclasses module: generated __init__/__repr__/__eq__, ordering,
frozen instances, defaults and field(), __post_init__, inheritance, and the
helpers fields/asdict/astuple/replace/is_dataclass/make_dataclass."""
from dataclasses import (dataclass, field, fields, asdict, astuple, replace, is_dataclass,
                         FrozenInstanceError, KW_ONLY, MISSING, make_dataclass)
import dataclasses


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


@dataclass
class Point:
    x: int
    y: int = 0


p = Point(1, 2)
print(p, Point(3), Point(y=5, x=4))
print(p == Point(1, 2), p == Point(2, 1), p != Point(1, 2), p == (1, 2))
show(lambda: Point())
show(lambda: Point(1, 2, 3))
show(lambda: Point(1, x=2))
show(lambda: Point(1, z=2))
print(Point.__init__.__qualname__, Point.__match_args__, Point.__hash__)
p.x = 10
print(p, p.x)


@dataclass
class Inventory:
    name: str
    price: float = field(default=0.0, compare=False)
    tags: list = field(default_factory=list)
    secret: str = field(default="hidden", repr=False)
    count: int = field(default=0, init=False)


a = Inventory("apple")
b = Inventory("apple", 2.5)
a.tags.append("fruit")
print(a, b, a.tags is b.tags, a == Inventory("apple", 9.0, ["fruit"]))
print(a.secret, a.count, "count" in Inventory.__dict__)
show(lambda: Inventory("x", count=1))


@dataclass(order=True)
class Version:
    major: int
    minor: int = 0
    label: str = field(default="", compare=False)


vs = [Version(1, 2), Version(0, 9, "beta"), Version(1, 0), Version(1, 2, "rc")]
print(sorted(vs))
print(Version(1, 0) < Version(1, 1), Version(2) >= Version(1, 9), Version(1, 2, "a") == Version(1, 2, "b"))
show(lambda: Version(1) < Point(1))


@dataclass(frozen=True)
class Color:
    r: int
    g: int
    b: int

    def brightness(self):
        return (self.r + self.g + self.b) / 3


c = Color(10, 20, 30)
print(c, c.brightness(), hash(c) == hash(Color(10, 20, 30)), {c: "x"}[Color(10, 20, 30)])
try:
    c.r = 5
except FrozenInstanceError as e:
    print("FrozenInstanceError:", e, isinstance(e, AttributeError))
try:
    c.extra = 1
except FrozenInstanceError as e:
    print("FrozenInstanceError:", e)
try:
    del c.g
except FrozenInstanceError as e:
    print("FrozenInstanceError:", e)


@dataclass
class Rect:
    w: float
    h: float
    area: float = field(init=False)

    def __post_init__(self):
        self.area = self.w * self.h


print(Rect(2, 3), Rect(2, 3).area)


@dataclass
class Point3(Point):
    z: int = 0


print(Point3(1, 2, 3), [f.name for f in fields(Point3)], Point3(1) == Point(1))

try:
    @dataclass
    class Bad:
        x: int = 0
        y: int
except TypeError as e:
    print("TypeError:", e)
try:
    @dataclass
    class Mutable:
        items: list = []
except ValueError as e:
    print("ValueError:", e)
show(lambda: field(default=1, default_factory=list))
try:
    @dataclass(order=True)
    class Both:
        x: int

        def __lt__(self, other):
            return True
except TypeError as e:
    print("TypeError:", e)
try:
    @dataclass(order=True, eq=False)
    class NoEq:
        x: int
except ValueError as e:
    print("ValueError:", e)


@dataclass
class KW:
    a: int
    _: KW_ONLY
    b: int = 1
    c: int


print(KW(1, c=3), KW.__match_args__)
show(lambda: KW(1, 2, 3))


@dataclass(repr=False, eq=False)
class Plain:
    v: int


print(Plain(1) == Plain(1), Plain(1).v, "__repr__" in Plain.__dict__)


@dataclass
class Custom:
    v: int

    def __repr__(self):
        return "<custom %d>" % self.v


print(Custom(4))


@dataclass(unsafe_hash=True)
class Hashy:
    k: str
    v: int = field(default=0, hash=False)


print(hash(Hashy("a", 1)) == hash(Hashy("a", 2)), Hashy("a", 1) == Hashy("a", 2))


@dataclass
class Empty:
    pass


print(Empty(), Empty() == Empty(), fields(Empty))


@dataclass
class Line:
    start: Point
    end: Point
    points: list = field(default_factory=list)
    meta: dict = field(default_factory=dict)


ln = Line(Point(0, 0), Point(3, 4), [Point(1, 1)], {"k": Point(2, 2)})
print(asdict(ln))
print(astuple(ln))
d = asdict(ln)
d["points"].append(0)
print(len(ln.points))
print(replace(p, y=7), p)
show(lambda: replace(Inventory("z"), count=3))
show(lambda: asdict(3))
show(lambda: fields(3))
print(is_dataclass(Point), is_dataclass(p), is_dataclass(3), is_dataclass(int))
f0 = fields(Inventory)[1]
print(f0.name, f0.type, f0.default, f0.compare, f0.default_factory is MISSING)
print(fields(Inventory)[2].default_factory is list, fields(Inventory)[2].default is MISSING)
print(dataclasses.FrozenInstanceError.__mro__[1].__name__)

Pair = make_dataclass("Pair", [("left", int), ("right", int, field(default=0))])
print(Pair(1), Pair(1, 2) == Pair(1, 2), is_dataclass(Pair))


@dataclass
class Node:
    value: int
    children: list = field(default_factory=list)


root = Node(1, [Node(2), Node(3, [Node(4)])])
print(root)
print(asdict(root))


@dataclass
class SelfField:
    self: int


print(SelfField(self=5))
