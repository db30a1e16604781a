# Slice assignment: same length (in place), other lengths, from the list
# itself, from another list that must stay as it is, from iterables, and
# old items that die only once the list is whole.
a = [1, 2, 3, 4]
b = ["x", "y"]
a[1:3] = b
print(a, b)
a[0:1] = a
print(a)
c = [1, 2, 3]
c[0:2] = c[1:]
print(c)
d = list(range(10))
d[2:5] = (n * n for n in range(3))
print(d)
d[::2] = "abcde"
print(d)
d[1:9] = []
print(d)
d[:] = d
print(d)
e = list(range(6))
e[:4] = e[3::-1]
print(e)


class Loud:
    def __init__(self, tag, log):
        self.tag = tag
        self.log = log

    def __del__(self):
        self.log.append((self.tag, len(holder)))


log = []
holder = [Loud(i, log) for i in range(3)]
holder[0:3] = [7, 8, 9]
print(holder, log)
log.clear()
holder = [Loud(i, log) for i in range(4)]
holder[1:3] = [0]
print(len(holder), log)
holder[::2] = [5, 6]
print(holder[0], holder[2], log)
