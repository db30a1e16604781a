# Generator expressions are lazy: items are made one at a time.
def noisy(n):
    for i in range(n):
        print("make", i)
        yield i

g = (x * 10 for x in noisy(3))
print("created")
print(next(g))
print(next(g))
print(list(g))

print(next(x for x in range(10**12) if x * x > 50))

def check(x):
    print("check", x)
    return x > 1
print(any(check(x) for x in [0, 1, 2, 3, 4]))
print(all(check(x) for x in [5, 0, 7]))

def risky(x):
    if x == 2:
        raise ValueError("bad item %d" % x)
    return x
g = (risky(x) for x in range(5))
print("no error yet")
print(next(g), next(g))
try:
    next(g)
except ValueError as e:
    print("ValueError at the item:", e)

print(sum(x * x for x in range(100000)))
print(sorted((y for y in "hello"), reverse=True))
print(dict((k, len(k)) for k in ["a", "bb"]))
print(max(len(w) for w in "the quick brown fox".split()))
print(tuple(i for i in range(4) if i % 2))
print([list(g2) for g2 in ((i for i in range(k)) for k in range(3))])
print(" ".join(str(i) for i in range(5)))
first = (c for c in "xyz")
print(next(first), list(first))
