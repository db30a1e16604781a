# range: lazy, indexable, sliceable, membership, repr, len.
r = range(10)
print(r, len(r), r[3], r[-1], list(r))
print(range(2, 8), list(range(2, 8)), list(range(0, 10, 3)), list(range(10, 0, -3)))
print(list(range(5, 5)), list(range(5, 0)), list(range(-3)), len(range(0, -10, -2)))
print(range(1, 10, 2)[2], range(1, 10, 2)[-1], range(0, 100, 7)[2:5])
print(3 in range(5), 5 in range(5), 4 in range(0, 10, 2), 5 in range(0, 10, 2), -1 in range(5))
print(range(3) == range(3), range(0) == range(2, 2), range(1, 5).index(3), range(10).count(4))
big = range(0, 9000000000000000000, 3)
print(len(big), big[12345], 8999999999999999997 in big, big[-1])
try:
    range(3)[5]
except IndexError as e:
    print(type(e).__name__, e)
try:
    range(1.5)
except TypeError as e:
    print(type(e).__name__, e)
print(sum(range(1, 1001)), max(range(7)), min(range(3, 9)), list(reversed(range(3))))
print(range(5).start, range(5).stop, range(1, 9, 2).step)
r = range(3)
it1 = iter(r)
it2 = iter(r)
print(next(it1), next(it1), next(it2), list(it1), list(it2))
print(type(range(1)).__name__, bool(range(0)), bool(range(1)))
