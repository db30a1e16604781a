# String identity: sys.intern, identifier-like literals, single characters.
import sys

a = "good"
b = "good"
print("equal literals:", a is b)


def literal():
    return "good"


print("literal in another function:", literal() is a)
built = "".join(["go", "od"])
print("built at run time equals:", built == a)
print("built at run time is a new object:", built is a)
print("interned:", sys.intern(built) is a)
x = sys.intern("".join(["not an ", "identifier!"]))
y = sys.intern("".join(["not an ", "ident", "ifier!"]))
print("intern of equal runtime strings:", x is y)
print("intern returns its argument when new:", sys.intern(x) is x)
try:
    sys.intern(5)
except TypeError as e:
    print(type(e).__name__, e)
s = "python"
print("single characters are cached:", s[0] is chr(112), s[1] is s[1:2])
empty = ""
print("empty string:", s[0:0] is empty, str() is empty)
d = {}
d["key_name"] = 1
k = list(d)[0]
key_literal = "key_name"
print("dict keys keep identity:", k is key_literal)


class C:
    attr_name = 1


print("attribute names:", "attr_name" in dir(C))
u = "x" * 20
v = "x" * 20
print("equal repetitions:", u == v)
