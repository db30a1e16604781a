# Lists: construction, methods, mutation, comparison, copying.
a = [3, 1, 4, 1, 5, 9, 2, 6]
print(a, len(a), a[0], a[-1], a[2:5], a[::3])
a.append(7)
a.insert(0, 0)
a.insert(100, 99)
a.insert(-1, 8)
print(a)
print(a.pop(), a.pop(0), a.pop(-2), a)
a.remove(1)
print(a, a.index(5), a.count(1), a.count(42))
a.extend([10, 11])
a += [12]
print(a)
a.reverse()
print(a)
a.sort()
print(a)
a.sort(reverse=True)
print(a)
words = ["banana", "Apple", "cherry", "apple"]
print(sorted(words), sorted(words, key=len), sorted(words, key=lambda w: w.lower()))
pairs = [(2, "b"), (1, "z"), (2, "a"), (1, "y")]
print(sorted(pairs, key=lambda p: p[0]))
b = a.copy()
c = a[:]
d = list(a)
print(b == a, b is a, c is a, d is a)
a.clear()
print(a, b[:3])
print([1, 2] * 3, [[0] * 2] * 2, [] * 5)
grid = [[0] * 3 for _ in range(2)]
grid[0][0] = 1
print(grid)
shared = [[0]] * 2
shared[0][0] = 1
print(shared)
print([1, [2, [3, [4]]]], list(range(5)), list("hi"), list((1, 2)), list({"a": 1}))
x = [5, 6, 7]
x[1] = 60
x[-1] = 70
print(x)
try:
    x[3] = 1
except IndexError as e:
    print(type(e).__name__, e)
nested = [1, 2]
nested.append(nested)
print(nested)
print(max([4, 8, 2]), min([4, 8, 2]), sum([4, 8, 2]), len([]))
print([3, 2, 1].index(1), [0] + [1], [1, 2] != [2, 1])
