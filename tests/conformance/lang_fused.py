# Instruction sequences the compiler fuses or shortens (a local then an
# attribute, a method or a local; jumps to jumps and to returns) behave as
# the instructions they stand for, errors included.
def f():
    try:
        print(x.real)
    except UnboundLocalError as e:
        print("UnboundLocalError", e)
    x = 1
def g():
    try:
        return y.bit_length()
    except UnboundLocalError as e:
        print("UnboundLocalError", e)
    y = 2
def h(a):
    try:
        return a + b
    except UnboundLocalError as e:
        print("UnboundLocalError", e)
    b = 3
def k(c):
    return c.x if c.flag else c.y
class C:
    flag = True
    x = 1
    y = 2
    def m(self):
        return self.x
f(); g(); h(1)
c = C()
print(k(c)); C.flag = False; print(k(c))
c.m = lambda: "instance attr"
print(c.m())
def loop(n):
    i = 0
    while True:
        if i > n:
            break
        i += 1
    return i
print(loop(5))
def nested(a):
    for i in range(3):
        if a:
            continue
        else:
            return i
    return -1
print(nested(True), nested(False))


# while loops (the test is compiled before the loop and after the body)
def a(n):
    i = 0
    out = []
    while i < n:
        i += 1
        if i == 2:
            continue
        if i == 5:
            break
        out.append(i)
    else:
        out.append("else")
    return out
print(a(3), a(10), a(0))
def b():
    k = 0
    while True:
        k += 1
        if k > 3:
            return k
print(b())
def c():
    while 0:
        print("never")
    else:
        print("else of while 0")
    n = 3
    while (m := n - 1) > 0:
        n = m
    print(n, m)
    xs = [3, 2, 1]
    while [x for x in xs if x > 1]:
        xs.pop(0)
    print(xs)
c()
import sys
def d():
    i = 0
    while i < 2:
        i += 1
    raise ValueError("line check")
try:
    d()
except ValueError as e:
    print("raised", e)


# a local then a constant, a store then a local: unbound locals still raise
def with_const():
    try:
        return z + 1
    except UnboundLocalError as e:
        print("UnboundLocalError", e)
    z = 0


def store_then_load():
    a = 1
    try:
        return a + b
    except UnboundLocalError as e:
        print("UnboundLocalError", e)
    b = 2


def store_then_same():
    x = [1]
    x = x + [2]
    return x


with_const()
store_then_load()
print(store_then_same())


# for loops over lists that change underneath, and over ranges
l = [1, 2, 3]
out = []
for x in l:
    out.append(x)
    if x == 2:
        l.append(4)
print(out)
it = iter([5, 6])
print(next(it), list(it), list(it))
r = iter(range(10, 0, -3))
print(list(r), list(r))
for i in range(2**40, 2**40 + 2):
    print(i)
m = [1, 2, 3]
for x in m:
    m.clear()
    print(x)
