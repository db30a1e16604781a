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

# string.Formatter: parse, fields, conversions, numbering, errors, overriding
f = string.Formatter()
cases = ["a{0}b{{c}}", "{}", "{} {}", "{0!r:>10}", "{x.real}", "{0[1]}", "{0[a:b]}", "{0:{1}}", "}}{{", "x{", "x}", "{0!}", "{0!", "{0!:}", "{!}", "{0!rx}", "{0", "{:{:}}", "{0.}", "{0[}", "", "plain", "{!s}", "{a[0]}{b.imag!a:^9}"]
for s in cases:
    try:
        print(repr(s), list(f.parse(s)))
    except ValueError as e:
        print(repr(s), "ValueError", e)
class P:
    real = 5
for s, args, kw in [("a{0}b{{c}}", (1,), {}), ("{} {}", (1, 2), {}), ("{0!r:>10}", ("hi",), {}), ("{x.real}", (), {"x": P()}),
                    ("{0[1]}", ([7, 8],), {}), ("{0:{1}}", (3.14159, ".2f"), {}), ("{:{}}", (42, ">5"), {}),
                    ("{0} {}", (1, 2), {}), ("{} {0}", (1, 2), {}), ("{0!x}", (1,), {}), ("{:{:{:}}}", (1, 2, 3, 4), {}),
                    ("{a[k]}", (), {"a": {"k": "v"}}), ("{missing}", (), {}), ("{5}", (1,), {})]:
    try:
        print(repr(s), repr(f.format(s, *args, **kw)))
    except (ValueError, KeyError, IndexError) as e:
        print(repr(s), type(e).__name__, e)
class Upper(string.Formatter):
    def format_field(self, value, spec):
        return super().format_field(value, spec).upper()
    def get_value(self, key, args, kwargs):
        return kwargs.get(key, "<%s>" % key) if isinstance(key, str) else args[key]
print(Upper().format("{greeting}, {name}! {0:x}", 255, greeting="hello"))
