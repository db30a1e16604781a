# Generator functions: lazy, resumable, and their return value.
def count(n):
    print("start")
    i = 0
    while i < n:
        yield i
        i += 1
    print("end")
    return "done"

g = count(3)
print("made")
print(next(g))
print(list(g))
try:
    next(g)
except StopIteration as e:
    print("exhausted again", e.value)

g = count(1)
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration value:", e.value)
print(next(count(0), "default"))

def pairs():
    for a in "ab":
        for b in (1, 2):
            yield a, b
print(list(pairs()))
x, y, z, w = pairs()
print(x, y, z, w)
print(sum(n for n in count(5)))
print(type(count(1)).__name__, count(2).__name__)
print(iter(g) is g)

def bare():
    yield
print(list(bare()))

def with_locals(k):
    total = 0
    for i in range(k):
        total += i
        yield total
print(list(with_locals(5)))

def closure_gen(m):
    def inner():
        for i in range(3):
            yield i * m
    return inner()
print(list(closure_gen(10)))

def early():
    yield 1
    return
    yield 2
print(list(early()))

def bad():
    yield 1
    raise StopIteration("inside")
try:
    list(bad())
except RuntimeError as e:
    print("RuntimeError:", e, type(e.__cause__).__name__)

def running():
    yield g2.gi_running
g2 = running()
print(next(g2), g2.gi_running)

def recurse():
    yield next(r)
r = recurse()
try:
    next(r)
except ValueError as e:
    print("ValueError:", e)
