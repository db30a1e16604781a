# functools: reduce, partial, cmp_to_key, update_wrapper/wraps, lru_cache,
# cache and total_ordering, with CPython's errors.
import functools
import gc
from functools import reduce, partial, cmp_to_key, wraps, update_wrapper, lru_cache, cache, total_ordering


def show(f, *a, **k):
    try:
        print(f(*a, **k))
    except Exception as e:
        print(type(e).__name__, e)


# reduce
print(reduce(lambda a, b: a + b, [1, 2, 3, 4]))
print(reduce(lambda a, b: a * b, range(1, 6), 10))
print(reduce(lambda a, b: a + b, [], 7))
print(reduce(lambda a, b: a + b, ["x"]))
show(reduce, lambda a, b: a + b, [])
show(reduce, lambda a, b: a + b)
show(reduce, lambda a, b: a + b, 5)
show(reduce, lambda a, b: a // b, [1, 0])

# partial
def f(a, b, c=3, *, d=4):
    return (a, b, c, d)

p = partial(f, 1, c=30)
print(p(2), p(2, d=40), p(2, c=5))
print(p.func is f, p.args, p.keywords)
print(repr(partial(int, base=2)), partial(int, base=2)("101"))
q = partial(p, 9)
print(q.func is f, q.args, q.keywords, q())
print(type(p).__name__)
show(partial)
show(partial, 1)
print(partial(max, 5)(3, 9))

# cmp_to_key
def by_len_then_text(a, b):
    if len(a) != len(b):
        return len(a) - len(b)
    return (a > b) - (a < b)

words = ["pear", "fig", "banana", "kiwi", "apple"]
print(sorted(words, key=cmp_to_key(by_len_then_text)))
print(sorted(words, key=cmp_to_key(by_len_then_text), reverse=True))
K = cmp_to_key(lambda a, b: a - b)
print(K(1) < K(2), K(2) <= K(2), K(3) == K(3), K(3) > K(4), K(1).obj)
show(lambda: K(1) < 5)
show(cmp_to_key)

# update_wrapper and wraps
def original(x):
    "the docstring"
    return x * 2

original.extra = "kept"

def plain(*a):
    return original(*a)

w = update_wrapper(plain, original)
print(w is plain, w.__name__, w.__qualname__, w.__doc__, w.__module__, w.extra, w.__wrapped__ is original)

def logged(fn):
    @wraps(fn)
    def inner(*a, **k):
        return ("logged", fn(*a, **k))
    return inner

@logged
def add(a, b):
    "add two numbers"
    return a + b

print(add(2, 3), add.__name__, add.__doc__, add.__wrapped__(4, 5))
print(functools.WRAPPER_ASSIGNMENTS, functools.WRAPPER_UPDATES)

# lru_cache
@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

print(fib(30), fib.cache_info())
info = fib.cache_info()
print(info.hits, info.misses, info.maxsize, info.currsize)
fib.cache_clear()
print(fib.cache_info())

calls = []

@lru_cache(maxsize=2)
def square(x):
    calls.append(x)
    return x * x

for x in [1, 2, 1, 3, 2, 1, 3]:
    square(x)
print(calls, square.cache_info())

@lru_cache
def keyed(a, b=0):
    calls.append((a, b))
    return a + b

calls.clear()
print(keyed(1, 2), keyed(1, b=2), keyed(1, b=2), keyed(a=1, b=2), keyed(1, 2))
print(calls, keyed.cache_info(), keyed.__name__, keyed.__wrapped__(5))
print(keyed.cache_parameters())

@lru_cache(maxsize=10, typed=True)
def typed_f(x):
    calls.append(x)
    return x

calls.clear()
typed_f(1); typed_f(1.0); typed_f(1)
print(calls, typed_f.cache_info())

@lru_cache(maxsize=0)
def never(x):
    return x

never(1); never(1)
print(never.cache_info())

@cache
def cube(x):
    return x ** 3

print(cube(3), cube(3), cube.cache_info())
show(lru_cache, "big")
show(lambda: lru_cache(maxsize=3)(5))
show(lambda: cache(lambda: 0)([]))

# total_ordering
@total_ordering
class Version:
    def __init__(self, n):
        self.n = n
    def __eq__(self, other):
        return self.n == other.n
    def __lt__(self, other):
        return self.n < other.n

a, b = Version(1), Version(2)
print(a < b, a > b, a <= b, a >= b, a <= Version(1), b >= a, a > a)
print(sorted([Version(3), Version(1), Version(2)], reverse=True)[0].n)

@total_ordering
class Desc:
    def __init__(self, n):
        self.n = n
    def __eq__(self, other):
        return self.n == other.n
    def __ge__(self, other):
        return self.n >= other.n

x, y = Desc(1), Desc(2)
print(x < y, x > y, x <= y, x >= y, x <= Desc(1), x < Desc(1))

try:
    @total_ordering
    class Nothing:
        pass
except ValueError as e:
    print(type(e).__name__, e)

# a partial that reaches itself through a list is collected
gc.collect()
holder = []
loop = partial(print, holder)
holder.append(loop)
del holder, loop
print(gc.collect() > 0)

# a cached function whose cache holds the function itself
@lru_cache
def selfish(n):
    return selfish

selfish(1)
del selfish
print(gc.collect() > 0)

# lru_cache and cache on methods bind self; a bound method shows its function's attributes
class Fib:
    calls = 0
    @functools.lru_cache(maxsize=None)
    def fib(self, n):
        Fib.calls += 1
        return n if n < 2 else self.fib(n - 1) + self.fib(n - 2)
    @functools.cache
    def double(self, x):
        return 2 * x
f = Fib()
print(f.fib(30), Fib.calls, f.fib.cache_info())
print(f.double(4), Fib.double.cache_info())
g = Fib()
print(g.fib(10), Fib.calls)
print(Fib.fib(f, 5))
print(type(f.fib).__name__)
class A:
    def f(self): "doc of f"
def g(): pass
g.tag = 5
A.g = g
a = A()
print(a.f.__name__, a.f.__doc__, a.g.tag)
try:
    a.f.nothing
except AttributeError as e:
    print("AttributeError", e)
