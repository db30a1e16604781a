# % formatting, str.format and f-strings with simple fields.
name = "Ada"
n = 42
pi = 3.14159265
print("%s is %d years" % (name, n))
print("%5d|%-5d|%05d|%+d|%x|%X|%o" % (n, n, n, n, 255, 255, 8))
print("%.2f|%8.3f|%-8.1f|%e|%g|%g" % (pi, pi, pi, 12345.678, 0.0001, 1e20))
print("%r %s %%" % ("q", "q"))
print("%s" % [1, 2], "%s" % (None,), "%d%%" % 50, "%i" % 7)
print("%(a)s-%(b)d" % {"a": "x", "b": 3})
print("%10s|%-10s|" % ("right", "left"))
print("{} and {}".format("one", "two"))
print("{1} {0} {1}".format("a", "b"))
print("{name} is {age}".format(name="Bob", age=7))
print("{:>6}|{:<6}|{:^6}|".format("r", "l", "c"))
print("{:.3f} {:5d} {:05d}".format(pi, n, n))
print("{:x} {:b} {:o} {:e}".format(255, 5, 8, 1500.0))
print("{0!r} {0!s}".format("s"))
print("{{literal}} {}".format(1))
print(f"{name} has {n} items")
print(f"{n + 1} {n * 2} {name.upper()} {len(name)}")
print(f"{pi:.2f} {n:5d} {n:<5}| {name!r} {n:x}")
print(f"{'nested'} {[1, 2][0]} {{braces}}")
print(f"{name:>8}|")
items = {"k": 1}
print(f"{items['k']} {items}")
print("%s" % "only")
print("tuple %s" % ((1, 2),))
print(format(3.14159, ".2f"), format(42, "05d"), format("x", ">3"))

# __format__ is looked up on the type: a class formats as type does, even
# when it defines __format__ for its instances
class Formats:
    def __format__(self, spec):
        return "F<" + spec + ">"
print("{}".format(Formats), f"{Formats}", format(int), "{:x}".format(Formats()), format(Formats(), "q"))
