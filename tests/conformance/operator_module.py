# The operator module: every operator as a function, the in-place forms,
# itemgetter / attrgetter / methodcaller, and CPython's errors.
import operator


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


print("arithmetic")
print(operator.add(2, 3), operator.sub(10, 4), operator.mul(6, 7))
print(operator.truediv(7, 2), operator.floordiv(7, 2), operator.floordiv(-7, 2))
print(operator.mod(7, 3), operator.mod(-7, 3), operator.pow(2, 10), operator.pow(2, -1))
print(operator.lshift(1, 5), operator.rshift(256, 3))
print(operator.and_(12, 10), operator.or_(12, 10), operator.xor(12, 10))
print(operator.add("ab", "cd"), operator.mul([0], 3), operator.add(1.5, 2))
print(operator.neg(5), operator.pos(-5), operator.invert(5), operator.inv(0))
print(operator.abs(-3), operator.abs(-2.5), operator.index(7), operator.index(True))
print(operator.__add__(1, 1), operator.__neg__(2))

print("truth and identity")
print(operator.not_(0), operator.not_([1]), operator.truth(""), operator.truth("x"))
a = [1]
b = [1]
print(operator.is_(a, a), operator.is_(a, b), operator.is_not(a, b), operator.is_(None, None))

print("comparisons")
for f in (operator.lt, operator.le, operator.eq, operator.ne, operator.gt, operator.ge):
    print(f(1, 2), f(2, 2), f(3, 2), f("a", "b"))

print("sequences")
print(operator.concat([1, 2], [3]), operator.concat("x", "y"), operator.concat((1,), (2,)))
print(operator.contains([1, 2, 3], 2), operator.contains("abc", "d"), operator.contains({"k": 1}, "k"))
print(operator.countOf([1, 2, 1, 1], 1), operator.countOf("banana", "a"), operator.countOf([], 0))
print(operator.indexOf([5, 6, 7], 7), operator.indexOf("abc", "b"))
print(operator.getitem([10, 20, 30], 1), operator.getitem({"a": 1}, "a"), operator.getitem("hello", slice(1, 3)))
d = {}
operator.setitem(d, "k", 5)
lst = [1, 2, 3]
operator.setitem(lst, 0, 9)
print(d, lst)
operator.delitem(d, "k")
operator.delitem(lst, -1)
print(d, lst)

print("in-place")
x = [1]
y = operator.iadd(x, [2])
print(x, y is x)
t = (1,)
u = operator.iadd(t, (2,))
print(t, u)
print(operator.isub(5, 2), operator.imul(3, 4), operator.itruediv(1, 4), operator.ifloordiv(9, 2))
print(operator.imod(9, 4), operator.ipow(3, 3), operator.ilshift(1, 3), operator.irshift(16, 2))
print(operator.iand(6, 3), operator.ior(6, 3), operator.ixor(6, 3))
s = [0]
print(operator.iconcat(s, [1]), s)


class Vec:
    def __init__(self, x):
        self.x = x

    def __add__(self, other):
        return Vec(self.x + other.x)

    def __iadd__(self, other):
        self.x += other.x
        return self

    def __neg__(self):
        return Vec(-self.x)

    def __lt__(self, other):
        return self.x < other.x

    def __repr__(self):
        return "Vec(%d)" % self.x


v = Vec(1)
print(operator.add(v, Vec(2)), operator.neg(v), operator.lt(v, Vec(5)))
w = operator.iadd(v, Vec(10))
print(w, w is v)

print("itemgetter")
g = operator.itemgetter(1)
print(repr(g), g([4, 5, 6]), g("xyz"), g({1: "one"}))
g2 = operator.itemgetter(0, 2, -1)
print(repr(g2), g2("abcd"), g2([1, 2, 3, 4]))
print(repr(operator.itemgetter("a", slice(1, 2))))
print(operator.itemgetter(slice(1, 3))([1, 2, 3, 4]))
rows = [("b", 2, 9.5), ("a", 3, 1.0), ("c", 1, 4.25)]
print(sorted(rows, key=operator.itemgetter(1)))
print(sorted(rows, key=operator.itemgetter(2), reverse=True))
print(sorted(rows, key=operator.itemgetter(0)))
print(list(map(operator.itemgetter(0), rows)))
print(max(rows, key=operator.itemgetter(2)))
people = [{"name": "bo", "age": 30}, {"name": "al", "age": 25}, {"name": "cy", "age": 30}]
print([p["name"] for p in sorted(people, key=operator.itemgetter("age", "name"))])

print("attrgetter")


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
        self.inner = None

    def __repr__(self):
        return "P(%d, %d)" % (self.x, self.y)


pts = [Point(3, 1), Point(1, 2), Point(2, 0)]
print(sorted(pts, key=operator.attrgetter("x")))
print(sorted(pts, key=operator.attrgetter("y")))
print(sorted(pts, key=operator.attrgetter("y", "x"), reverse=True))
ag = operator.attrgetter("x")
print(repr(ag), ag(pts[0]))
pts[0].inner = Point(7, 8)
print(operator.attrgetter("inner.y")(pts[0]), operator.attrgetter("inner.x", "y")(pts[0]))
print(repr(operator.attrgetter("inner.y", "x")))
print(operator.attrgetter("__class__.__name__")(pts[0]))

print("methodcaller")
mc = operator.methodcaller("upper")
print(repr(mc), mc("abc"))
mc2 = operator.methodcaller("split", ",", 1)
print(repr(mc2), mc2("a,b,c"))
mc3 = operator.methodcaller("replace", "a", "o", 1)
print(mc3("banana"))
mc4 = operator.methodcaller("sort", reverse=True)
print(repr(mc4))
nums = [3, 1, 2]
print(mc4(nums), nums)
print(repr(operator.methodcaller("f", 1, "x", k=2, j="s")))
print(sorted(["Bb", "aa", "Cc"], key=operator.methodcaller("lower")))

print("errors")
show(lambda: operator.add(1))
show(lambda: operator.add(1, 2, 3))
show(lambda: operator.add(1, b=2))
show(lambda: operator.neg())
show(lambda: operator.truth(1, 2))
show(lambda: operator.setitem([1], 0))
show(lambda: operator.is_(1))
show(lambda: operator.sub("a", 1))
show(lambda: operator.truediv(1, 0))
show(lambda: operator.mod(1, 0))
show(lambda: operator.neg("x"))
show(lambda: operator.invert(1.5))
show(lambda: operator.lt(1, "a"))
show(lambda: operator.concat(1, 2))
show(lambda: operator.concat([1], (2,)))
show(lambda: operator.concat("a", 1))
show(lambda: operator.contains(1, 2))
show(lambda: operator.countOf(3, 1))
show(lambda: operator.indexOf([1, 2], 5))
show(lambda: operator.index(1.5))
show(lambda: operator.index("3"))
show(lambda: operator.abs("x"))
show(lambda: operator.getitem([1], 5))
show(lambda: operator.getitem({}, "missing"))
show(lambda: operator.setitem(1, 2, 3))
show(lambda: operator.delitem((1,), 0))
show(lambda: operator.itemgetter())
show(lambda: operator.itemgetter(5)([1]))
show(lambda: operator.itemgetter(1)(1, 2))
show(lambda: operator.itemgetter(1)())
show(lambda: operator.attrgetter())
show(lambda: operator.attrgetter(1))
show(lambda: operator.attrgetter("a")(1))
show(lambda: operator.attrgetter("x.nope")(pts[1]))
show(lambda: operator.methodcaller())
show(lambda: operator.methodcaller(1))
show(lambda: operator.methodcaller("nope")(1))
show(lambda: operator.methodcaller("upper", 1)("a"))
