# The collections module: deque (native), namedtuple, defaultdict, Counter,
# OrderedDict, ChainMap, with CPython 3.11's results and error messages.
import sys
import gc
from collections import namedtuple, defaultdict, Counter, OrderedDict, ChainMap, deque


def show_error(fn, *args, **kwargs):
    try:
        fn(*args, **kwargs)
    except (TypeError, ValueError, IndexError, KeyError, RuntimeError) as e:
        print(type(e).__name__, e)


# ---- deque ----
d = deque([1, 2, 3])
print(d, len(d), d[0], d[-1], type(d), isinstance(d, deque))
d.append(4)
d.appendleft(0)
print(d)
d.rotate(2)
print(d)
d.rotate(-3)
print(d)
d.rotate(12)
print(d)
d[1] = "x"
del d[0]
print(d, "x" in d, 9 in d)
print(list(reversed(d)), d.pop(), d.popleft(), d)
b = deque(range(5), maxlen=3)
print(b, b.maxlen, deque().maxlen)
b.appendleft(9)
print(b)
b.extend([7, 8])
b.extendleft([1, 2])
print(b)
b.extend(b)
print(b)
print(deque() == deque(), deque([1]) == deque([1]), deque([1]) < deque([2]), deque([1]) == [1])
print(deque("abcab").count("a"), deque("abc").index("c"), deque("abcabc").index("a", 1), deque(maxlen=0))
show_error(deque().pop)
show_error(deque().popleft)
show_error(deque([1]).remove, 5)
show_error(deque([1]).index, 5)
show_error(lambda: deque([1])[3])
show_error(lambda: deque([1])["a"])
show_error(deque, [1], -1)
show_error(deque([1], maxlen=1).insert, 0, 2)
d = deque([1, 2, 3])
try:
    for x in d:
        d.append(1)
except RuntimeError as e:
    print(e)
d.reverse()
print(d, d.copy(), deque(d, maxlen=1))
d.insert(1, "i")
d.insert(-1, "j")
print(d)
d.remove("i")
print(d, bool(d))
d.clear()
print(d, bool(d))
big = deque(range(100))
for _ in range(30):
    big.popleft()
big.extend(range(100, 120))
big.rotate(7)
print(big[0], big[-1], len(big), sum(big))
gc.disable()
d = deque()
d.append(d)
d.append(iter(d))
print(d.count(d))
del d
print(gc.collect() >= 2)
gc.enable()
r = deque([[1]])
r[0].append(r)
print(r)

# ---- namedtuple ----
Point = namedtuple("Point", "x y")
p = Point(1, y=2)
print(p, p.x, p[1], len(p), list(p), p == (1, 2), p == Point(1, 2), hash(p) == hash((1, 2)))
x, y = p
print(x, y, Point._fields, p._asdict(), p._replace(x=5), Point._make([3, 4]))
P3 = namedtuple("P3", ["a", "b", "c"], defaults=[0, 9])
print(P3(1), P3(1, 2), P3._field_defaults, P3.__doc__, Point, Point.__name__)
print(namedtuple("Q", "a, b", module="geometry"))
for bad in [("P", "a a"), ("P", "_a"), ("P", "class"), ("1P", "a"), ("P", "a-b"), ("def", "a")]:
    show_error(namedtuple, *bad)
show_error(namedtuple, "P", "a", defaults=[1, 2])
print(namedtuple("R", "a a _b def 1x", rename=True)._fields)
show_error(Point, 1, 2, 3)
show_error(Point)
show_error(Point, 1, x=2)
show_error(Point, 1, z=2)
show_error(namedtuple("T3", "a b c"))
show_error(p._replace, z=1)
show_error(Point._make, [1])
try:
    p.x = 3
except AttributeError:
    print("AttributeError")
print(p < Point(1, 3), sorted([Point(2, 1), Point(1, 5)]), p.count(1), p.index(2), p[:1], 2 in p)
print({p: "p"}[(1, 2)], p + (3,), tuple(p), max(Point(4, 9)))

# ---- defaultdict ----
dd = defaultdict(list)
dd["a"].append(1)
print(dd, dd["b"], len(dd), "a" in dd, dict(dd), sorted(dd.items()), list(dd))
print(defaultdict(int, {"x": 1}), defaultdict(), dd == {"a": [1], "b": []}, dd.default_factory)
counts = defaultdict(int)
for word in "the cat and the hat and the bat".split():
    counts[word] += 1
print(counts, counts.get("dog"), "dog" in counts)
copied = counts.copy()
copied["new"] += 1
print(copied.default_factory, len(copied), len(counts))
show_error(defaultdict, 1)
show_error(lambda: defaultdict()["q"])
print(dd.pop("b"), dd.setdefault("c", 5), dd.popitem(), dd)

# ---- Counter ----
c = Counter("abracadabra")
print(c, c["z"], c.most_common(2), c.most_common(), c.total(), sorted(c.elements()))
c.update({"a": 1})
c.subtract("bb")
print(c)
c.update("zz", q=2)
print(c)
c2 = Counter(a=1, b=5)
print(c + c2, c - c2, c & c2, c | c2)
print(+Counter(a=-1, b=2), -Counter(a=-1, b=2))
print(Counter(), dict(Counter("aab")), Counter(a=1) == Counter(a=1, b=0), Counter("aab") != Counter("ab"))
print(Counter("ab") <= Counter("aab"), Counter("aab") < Counter("ab"), sorted(Counter("hello").items()))
c3 = Counter("aaa")
c3 -= Counter("a")
c3 += Counter("b")
print(c3, "z" in c3, len(c3), list(c3))
del c3["nothing"]
show_error(Counter.fromkeys, "ab")
words = Counter()
for w in "one two two three three three".split():
    words[w] += 1
print(words.most_common(1), words)
lines = ["the cat", "the dog and the cat", "", "a b a"]
by_line = Counter()
for line in lines:
    by_line.update(line.split())
print(by_line.most_common(3), by_line == Counter(w for line in lines for w in line.split()))
print(Counter(iter([1, 2, 1, (1, 2), 2.0, True])), Counter(range(3)), Counter(x % 3 for x in range(10)))
show_error(Counter, [[1], [2]])
partial = Counter()
show_error(partial.update, [1, 2, [3], 4])
print(partial)

# _count_elements, Counter.update's counting loop (a dict, or any mapping
# with get and item assignment)
from _collections import _count_elements
counts = {"a": 5, "b": 1.5}
_count_elements(counts, "abcab")
print(counts)
class LoggingMapping:
    def __init__(self):
        self.data = {}
    def get(self, key, default=None):
        return self.data.get(key, default)
    def __setitem__(self, key, value):
        print("set", key, value)
        self.data[key] = value
logging_mapping = LoggingMapping()
print(_count_elements(logging_mapping, "xyx"), logging_mapping.data)
show_error(_count_elements, {})
show_error(_count_elements, {}, 5)
show_error(_count_elements, 5, 5)
try:
    _count_elements(5, "ab")
except AttributeError as e:
    print("AttributeError", e)

# ---- OrderedDict ----
o = OrderedDict()
print(o)
o["a"] = 1
o["b"] = 2
o["c"] = 3
o.move_to_end("a")
print(o)
o.move_to_end("c", last=False)
print(o, list(o), list(o.keys()), list(o.values()))
print(o.popitem(), o.popitem(last=False), o)
print(OrderedDict([(1, 2), (3, 4)]) == OrderedDict([(3, 4), (1, 2)]), OrderedDict([(1, 2), (3, 4)]) == {3: 4, 1: 2})
show_error(o.move_to_end, "zz")
show_error(OrderedDict().popitem)
print(OrderedDict.fromkeys("xy", 0), OrderedDict(b=1, a=2), list(reversed(OrderedDict(b=1, a=2))))

# ---- ChainMap ----
cm = ChainMap({"a": 1}, {"a": 2, "b": 3})
print(cm, cm["a"], cm["b"], len(cm), list(cm), cm.get("z"), dict(cm), "b" in cm)
cm["z"] = 0
print(cm.maps[0], cm.new_child({"q": 1}), cm.parents, ChainMap())
show_error(lambda: cm["missing"])
del cm["z"]
show_error(cm.__delitem__, "b")
print(cm.pop("a"), cm, bool(ChainMap({})))

# namedtuple classes are cycles (their methods close over them)
del Point, P3, p
gc.collect()

# counting into Counter subclasses: overridden __setitem__ or get are called, plain ones counted directly
from collections import Counter
class Loud(Counter):
    def __setitem__(self, k, v):
        print("set", k, v)
        super().__setitem__(k, v)
class Getter(Counter):
    def get(self, k, default=None):
        return 10
c = Counter("abracadabra")
print(sorted(c.items()), c.most_common(2))
l = Loud("aab")
print(sorted(l.items()))
g = Getter("aab")
print(sorted(g.items()))
class Plain(dict):
    pass
import collections
p = Plain()
collections._count_elements(p, "xyx") if hasattr(collections, "_count_elements") else None
print(sorted(p.items()))

# namedtuple instances are tuples
P = namedtuple("P", "x y", defaults=[0])
p = P(1)
q = P(1, 0)
print(isinstance(p, tuple), p == q, p == (1, 0), p < P(2, 0), hash(p) == hash((1, 0)), p + (5,), p * 2)
print(sys.getsizeof(p) == sys.getsizeof((1, 0)), P._make([3, 4]), p._replace(y=9), P._fields, P._field_defaults)
x, y = p
print(x, y, list(reversed(p)), p.count(1), p.index(0), sorted([P(2, 1), P(1, 5)]))
try:
    p.x = 5
except AttributeError as e:
    print("AttributeError", e)
try:
    p.z = 5
except AttributeError as e:
    print("AttributeError", e)
print(type(p).__mro__, P.__doc__, P.x.__doc__)
print(p.__match_args__, repr(P(x=3)))
match p:
    case P(x, y):
        print("matched", x, y)
