# Bound methods reference their instance; functions and closures their cells.
import sys


class Counter:
    def __init__(self):
        self.n = 0

    def bump(self):
        self.n += 1
        return self.n


c = Counter()
print("instance:", sys.getrefcount(c))
m = c.bump
print("bound method holds the instance:", sys.getrefcount(c))
m2 = c.bump
print("second bound method:", sys.getrefcount(c))
print("a new bound method each time:", m is m2, m == m2)
print("calls:", m(), m2(), c.n)
del m, m2
print("methods gone:", sys.getrefcount(c))
print("bound method's self:", c.bump.__self__ is c)


def outer():
    data = []

    def inner():
        return data

    return inner, data


fn, data = outer()
print("held by a name and a closure cell:", sys.getrefcount(data))
del fn
print("closure gone:", sys.getrefcount(data))


def make_adder(n):
    return lambda x: x + n


add3 = make_adder(3)
print("lambda closure:", add3(4))
print("function:", sys.getrefcount(add3))
alias = add3
print("function with an alias:", sys.getrefcount(add3))
