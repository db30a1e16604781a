# Tuples: packing, unpacking, immutability, methods, nesting.
t = 1, 2, 3
print(t, type(t).__name__, len(t), t[1], t[-1])
single = (5,)
empty = ()
print(single, empty, len(empty), (1) == 1, tuple([1, 2]), tuple("ab"))
a, b, c = t
print(a, b, c)
a, b = b, a
print(a, b)
(x, y), z = (1, 2), 3
print(x, y, z)
first, second = [1, 2]
print(first, second)
p, q, r = "abc"
print(p, q, r)
lo, hi = range(2)
print(lo, hi)
print(t + (4,), t * 2, t.count(2), t.index(3), 2 in t)
try:
    t[0] = 9
except TypeError as e:
    print(type(e).__name__, e)
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print(type(e).__name__, e)
try:
    a, b, c = [1, 2]
except ValueError as e:
    print(type(e).__name__, e)
print((1, 2) < (1, 3), (1, 2) == (1, 2), hash((1, 2)) == hash((1, 2)))
print({(1, 2): "pair"}[(1, 2)])
nested = ((1, 2), [3, 4])
nested[1].append(5)
print(nested)
print(tuple(range(3)), max((3, 1, 2)), sorted((3, 1, 2)))
for i, (p, q) in enumerate([(1, 2), (3, 4)]):
    print(i, p, q)
