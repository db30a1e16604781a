# Class creation hooks: __init_subclass__ (with class keywords),
# __set_name__, __class_getitem__; closure cells' cell_contents.
class Plugin:
    registry = {}

    def __init_subclass__(cls, kind="plain", **kw):
        super().__init_subclass__(**kw)
        Plugin.registry[cls.__name__] = kind


class Reader(Plugin, kind="reader"):
    pass


class Writer(Plugin):
    pass


class FastReader(Reader, kind="fast"):
    pass


print(sorted(Plugin.registry.items()))


class Field:
    def __set_name__(self, owner, name):
        self.owner = owner.__name__
        self.name = name

    def __repr__(self):
        return "Field(%s.%s)" % (self.owner, self.name)


class Record:
    title = Field()
    year = Field()


print(Record.title, Record.year)


class Box:
    def __class_getitem__(cls, item):
        return "%s[%s]" % (cls.__name__, getattr(item, "__name__", item))


print(Box[int], Box["str"])

try:
    class Bad(flavor="x"):
        pass
except TypeError as e:
    print("TypeError:", e)


def counter():
    count = 0

    def bump():
        nonlocal count
        count += 1
        return count
    return bump


b = counter()
b()
b()
print(b.__closure__[0].cell_contents)
