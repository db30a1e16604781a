# Class attributes that change after use: lookups through instances, subclasses,
# metaclasses and super() see every change; classes made and dropped in a loop.
import gc, sys
class A:
    x = 1
    def f(self): return "A.f"
class B(A):
    pass
b = B()
out = []
for i in range(3):
    out.append((b.x, b.f()))
    A.x += 1
A.f = lambda self: "new f"
out.append(b.f())
B.f = lambda self: "B f"
out.append(b.f())
del B.f
out.append(b.f())
setattr(A, "x", 100)
out.append(getattr(b, "x"))
name = "".join(["x"])
out.append(getattr(b, name))
out.append(getattr(b, sys.intern(name)))
delattr(A, "x")
out.append(hasattr(b, "x"))
# classes made and dropped in a loop: a new class may take a dead one's address
for i in range(200):
    C = type("C%d" % i, (), {"v": i, "m": (lambda i: lambda self: i)(i)})
    c = C()
    assert c.v == i and c.m() == i, (i, c.v, c.m())
    del C, c
    if i % 50 == 0:
        gc.collect()
out.append("loop ok")
class M(type):
    def hello(cls): return "M.hello " + cls.__name__
class K(metaclass=M):
    pass
out.append(K.hello())
M.hello = lambda cls: "changed"
out.append(K.hello())
class D:
    __slots__ = ("a",)
d = D(); d.a = 5
out.append(d.a)
class E(A):
    def f(self): return "E.f " + super().f()
out.append(E().f())
A.f = lambda self: "A again"
out.append(E().f())
print(out)


# a descriptor read through its class runs __get__(None, cls)
class Desc:
    def __get__(self, obj, owner):
        return ("got", obj is None, owner.__name__)


class Holder:
    d = Desc()
    k = 10


def read_k():
    return Holder.k


print(Holder.d, Holder().d)
print([read_k() for _ in range(3)])
Holder.k = 11
print(read_k())
del Holder.k
try:
    read_k()
except AttributeError as e:
    print("AttributeError", e)
Holder.k = Desc()
print(read_k())
