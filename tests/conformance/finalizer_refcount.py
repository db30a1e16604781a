# __del__ runs as soon as the last reference goes away.
class Noisy:
    def __init__(self, name):
        self.name = name
        print("init", name)

    def __del__(self):
        print("del", self.name)


a = Noisy("a")
b = a
print("deleting name a")
del a
print("deleting name b")
del b
print("rebinding")
x = Noisy("x1")
x = Noisy("x2")
print("x is", x.name)
x = None
print("temporary")
Noisy("temp")
print("after temporary")


def scope():
    local = Noisy("local")
    print("leaving scope")


scope()
print("after scope")


def returned():
    return Noisy("returned")


r = returned()
print("got", r.name)
del r
print("list of three")
lst = [Noisy("l0"), Noisy("l1"), Noisy("l2")]
lst.pop(1)
print("popped")
lst[0] = None
print("replaced")
del lst
print("dict")
d = {"k": Noisy("dv")}
d["k"] = 1
print("end")
