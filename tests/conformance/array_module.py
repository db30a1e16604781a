# The array module: typed arrays of C numbers, their methods, operators,
# errors, and what they weigh (sys.getsizeof) against lists of objects.
import array
import sys
from array import array as A


def attempt(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


print("-- construction")
print(A('i'), A('d'), A('b', [1, -2, 3]))
print(A('d', [1.0, 2.5]), A('f', [0.1]), A('d', [1, True]))
print(A('i', (1, 2, 3)), A('h', range(5)), A('q', iter([7, 8])))
print(A('B', b'\x01\x02\xff'), A('H', b'\x01\x00\x02\x00'))
print(A('i', A('i', [4, 5])), A('d', A('i', [4, 5])))
attempt(lambda: A('i', None))
print(array.typecodes, array.ArrayType is A, A.__name__, A.__module__)
print(type(A('i')), isinstance(A('d'), A), isinstance([], A))
for code in 'bBhHiIlLqQfd':
    a = A(code, [1, 2])
    print(code, a.typecode, a.itemsize, a, len(a.tobytes()))
attempt(lambda: A('z'))
attempt(lambda: A('dd'))
attempt(lambda: A(3))
attempt(lambda: A('d', 3))
attempt(lambda: A('d', 'abc'))
attempt(lambda: A('i', A('d', [1.0])))
attempt(lambda: A('i', b'abc'))
attempt(lambda: A(typecode='i'))

print("-- ranges")
big = 2**62 - 1 + 2**62
limits = {'b': (-128, 127), 'B': (0, 255), 'h': (-32768, 32767), 'H': (0, 65535),
          'i': (-2**31, 2**31 - 1), 'I': (0, 2**32 - 1), 'l': (-big - 1, big),
          'L': (0, big), 'q': (-big - 1, big), 'Q': (0, big)}
for code in 'bBhHiIlLqQ':
    lo, hi = limits[code]
    print(code, A(code, [lo, hi]))
    if lo > -big - 1:
        attempt(lambda: A(code, [lo - 1]))
    if hi < big:
        attempt(lambda: A(code, [hi + 1]))
    attempt(lambda: A(code, [100000]))
    attempt(lambda: A(code, [-100000]))
    attempt(lambda: A(code, [1.5]))
    attempt(lambda: A(code, ['x']))
attempt(lambda: A('d', ['x']))
attempt(lambda: A('f', [None]))
print(A('f', [1e300]), A('f', [0.5, -0.25]))

print("-- items and slices")
a = A('i', range(10))
print(a[0], a[-1], a[2:5], a[::3], a[::-2], a[5:2], a[-3:])
a[0] = 100
a[-1] = -100
print(a)
attempt(lambda: a[10])
attempt(lambda: a['x'])
def setbad():
    a[10] = 1
attempt(setbad)
def setbig():
    a[0] = 2**40
attempt(setbig)
print(a)
del a[0]
del a[-1]
print(a)
del a[1:3]
print(a)
del a[::2]
print(a)
a = A('i', range(10))
a[1:3] = A('i', [20, 30, 40, 50])
print(a)
a[2:6] = A('i')
print(a)
a[::2] = A('i', [0, 0, 0, 0])
print(a)
a[:] = a
print(a)
a[len(a):] = a
print(a)
def setlist():
    a[1:2] = [5]
attempt(setlist)
def setkind():
    a[1:2] = A('d', [5.0])
attempt(setkind)
def setext():
    a[::2] = A('i', [1])
attempt(setext)
def delbad():
    del a[100]
attempt(delbad)
print(3 in a, 99 in a, 30.0 in A('d', [30.0]), list(iter(A('b', [1, 2]))))
print([x * 2 for x in A('d', [0.5, 1.5])])

print("-- methods")
a = A('i')
a.append(1)
a.extend([2, 3])
a.extend(A('i', [4]))
a.extend(range(5, 7))
a.insert(0, 0)
a.insert(-1, 55)
a.insert(100, 7)
print(a)
print(a.pop(), a.pop(0), a.pop(-2), a)
print(a.index(3), a.index(3, 1), a.count(2), a.count(9))
a.remove(4)
a.append(2)
print(a, a.count(2))
a.reverse()
print(a, a.tolist(), type(a.tolist()))
print(A('h', [1, 256]).tobytes(), A('d', [1.0]).tobytes())
b = A('h')
b.frombytes(b'\x01\x00\x02\x00')
b.frombytes(A('B', [3, 0]))
attempt(lambda: b.frombytes(A('h', [3])))
b.fromlist([4, 5])
print(b)
s = A('b', [1, 2])
s.extend(s)
s += s
print(s, A('i', [7]) + A('i', [7]))
attempt(lambda: b.fromlist([6, 'x']))
print(b)
attempt(lambda: b.fromlist((1,)))
attempt(lambda: b.frombytes(b'abc'))
attempt(lambda: b.frombytes('abc'))
print(A('d', [1.0, 2.0]).buffer_info()[1], A('i').buffer_info()[1])
c = A('h', [1, 2, 0x102])
c.byteswap()
print(c)
c = A('d', [1.0])
c.byteswap()
c.byteswap()
print(c, A('b', [1, 2]).__copy__())
attempt(lambda: A('i').pop())
attempt(lambda: A('i', [1]).pop(3))
attempt(lambda: A('i', [1]).index(3))
attempt(lambda: A('i', [1]).index(1, 1))
attempt(lambda: A('i', [1]).remove(3))
attempt(lambda: A('i', [1]).append())
attempt(lambda: A('i', [1]).insert('x', 1))
attempt(lambda: A('i', [1]).extend(3))
attempt(lambda: A('i', [1]).extend(A('d')))
attempt(lambda: A('i').tounicode())

print("-- operators")
x = A('i', [1, 2])
y = A('i', [3])
print(x + y, x * 3, 3 * x, x * 0, x * -1, x + A('i'))
print(x == A('i', [1, 2]), x != y, x < y, x <= x, y > x, x >= A('i', [1, 2, 0]))
print(A('i', [1]) == A('d', [1.0]), A('i', [1]) < A('d', [1.5]), A('i') == A('d'))
print(A('d', [float('nan')]) == A('d', [float('nan')]))
attempt(lambda: x + [1])
attempt(lambda: x + A('d'))
attempt(lambda: x * 'x')
try:
    x < 3
except TypeError as e:
    print("TypeError", "not supported between" in str(e))   # CPython names the type 'array.array'
z = x
z += A('i', [9])
z *= 2
print(z, x, z is x)
z *= 0
print(z, len(x))
def iadd_list():
    q = A('i')
    q += [1]
attempt(iadd_list)
def iadd_kind():
    q = A('i')
    q += A('d')
attempt(iadd_kind)

print("-- sizes")
getsizeof = sys.getsizeof
print(getsizeof(A('d')), getsizeof(A('i')), A('d').__sizeof__())
print(getsizeof(A('d', range(10))), getsizeof(A('i', range(10))), getsizeof(A('i', list(range(10)))))
print(getsizeof(A('b', b'abcdefgh')), getsizeof(A('d', (1.0, 2.0))))
a = A('i')
grown = []
for i in range(40):
    a.append(i)
    grown.append(getsizeof(a))
print(grown)
for make in (lambda q: q.extend(range(20)), lambda q: q.extend(A('i', range(20))),
             lambda q: q.frombytes(bytes(40)), lambda q: q.fromlist(list(range(20)))):
    q = A('i', [1, 2, 3])
    make(q)
    print(len(q), getsizeof(q))
a = A('i', range(20))
a.pop()
print(getsizeof(a))
del a[:10]
print(getsizeof(a), a.__sizeof__())
del a[:]
print(getsizeof(a))
a = A('i', range(20))
a *= 3
print(getsizeof(a), getsizeof(a * 2), getsizeof(a + a), getsizeof(a[1:5]), getsizeof(a[::2]))
a = A('i', range(40))
while len(a) > 0:
    a.pop()
    if len(a) % 8 == 0:
        print(len(a), getsizeof(a))

print("-- the memory lesson: 1000 floats")
floats = [float(i) for i in range(1000)]
packed = A('d', range(1000))
exact = A('d', floats)
list_bytes = getsizeof(floats) + sum(getsizeof(f) for f in floats)
print("list of floats:", getsizeof(floats), "+ floats", sum(getsizeof(f) for f in floats), "=", list_bytes)
print("array('d', range(1000)):", getsizeof(packed))
print("array('d', list):", getsizeof(exact))
print("bytes per item:", list_bytes / 1000, getsizeof(exact) / 1000)
print(packed == exact, sum(packed) == sum(floats))
