# The match statement: every pattern kind, guards, nesting, soft keywords,
# class patterns with __match_args__, and the errors CPython 3.11 gives.
import collections
import dataclasses

# ---- soft keywords: match and case stay ordinary names
match = [1, 2]
print(match)
match[0] = 5
print(match, match[0])
case = {"a": 1}
print(case["a"])
def match(x):
    return x + 1
print(match(1))
match = 10
match += 1
print(match)
class K:
    match = "attr"
print(K.match)
case, match = 1, 2
print(case, match)


# ---- literals, captures, wildcards, values
class Color:
    RED = "red"
    GREEN = "green"

def literal(x):
    match x:
        case 0:
            return "zero"
        case -1:
            return "minus one"
        case 2.5:
            return "two and a half"
        case "hello" "!":
            return "greeting"
        case b"raw":
            return "bytes"
        case None:
            return "None"
        case True:
            return "True"
        case False:
            return "False"
        case Color.RED:
            return "red value"
        case _:
            return "no literal"

for v in [0, -1, 2.5, "hello!", b"raw", None, True, False, 1, 0.0, "red", "green", 1.0]:
    print(repr(v), "->", literal(v))

def capture(x):
    match x:
        case 1:
            return "one"
        case other:
            return "captured %r" % (other,)
print(capture(1), capture("z"))

# ---- sequences
def seq(x):
    match x:
        case []:
            return "empty"
        case [a]:
            return "one: %r" % (a,)
        case (a, b):
            return "two: %r %r" % (a, b)
        case [a, *mid, z] if len(mid) > 2:
            return "long: %r %r %r" % (a, mid, z)
        case [a, *_, z]:
            return "ends: %r %r" % (a, z)
        case _:
            return "not a sequence"

for v in [[], [1], (1, 2), [1, 2, 3], list(range(7)), range(3), "ab", b"ab", {"a": 1}, 5,
          collections.deque([1, 2]), (1,)]:
    print(repr(v), "->", seq(v))

match (1, 2, 3):
    case 1, *rest:
        print("open sequence", rest)
match [1, [2, 3]]:
    case [x, [y, z]]:
        print("nested", x, y, z)
match 1, 2:
    case (a, b):
        print("subject tuple", a, b)
match [1, 2, 3]:
    case [*head, last]:
        print("star first", head, last)

# ---- mappings
def mapping(x):
    match x:
        case {"type": "point", "x": px, "y": py}:
            return "point %r %r" % (px, py)
        case {"type": "box", **rest}:
            return "box rest %r" % (sorted(rest.items()),)
        case {}:
            return "some mapping %d" % len(x)
        case _:
            return "not a mapping"

for v in [{"type": "point", "x": 1, "y": 2, "z": 3}, {"type": "box", "w": 2, "h": 3},
          {"type": "point", "x": 1}, {}, [("type", "point")], "type"]:
    print(repr(v), "->", mapping(v))

match {Color.RED: 1, 2: "two"}:
    case {Color.RED: r, 2: t}:
        print("value keys", r, t)

class Missing:
    pass
match {"a": None}:
    case {"a": None}:
        print("None value matched")
match {"a": 1}:
    case {"b": _}:
        print("wrong")
    case {**everything}:
        print("everything", everything)

# ---- classes
class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y

@dataclasses.dataclass
class Line:
    start: Point
    end: Point

def where(p):
    match p:
        case Point(0, 0):
            return "origin"
        case Point(0, y=yy):
            return "on y axis at %r" % yy
        case Point(x=0) | Point(y=0):
            return "on an axis"
        case Point(x, y) if x == y:
            return "diagonal %r" % x
        case Point():
            return "elsewhere"
        case Line(Point(x1, y1), Point(x2, y2)) if x1 == x2:
            return "vertical line at %r" % x1
        case Line(start=s, end=e):
            return "line %r,%r -> %r,%r" % (s.x, s.y, e.x, e.y)
        case _:
            return "not a point"

for v in [Point(0, 0), Point(0, 5), Point(3, 0), Point(2, 2), Point(1, 2),
          Line(Point(1, 0), Point(1, 9)), Line(Point(0, 0), Point(1, 1)), 42]:
    print(where(v))

def builtin(x):
    match x:
        case bool(b):
            return "bool %r" % b
        case int(i):
            return "int %r" % i
        case float(f):
            return "float %r" % f
        case str(s) if s:
            return "str %r" % s
        case list([a, b]):
            return "list of two %r %r" % (a, b)
        case dict({"k": v}):
            return "dict with k %r" % v
        case tuple(t):
            return "tuple %r" % (t,)
        case _:
            return "other"

for v in [True, 7, 1.5, "s", "", [1, 2], [1], {"k": 3}, (1,), None]:
    print(repr(v), "->", builtin(v))

Pair = collections.namedtuple("Pair", "left right")
match Pair(1, 2):
    case Pair(l, r):
        print("namedtuple", l, r)
match Pair(3, 4):
    case Pair(right=r):
        print("namedtuple keyword", r)

class NoArgs:
    pass
class BadArgs:
    __match_args__ = ["x"]
class NotStr:
    __match_args__ = (1,)
class One:
    __match_args__ = ("a",)
    a = 1
for subject, make in [(NoArgs(), lambda: NoArgs), (BadArgs(), lambda: BadArgs), (NotStr(), lambda: NotStr),
                      (One(), lambda: One), (5, lambda: int), (5, lambda: "notaclass")]:
    cls = make()
    try:
        match subject:
            case cls(1, 2):
                print("matched?")
    except TypeError as e:
        print("TypeError:", e)
    try:
        match subject:
            case cls(1):
                print("one positional matched", type(subject).__name__)
    except TypeError as e:
        print("TypeError:", e)
try:
    match One():
        case One(1, a=1):
            print("no")
except TypeError as e:
    print("TypeError:", e)
match One():
    case One(b=1):
        print("missing attribute matched?")
    case One(a=1):
        print("attribute a matched")

# ---- or, as, groups, guards
def shape(x):
    match x:
        case (1 | 2 | 3) as small:
            return "small %r" % small
        case [1, (2 | 3) as second] | [second, 9]:
            return "second %r" % second
        case {"k": [*_, (str() | bytes()) as last]}:
            return "last text %r" % (last,)
        case (((n))) if n == 99:
            return "grouped %r" % n
        case n if (m := n * 2) > 100:
            return "walrus %r" % m
        case _:
            return "nothing"

for v in [2, [1, 3], [7, 9], {"k": [1, b"x"]}, 99, 77, 3.5]:
    print(repr(v), "->", shape(v))

calls = []
def guard(v):
    calls.append(v)
    return v > 1
for v in [1, 2]:
    match v:
        case x if guard(x):
            print("guard passed", x)
        case x:
            print("guard failed", x)
print("guard calls", calls)

# no case matches: nothing happens
match 5:
    case 1:
        print("never")
print("after a match without a matching case")

# match in loops with break/continue/return
found = []
for item in [1, "a", [2], None, 3]:
    match item:
        case None:
            break
        case str():
            continue
        case [n]:
            found.append(("list", n))
        case n:
            found.append(("other", n))
print(found)

def first_even(items):
    for i in items:
        match i:
            case int(k) if k % 2 == 0:
                return k
    return None
print(first_even([1, 3, 4, 6]), first_even([1]))

# names bound by patterns are ordinary stores (globals here, locals in functions)
match (10, 20):
    case (gx, gy):
        pass
print(gx, gy)
def local_binding():
    match [1, 2]:
        case [lx, ly]:
            pass
    return lx + ly
print(local_binding())
def closure_binding():
    match {"v": 5}:
        case {"v": cv}:
            pass
    return lambda: cv
print(closure_binding()())

# exceptions inside patterns propagate
class Boom:
    __match_args__ = ("prop",)
    @property
    def prop(self):
        raise ValueError("boom")
try:
    match Boom():
        case Boom(1):
            pass
except ValueError as e:
    print("ValueError:", e)
Color2 = Color
try:
    match {"red": 1, "x": 2}:
        case {Color.RED: 1, Color2.RED: 2}:
            pass
except ValueError as e:
    print("ValueError:", e)

# ---- syntax errors
sources = [
    "match x:\n case _: pass\n case 1: pass\n",
    "match x:\n case y: pass\n case 1: pass\n",
    "match x:\n case (_ as z): pass\n case 2: pass\n",
    "match x:\n case y | 1: pass\n",
    "match x:\n case _ | _: pass\n",
    "match x:\n case [a] | [b]: pass\n",
    "match x:\n case [a, a]: pass\n",
    "match x:\n case {'a': 1, 'a': 2}: pass\n",
    "match x:\n case {1: 1, True: 2}: pass\n",
    "match x:\n case C(a=1, a=2): pass\n",
    "match x:\n case C(a=1, 2): pass\n",
    "match x:\n case [*a, *b]: pass\n",
    "match x:\n case 1 as _: pass\n",
    "match x:\n case f'x': pass\n",
    "match x:\n case -1 + 2: pass\n",
    "match x:\n case 1:\n pass\n",
    "match x:\n  pass\n",
    "match x:\n case 1: pass\n case _ if x: pass\n case 3: pass\n",
    "match x:\n case a.b: pass\n case [y, *rest] | (y, *rest): pass\n case z: pass\n",
]
for src in sources:
    try:
        exec("def f(x):\n" + "".join(" " + line for line in src.splitlines(True)), {})
        print("compiled")
    except SyntaxError as e:
        print(type(e).__name__, e.msg, e.lineno)
