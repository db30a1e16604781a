# yield from: delegation, return values, send through.
def inner(n):
    for i in range(n):
        got = yield i
        if got:
            print("inner got", got)
    return n * 100

def outer():
    r1 = yield from inner(2)
    print("r1", r1)
    r2 = yield from inner(1)
    print("r2", r2)
    yield from [7, 8]
    yield from "ab"
    return r1 + r2

print(list(outer()))
g = outer()
print(next(g))
print(g.send("hello"))
print(g.send("there"))

def chain(*its):
    for it in its:
        yield from it
print(list(chain(range(3), (x * x for x in range(3)), [9])))

def tree(depth):
    if depth == 0:
        yield "leaf"
        return
    yield from tree(depth - 1)
    yield "node%d" % depth
    yield from tree(depth - 1)
print(list(tree(2)))

def value_only():
    return "v"
    yield
def takes():
    x = yield from value_only()
    print("took", x)
    yield x
print(list(takes()))

# throw() and close() reach the generator delegated to first
def inner_guarded():
    try:
        yield 1
        yield 2
    except KeyError as e:
        print("inner caught", e)
        yield "inner recovered"
        return "inner value"
    finally:
        print("inner finally")

def outer_guarded():
    try:
        r = yield from inner_guarded()
        print("outer got", r)
        yield "outer after"
    finally:
        print("outer finally")

g = outer_guarded()
print(next(g))
print(g.throw(KeyError("k")))
print(next(g))
g.close()
print("--")
g = outer_guarded()
next(g)
g.close()
print("--")
g = outer_guarded()
next(g)
try:
    g.throw(ValueError("v"))
except ValueError as e:
    print("propagated", e)

def over_list():
    try:
        yield from [1, 2, 3]
    except KeyError:
        print("outer caught what the list iterator could not take")
        yield "ok"
g = over_list()
next(g)
print(g.throw(KeyError("x")))
