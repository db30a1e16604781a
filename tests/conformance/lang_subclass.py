# Subclasses of the built-in types: list, dict, str, int, float, tuple, set,
# frozenset.  Instances are instances of the base, carry a __dict__ (unless
# __slots__), override methods, and take part in the collector.
import gc
import json
import sys


def show(label, value):
    print(label, type(value).__name__, repr(value))


def attempt(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__, e)


# ---- list -------------------------------------------------------------------------------
class MyList(list):
    pass


l = MyList([3, 1, 2])
l.tag = "t"
show("list", l)
print(isinstance(l, list), isinstance(l, MyList), type(l) is MyList, issubclass(MyList, list))
print(len(l), 2 in l, 7 in l, l[0], l[-1], l[1:], list(l), sorted(l), l.tag, l.__dict__)
l.append(9)
l.extend([4, 5])
l[0] = 30
del l[1]
show("mutated", l)
show("plus", l + [1])
show("times", l * 2)
show("slice", l[1:3])
l += [6]
show("iadd", l)
print(l == [30, 2, 9, 4, 5, 6], [30, 2, 9, 4, 5, 6] == l, l != [], l < [31], bool(MyList()), bool(l))
print(json.dumps(l), sum(l), max(l), min(l), l.index(9), l.count(2), list(reversed(l)))
l.sort()
print(l, type(l).__name__)
print([x * 2 for x in l], ", ".join(str(x) for x in l))
print(MyList.__mro__)
print(MyList.__name__, MyList.__bases__, l.__class__.__mro__ == MyList.__mro__)
attempt("hash", lambda: hash(l))


class Stack(list):
    def __init__(self, *items):
        super().__init__(items)
        self.pushes = len(items)

    def push(self, x):
        self.append(x)
        self.pushes += 1

    def __getitem__(self, i):
        return ("item", super().__getitem__(i))

    def __setitem__(self, i, v):
        super().__setitem__(i, v * 10)

    def __len__(self):
        return super().__len__() + 100

    def __repr__(self):
        return "Stack(%s)" % list.__repr__(self)


s = Stack(1, 2)
s.push(3)
s[0] = 5
print(s, s[0], s.pushes, len(s), list(s), list.__len__(s), list.__getitem__(s, 1))
print(Stack.__init__ is not list.__init__, list.__init__ is list.__init__)


class Empty(list):
    def __init__(self):
        pass


print(Empty(), len(Empty()))


class Sized(list):
    __slots__ = ()


z = Sized([1])
attempt("slots attr", lambda: setattr(z, "x", 1))
print(z, hasattr(z, "__dict__"))

# ---- dict -------------------------------------------------------------------------------
class MyDict(dict):
    pass


d = MyDict(a=1, b=2)
d["c"] = 3
show("dict", d)
print(isinstance(d, dict), len(d), "a" in d, d["b"], d.get("z", 0), sorted(d), list(d.items()))
print(d == {"a": 1, "b": 2, "c": 3}, {"a": 1, "b": 2, "c": 3} == d, json.dumps(d, sort_keys=True))
print(dict(d), d.copy(), type(d.copy()).__name__, d | {"e": 5}, type(d | {"e": 5}).__name__)
attempt("missing", lambda: d["zz"])
attempt("hash", lambda: hash(d))
d.update(x=9)
print(d.pop("x"), d.setdefault("y", 7), d, list(d.keys()), list(d.values()))
del d["y"]
print(d, d.__dict__)


class Defaulting(dict):
    def __missing__(self, key):
        self[key] = value = len(key)
        return value


dd = Defaulting()
print(dd["abc"], dd["x"], dd, dd.get("nope"), "nope" in dd)


class Upper(dict):
    def __init__(self, *args, **kwargs):
        super().__init__()
        self.update(*args, **kwargs)

    def __setitem__(self, key, value):
        super().__setitem__(key.upper(), value)

    def __getitem__(self, key):
        return super().__getitem__(key.upper())

    def update(self, *args, **kwargs):
        for k, v in dict(*args, **kwargs).items():
            self[k] = v


u = Upper(a=1)
u["b"] = 2
print(u, u["a"], u["B"], dict.__getitem__(u, "A"), sorted(u.items()))


class Attr(dict):
    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name)


a = Attr(x=1)
print(a.x, a, hasattr(a, "y"))

# ---- str --------------------------------------------------------------------------------
class MyStr(str):
    def shout(self):
        return self.upper() + "!"


ms = MyStr("hello")
show("str", ms)
print(ms, str(ms), len(ms), ms[1], ms[1:3], "ell" in ms, ms.shout(), type(ms.upper()).__name__)
print(ms == "hello", "hello" == ms, hash(ms) == hash("hello"), {"hello": 1}[ms], {ms: 2}["hello"])
print(ms + "!", type(ms + "!").__name__, "<" + ms, ms * 2, "%s|%r" % (ms, ms), f"{ms:>7}", f"{ms!r}")
print(", ".join([ms, MyStr("x")]), ms.split("l"), ms.startswith("he"), ms.replace("l", "L"), sorted([ms, "a"]))
print(json.dumps({ms: ms}), int(MyStr("42")) + 1, float(MyStr("1.5")), list(ms)[:2], ms.__dict__)


class Tagged(str):
    def __new__(cls, text, tag):
        self = super().__new__(cls, text)
        self.tag = tag
        return self

    def __repr__(self):
        return "Tagged(%s, %s)" % (str.__repr__(self), self.tag)


t = Tagged("abc", 7)
print(t, repr(t), t.tag, t.upper(), len(t), t == "abc")

# ---- int and float ----------------------------------------------------------------------
class MyInt(int):
    pass


i = MyInt(5)
show("int", i)
print(i + 1, type(i + 1).__name__, i * 2, -i, i // 2, i % 3, i ** 2, i == 5, i < 6, hash(i) == hash(5))
print([0, 1, 2, 3, 4, 5, 6][i], range(i)[-1], "ab" * MyInt(2), bin(i), hex(i), f"{i:03d}", int(i), float(i))
print(json.dumps([i, MyInt(-3)]), MyInt("12"), MyInt("ff", 16), MyInt(), isinstance(i, int), bool(MyInt(0)))

big = MyInt(2 ** 100)
print(big, big + 1, type(big + 1).__name__, big == 2 ** 100, hash(big) == hash(2 ** 100), json.dumps([big]), f"{big:,}")
attempt("big index", lambda: [1][big])


class Celsius(float):
    def __new__(cls, value):
        return super().__new__(cls, value)

    def fahrenheit(self):
        return self * 9 / 5 + 32


c = Celsius(100)
show("float", c)
print(c, c.fahrenheit(), c + 1, type(c + 1).__name__, c == 100.0, hash(c) == hash(100.0), f"{c:.1f}", round(c))
print(json.dumps(c), Celsius("2.5"), isinstance(c, float), c.is_integer(), abs(Celsius(-2.0)), float(c))


class Money(int):
    def __new__(cls, cents, currency="EUR"):
        self = int.__new__(cls, cents)
        self.currency = currency
        return self

    def __str__(self):
        return "%d.%02d %s" % (self // 100, self % 100, self.currency)


m = Money(1234)
print(m, repr(m), m + 1, m.currency, str(m))

# ---- tuple, set, frozenset --------------------------------------------------------------
class Pair(tuple):
    def __new__(cls, a, b):
        return super().__new__(cls, (a, b))

    @property
    def first(self):
        return self[0]


p = Pair(1, 2)
show("tuple", p)
print(p.first, len(p), p[1], p + (3,), type(p + (3,)).__name__, hash(p) == hash((1, 2)), p == (1, 2), list(p))
x, y = p
print(x, y, json.dumps(p), {p: "pair"}[(1, 2)], sorted([p, (0, 5)]))


class MySet(set):
    pass


st = MySet([1, 2, 3])
show("set", st)
st.add(4)
st.discard(1)
print(sorted(st), 2 in st, len(st), st | {9}, type(st | {9}).__name__, st & {2, 3}, st == {2, 3, 4}, MySet())
attempt("hash", lambda: hash(st))


class MyFrozen(frozenset):
    pass


fz = MyFrozen([1, 2])
show("frozenset", fz)
print(hash(fz) == hash(frozenset([1, 2])), {fz: 1}[frozenset([1, 2])], fz | {3}, 1 in fz)

# ---- bytes, operators as methods, copies, the protocol's other corners ---------------------
import copy


class MyBytes(bytes):
    pass


mb = MyBytes(b"ab")
show("bytes", mb)
print(mb + b"c", len(mb), mb[0], b"a" in mb, hash(mb) == hash(b"ab"), mb.decode(), mb == b"ab", sys.getsizeof(mb))


class Vec(list):
    def __add__(self, other):
        return Vec(super().__add__(other))


class Seven(int):
    def __add__(self, other):
        return Seven(int(self) + int(other))


print(type(Vec([1]) + [2]).__name__, Vec([1]) + [2], type(Seven(1) + 2).__name__, MyList([1]).__add__([2]))
print(MyInt(3).__lt__(4), int.__add__(MyInt(2), 3), list.__len__(MyList([1, 2])), str.upper(MyStr("q")))
print(type(MyDict.fromkeys("ab", 0)).__name__, MyDict.fromkeys("ab"), dict.fromkeys("x"))
dc = Upper(a=[1])
dc.note = "n"
c1, c2 = copy.copy(dc), copy.deepcopy(dc)
print(type(c1).__name__, c1, c1.note, c1["A"] is dc["A"], c2, c2["A"] is dc["A"])
lc = MyList([[1], 2])
lc.x = 1
print(type(copy.copy(lc)).__name__, copy.deepcopy(lc), copy.deepcopy(lc).x, copy.copy(fz), copy.copy(ms), copy.deepcopy(i))
print("a,b".split(MyStr(",")), "xax".strip(MyStr("x")), "abc".startswith(MyStr("a")), MyStr("b") in "abc")
print("%s-%s" % Pair(1, 2), "%(a)s" % MyDict(a=5), "{}{}".format(ms, i), {**MyDict(k=1)}, dict(**MyDict(k=2)))
print([*MyList([1, 2]), *Pair(3, 4)], sorted(MySet([3, 1])), list(enumerate(MyStr("ab"))))

# ---- the collections mappings are dict subclasses ----------------------------------------
from collections import Counter, OrderedDict, defaultdict

cnt = Counter("abracadabra")
dfd = defaultdict(list)
dfd["k"].append(1)
od = OrderedDict(b=1, a=2)
od.move_to_end("b")
print(isinstance(cnt, dict), isinstance(dfd, dict), isinstance(od, dict), issubclass(Counter, dict))
print(cnt["a"], cnt["zz"], len(cnt), sorted(cnt), json.dumps(cnt, sort_keys=True), dict(cnt) == cnt)
print(dfd, json.dumps(dfd), od, list(reversed(od)), od == {"a": 2, "b": 1}, dict.get(cnt, "q", 0))

# ---- match: subclass instances are sequences and mappings --------------------------------
for subject in [MyList([1, 2]), MyDict(a=1, b=2), MyStr("ab"), Pair(1, 2), Counter("aab"), MyInt(3)]:
    match subject:
        case str():
            print("match str", subject)
        case [a, b]:
            print("match seq", a, b)
        case {"a": v, **rest}:
            print("match map", v, rest)
        case int(n):
            print("match int", n, type(n).__name__)

# ---- errors -----------------------------------------------------------------------------
attempt("layout", lambda: type("Bad", (list, dict), {}))
attempt("layout2", lambda: type("Bad", (str, int), {}))
attempt("nonempty slots", lambda: type("Bad", (int,), {"__slots__": ("x",)}))
attempt("bool", lambda: type("Bad", (bool,), {}))
attempt("list arg", lambda: MyList(1))
attempt("int arg", lambda: MyInt("x"))

attempt("object.__new__", lambda: object.__new__(MyList))
attempt("list.__new__", lambda: list.__new__(MyList, [1, 2]))
attempt("dict.__init__ on a list", lambda: dict.__init__(MyList()))


class IndexInt(int):
    def __index__(self):
        return 1


print([0, 1, 2][IndexInt(2)], range(5)[IndexInt(3)])


class Slotted(list):
    __slots__ = ("a",)


sl = Slotted([1])
sl.a = 2
print(sl, sl.a, sys.getsizeof(Slotted()))
attempt("slotted attr", lambda: setattr(sl, "x", 1))


class Meta(type):
    pass


class MetaDict(dict, metaclass=Meta):
    pass


print(MetaDict(a=1), type(MetaDict).__name__)


class ReprDict(dict):
    def __repr__(self):
        return "R" + super().__repr__()


rd = ReprDict(a=1)
rd["r"] = rd
rl = MyList([1])
rl.append(rl)
print(rd, rl)
rd.clear()
rl.clear()


class MyError(Exception):
    def __init__(self, msg, code):
        super().__init__(msg)
        self.code = code


try:
    raise MyError("bad", 3)
except Exception as e:
    print(type(e).__name__, e, e.code, isinstance(e, Exception))

# ---- memory -----------------------------------------------------------------------------
gc.collect()
gc.disable()
print(gc.is_tracked(MyList()), gc.is_tracked(MyDict()), gc.is_tracked(MyStr("a")), gc.is_tracked(MyInt(1)))
print(sys.getsizeof(MyList()), sys.getsizeof(MyList([1, 2])), sys.getsizeof(MyDict()), sys.getsizeof(MySet()))
print(sys.getsizeof(Sized()), sys.getsizeof(Pair(1, 2)), sys.getsizeof(MyList()) - sys.getsizeof([]))

# gc.collect() counts the instances and, in this interpreter, their values
# too (a subclass instance is two objects to the collector): only whether
# garbage was found is printed.
d1 = MyDict()
d1["self"] = d1
del d1
print("dict through items", gc.collect() > 0)
d2 = MyDict()
d2.me = d2
del d2
print("dict through __dict__", gc.collect() > 0)
l1 = MyList()
l1.append(l1)
del l1
print("list through items", gc.collect() > 0)
a1, a2 = MyList(), MyDict()
a1.append(a2)
a2["a"] = a1
del a1, a2
print("list-dict cycle", gc.collect() > 0)


class Noisy(list):
    def __del__(self):
        print("del Noisy", list(self))


n = Noisy([1, 2])
del n
n = Noisy([3])
n.append(n)
del n
print("noisy cycle", gc.collect() > 0)
dd2 = defaultdict(list)
dd2["me"].append(dd2)
del dd2
print("defaultdict cycle", gc.collect() > 0)
gc.enable()
print("done")
