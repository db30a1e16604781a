# __del__ triggered by every way the last reference can go away.
import gc

gc.disable()


class F:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("  del", self.name)


class Holder:
    pass


print("del attribute")
h = Holder()
h.f = F("attr")
del h.f
print("attribute rebound")
h.f = F("attr2")
h.f = None
print("setattr/delattr")
setattr(h, "g", F("setattr"))
delattr(h, "g")
print("dict item deleted")
d = {"k": F("item")}
del d["k"]
print("dict popped")
d["k"] = F("popped")
d.pop("k")
print("list slice deleted")
lst = [F("s0"), F("s1"), F("s2")]
del lst[0:2]
print("list item replaced")
lst[0] = 0
print("global rebound")
g = F("global")
g = F("global2")
print("exception variable")
try:
    raise ValueError(F("in exception args"))
except ValueError:
    pass
print("function argument")


def take(x):
    return None


take(F("argument"))
print("return value discarded")


def make():
    return F("returned")


make()
print("set discard")
s = {F("in set")}
s.clear()
print("tuple in list")
lst = [(F("t0"), F("t1"))]
lst.pop()
print("after all")
g = None
print("collect:", gc.collect())
