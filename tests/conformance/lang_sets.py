# Sets: construction, algebra, methods (printed sorted: order is not part of
# the language).
a = {1, 2, 3, 4}
b = set([3, 4, 5, 6])
print(sorted(a), sorted(b), len(a), 3 in a, 7 in a)
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b))
print(sorted(a.union(b)), sorted(a.intersection(b)), sorted(a.difference(b)),
      sorted(a.symmetric_difference(b)))
print({1, 2} <= a, {1, 2} < a, a <= a, a < a, a >= {1}, a.issubset(b),
      {1, 2}.issuperset({1}), a.isdisjoint({9}))
a.add(10)
a.add(1)
a.discard(2)
a.discard(99)
a.remove(3)
print(sorted(a))
try:
    a.remove(99)
except KeyError as e:
    print(type(e).__name__, e)
a |= {20}
a &= {1, 4, 10, 20, 30}
a -= {4}
print(sorted(a))
a.update([7, 8], (9,))
print(sorted(a), len(a))
words = set("mississippi")
print(sorted(words), len(words))
print(set() == set([]), {1, 2} == {2, 1}, {1} != {2})
c = a.copy()
c.clear()
print(c, len(a))
print(sorted({x % 3 for x in range(10)}))
print(sorted(set(["b", "a", "b"])))
s = {(1, 2), (1, 2), (2, 1)}
print(len(s), (1, 2) in s)
try:
    {[1]}
except TypeError as e:
    print(type(e).__name__, e)
print({True, 1, 1.0} == {1}, len({True, 1, 1.0}))
