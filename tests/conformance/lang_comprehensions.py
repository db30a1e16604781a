# List, dict and set comprehensions: filters, nesting, scoping.
print([x * x for x in range(6)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([(x, y) for x in range(3) for y in range(x)])
print([[y for y in range(x)] for x in range(4)])
print({k: v for k, v in zip("abc", range(3))})
print({x: x ** 2 for x in range(5) if x != 2})
print(sorted({c.upper() for c in "hello"}))
print([s.strip() for s in [" a ", "b  ", "  c"]])
print([x if x > 2 else -x for x in range(5)])
x = "outer"
squares = [x for x in range(3)]
print("comprehension variable does not leak:", x)
n = 10
print([i + n for i in range(3)])


def scale(factor):
    return [v * factor for v in [1, 2, 3]]


print(scale(3))
matrix = [[1, 2, 3], [4, 5, 6]]
print([[row[i] for row in matrix] for i in range(3)])
print([c for word in ["ab", "cd"] for c in word])
funcs = [lambda v, i=i: v + i for i in range(3)]
print([f(10) for f in funcs])
late = [lambda v: v + i for i in range(3)]
print([f(10) for f in late])
print(sum([x for x in range(101)]), len([0 for _ in "abc"]))
print({len(w): w for w in ["a", "bb", "cc"]})
