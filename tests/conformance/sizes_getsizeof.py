# sys.getsizeof as CPython 3.11 reports it on 64-bit Linux, over a table of
# values of every built-in type, and how the sizes of lists, dicts and sets
# follow their history: literals, list(), +, *, appends, deletions, clear().
import sys

class C:
    pass

class S:
    __slots__ = ("a", "b")

def gen():
    yield 1

a = b = c = 1
table = [
    0, 1, 255, 256, 2**30 - 1, 2**30, 2**40, 2**62, -1, -2**40, True, False, None, 1.5, 2.0,
    "", "a", "abc", "x" * 100, "é", "éé" * 10, "€", "€" * 10, "😀", "😀" * 5, "a€😀",
    b"", b"abc", b"x" * 100, (), (1,), (1, 2, 3), tuple(range(10)),
    [], [1], [1, 2], [1, 2, 3], [a, b, c], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [None] * 10, [a] * 3,
    list(range(7)), list("abcdefg"), list(x for x in range(7)), [*range(7)], [i for i in range(10)],
    sorted([3, 2, 1]), [1, 2] + [3], list((1, 2, 3)), ["a", "b", "c"],
    {}, {"a": 1}, {i: i for i in range(5)}, {i: i for i in range(6)}, {i: i for i in range(20)},
    dict.fromkeys(range(100)), dict(a=1, b=2), dict([(1, 2)]), {str(i): i for i in range(200)},
    dict.fromkeys("abc"), {"x": 1, "y": 2, "z": 3, "w": 4, "v": 5, "u": 6},
    set(), {1}, {1, 2, 3, 4, 5}, set(range(10)), set(range(100)), frozenset(), frozenset({1, 2}),
    set({1, 2, 3}), set({"a": 1, "b": 2}), {1, 2, 3} | {4},
    range(10), C(), S(), gen(), (x for x in []), len, object(), Ellipsis, NotImplemented,
]
for v in table:
    print(type(v).__name__, sys.getsizeof(v))

# lists grow as CPython's, and shrink only when they fall below half
l = []
sizes = []
for i in range(40):
    l.append(i)
    sizes.append(sys.getsizeof(l))
print(sizes)
while l:
    l.pop()
    sizes.append(sys.getsizeof(l))
print(sizes[40:])
l = [1, 2, 3]
l.append(4)
print(sys.getsizeof(l))
l.append(5)
print(sys.getsizeof(l))
l = list(range(100))
del l[10:]
print(sys.getsizeof(l))
l.clear()
print(sys.getsizeof(l))

# a dict keeps its table when its keys are deleted; clear() frees it
d = {}
print(sys.getsizeof(d))
d["a"] = 1
print(sys.getsizeof(d))
del d["a"]
print(sys.getsizeof(d))
d = {i: i for i in range(1000)}
print(sys.getsizeof(d))
for k in list(d):
    del d[k]
print(sys.getsizeof(d), len(d))
d.clear()
print(sys.getsizeof(d))
d = {}
sizes = []
for i in range(50):
    d[str(i)] = i
    sizes.append(sys.getsizeof(d))
print(sizes)
d[1] = 1
print(sys.getsizeof(d))

# sets
s = set()
sizes = []
for i in range(30):
    s.add(i)
    sizes.append(sys.getsizeof(s))
print(sizes)
print(sys.getsizeof(sys.getsizeof), sys.getsizeof(1, "default"))
import gc
class S:
    def __sizeof__(self):
        return 1000
class T:
    __slots__ = ("a",)
    def __sizeof__(self):
        return 100
class Bad:
    def __sizeof__(self):
        return -1
class Bad2:
    def __sizeof__(self):
        return "x"
print(sys.getsizeof(S()), sys.getsizeof(T()), sys.getsizeof(S(), 7))
for b in (Bad(), Bad2()):
    try:
        sys.getsizeof(b)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
d = {"a": [1], "b": (2,)}
print(gc.get_referents(d))
d[3] = "three"
print(gc.get_referents(d))
del d[3]
print(gc.get_referents(d))
print(gc.get_referents({}), gc.get_referents({1: 2}))

# a slice of a list is allocated at its exact length
ten = list(range(10))
for part in (ten[::-1], ten[2:7], ten[7:2:-2], ten[:], ten[5:5], ten[::3], ten[-3:]):
    print("slice", len(part), sys.getsizeof(part))

# sorting keeps a list's allocation
for n in (0, 1, 5, 17, 100):
    l = list(range(n, 0, -1))
    l.append(0)
    before = sys.getsizeof(l)
    l.sort()
    print(n, before, sys.getsizeof(l), l[:3])
