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
