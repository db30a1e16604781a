# The string module: CPython's constants, capwords, and what is left out.
import string


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


for name in ("ascii_letters", "ascii_lowercase", "ascii_uppercase", "digits", "hexdigits",
             "octdigits", "punctuation", "printable", "whitespace"):
    value = getattr(string, name)
    print(name, len(value), repr(value))

print(string.ascii_letters == string.ascii_lowercase + string.ascii_uppercase)
print(all(c in string.printable for c in string.whitespace + string.punctuation))
print("".join(c for c in "Hello, World! 42" if c in string.ascii_letters))
print(sorted(set("deadbeef 0x1F") & set(string.hexdigits)))
print([c.isspace() for c in string.whitespace])

print("capwords")
show(lambda: string.capwords("hello world"))
show(lambda: string.capwords("  hello   wORLD  x "))
show(lambda: string.capwords("\tmixed\nLINES here\x0bend"))
show(lambda: string.capwords(""))
show(lambda: string.capwords("   "))
show(lambda: string.capwords("a-b-c", "-"))
show(lambda: string.capwords("a--b-", "-"))
show(lambda: string.capwords("one, two,three", ", "))
show(lambda: string.capwords("x y", None))
show(lambda: string.capwords(s="keyword use", sep=" "))
show(lambda: string.capwords("it's o'neil"))
show(lambda: string.capwords("élan vital"))

print("errors")
show(lambda: string.capwords())
show(lambda: string.capwords("a", " ", "b"))
show(lambda: string.capwords("a", x=1))
show(lambda: string.capwords("a", s="b"))
show(lambda: string.capwords(1))
show(lambda: string.capwords("a b", 1))
show(lambda: string.capwords("a b", ""))
