"""The copy module: shallow and deep copies of containers and instances,
__copy__/__deepcopy__, memo and recursive structures, copy.Error."""
import copy

# The learner's lesson: a shallow copy shares the inner lists.
grid = [[1, 2], [3, 4]]
shallow = copy.copy(grid)
deep = copy.deepcopy(grid)
print(shallow == grid, shallow is grid, shallow[0] is grid[0])
print(deep == grid, deep is grid, deep[0] is grid[0])
grid[0].append(99)
grid.append([5])
print("grid   ", grid)
print("shallow", shallow)
print("deep   ", deep)

# atoms come back as they are
for value in [None, 1, 2.5, True, "text", b"bytes", (1, 2), frozenset([1]), int, len, range(3)]:
    print(repr(value), copy.copy(value) is value, copy.deepcopy(value) is value)


def f():
    return 1


print(copy.copy(f) is f, copy.deepcopy(f) is f)

# containers
d = {"a": [1], "b": {"c": [2]}}
ds = copy.copy(d)
dd = copy.deepcopy(d)
print(ds["a"] is d["a"], dd["a"] is d["a"], dd["b"]["c"] is d["b"]["c"], dd == d)
s = {1, 2, (3, 4)}
print(sorted(copy.copy(s), key=repr), copy.copy(s) is s, copy.deepcopy(s) == s)
t = (1, [2, 3])
t2 = copy.deepcopy(t)
print(t2, t2 is t, t2[1] is t[1], copy.copy(t) is t)
atoms = (1, "a", (2, 3))
print(copy.deepcopy(atoms) is atoms)
empty = []
print(copy.copy(empty) is empty, copy.deepcopy(empty) is empty)

# shared parts stay shared in a deep copy
inner = [0]
pair = [inner, inner]
pair2 = copy.deepcopy(pair)
print(pair2[0] is pair2[1], pair2[0] is inner)

# recursive structures
loop = [1, 2]
loop.append(loop)
loop2 = copy.deepcopy(loop)
print(loop2, loop2 is loop, loop2[2] is loop2)
node = {"name": "n"}
node["self"] = node
node2 = copy.deepcopy(node)
print(node2["self"] is node2, node2["self"] is node)
holder = [1]
tup = (holder,)
holder.append(tup)
tup2 = copy.deepcopy(tup)
print(tup2[0][1] is tup2, tup2 is tup)

# the memo
memo = {}
shared = [7]
a = copy.deepcopy(shared, memo)
b = copy.deepcopy(shared, memo)
print(a is b, a is shared, id(shared) in memo)


# instances: built without __init__, attributes copied
class Point:
    def __init__(self, x, y):
        print("Point.__init__ ran")
        self.x = x
        self.y = y

    def __repr__(self):
        return "Point(%r, %r)" % (self.x, self.y)


p = Point([1], 2)
p1 = copy.copy(p)
p2 = copy.deepcopy(p)
print(p1, p2, type(p1) is Point, p1 is p)
print(p1.x is p.x, p2.x is p.x)
p.x.append(5)
print(p1, p2)


class Slotted:
    __slots__ = ("a", "b")


so = Slotted()
so.a = [1]
sc = copy.copy(so)
sd = copy.deepcopy(so)
print(sc.a is so.a, sd.a is so.a, sd.a, hasattr(sd, "b"))


class Custom:
    def __init__(self, value):
        self.value = value

    def __copy__(self):
        print("__copy__ called")
        return Custom(self.value)

    def __deepcopy__(self, memo):
        print("__deepcopy__ called with a", type(memo).__name__)
        return Custom(copy.deepcopy(self.value, memo))


c = Custom([1])
c1 = copy.copy(c)
c2 = copy.deepcopy(c)
print(c1.value is c.value, c2.value is c.value, c2.value)
print(copy.deepcopy([c, c])[0].value)


class Stateful:
    def __init__(self):
        self.data = [1, 2]
        self.cache = "big"

    def __getstate__(self):
        return {"data": self.data}

    def __setstate__(self, state):
        self.__dict__.update(state)
        self.cache = None


st = copy.deepcopy(Stateful())
print(st.data, st.cache)


class Tree:
    def __init__(self, name, parent=None):
        self.name = name
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)


root = Tree("root")
leaf = Tree("leaf", root)
root2 = copy.deepcopy(root)
print(root2.children[0].parent is root2, root2.children[0] is leaf, root2.children[0].name)

# what cannot be copied
def gen():
    yield 1


try:
    copy.copy(gen())
except TypeError as e:
    print("TypeError:", e)
try:
    copy.deepcopy([gen()])
except TypeError as e:
    print("TypeError:", e)
print(issubclass(copy.Error, Exception), copy.error is copy.Error)
