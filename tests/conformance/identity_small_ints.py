# Ints from -5 to 256 are cached: equal values computed at run time are the
# same object.  Larger (or smaller) ones are new objects each time.
def make(text):
    return int(text)


for value in (-6, -5, -1, 0, 1, 100, 255, 256, 257, 1000, -100):
    a = make(str(value))
    b = make(str(value))
    print(value, a == b, a is b)

base = 200
x = base + 56
y = base + 56
print("200 + 56:", x is y)
x = base + 57
y = base + 57
print("200 + 57:", x is y)
n = 0
for i in range(300):
    n += 1
m = 300
print("counted to 300 vs 300:", n == m)
lst = list(range(260))
print("range items in the cache:", lst[256] is make("256"))
print("range item past the cache:", lst[257] is make("257"))
print("len() result:", len([0] * 10) is make("10"))
print("negative:", -make("5") is make("-5"), -make("6") is make("-6"))
a = 10
b = a
print("seed: a = 10; b = a:", id(a) == id(b), a is b)
a = 1
b = 1
print("seed: a = 1; b = 1:", id(a) == id(b))
print("bool is a cached singleton:", (make("1") == 1) is True)
print("None:", [].append(1) is None)
