# The order in which containers release their items when they die.
class Tag:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


print("list")
lst = [Tag("l0"), Tag("l1"), Tag("l2")]
del lst
print("tuple")
t = (Tag("t0"), Tag("t1"), Tag("t2"))
del t
print("dict")
d = {"a": Tag("d0"), "b": Tag("d1"), "c": Tag("d2")}
del d
print("instance attributes")


class Holder:
    pass


h = Holder()
h.first = Tag("a0")
h.second = Tag("a1")
h.third = Tag("a2")
del h
print("nested")
outer = [Tag("n0"), [Tag("n1"), Tag("n2")], Tag("n3")]
del outer
print("list slice assignment")
lst = [Tag("s0"), Tag("s1"), Tag("s2"), Tag("s3")]
lst[1:3] = []
print("after slice")
lst.clear()
print("cleared")
print("function locals")


def f():
    a = Tag("f0")
    b = Tag("f1")
    c = Tag("f2")
    return None


f()
print("end")
