# Assorted built-ins: type, isinstance, repr, bool, int/float/str, getattr
# family, callable, hash, abs, len, object.
print(type(1).__name__, type(1.0).__name__, type("s").__name__, type([]).__name__,
      type(()).__name__, type({}).__name__, type(set()).__name__, type(None).__name__,
      type(True).__name__, type(range(1)).__name__, type(b"").__name__, type(len).__name__)
print(type(type(1)).__name__, type(1) is int, type(True) is bool, type(print).__name__)
print(isinstance(1, int), isinstance(True, int), isinstance(1.0, (int, float)), isinstance("s", list))
print(repr(1), repr("a"), repr([1, "b", None]), repr((1,)), repr({"k": [1]}), repr(1.5), repr(None))
print(int(), float(), str(), bool(), list(), tuple(), dict(), len(set()))
print(int("7") + int(7.9), float("1.5") * 2, str(12) + "!", bool("x"), bool(0))
print(list((1, 2)), tuple([3]), set([1, 1]), dict([(1, 2)]), list(range(2)))


class Obj:
    attr = "class value"


o = Obj()
print(getattr(o, "attr"), getattr(o, "nope", None), hasattr(o, "attr"), hasattr(o, "nope"))
setattr(o, "attr", "instance value")
print(o.attr, Obj.attr)
delattr(o, "attr")
print(o.attr)
try:
    getattr(o, "nope")
except AttributeError as e:
    print(type(e).__name__, e)
print(callable(len), callable(Obj), callable(o), callable(lambda: 0), callable("s"))
print(abs(-3), abs(-2.5), len("abc"), len([1]), len({1: 2}), len((1, 2)), len(range(3)))
base = object()
print(type(base).__name__, isinstance(o, object), isinstance(5, object))
try:
    base.x = 1
except AttributeError as e:
    print(type(e).__name__, e)
print(hash(0) == 0, hash("x") == hash("x"), hash(None) == hash(None))
print(str(int), repr(len), str(Obj).startswith("<class '"))
print(max(1, 2.5), min(-1, -1.5), round(2.5), round(3.5), round(-0.5))
print(divmod(17, 5), divmod(-17, 5), pow(2, 5), pow(2, -1))
print(ord("a"), chr(65), bin(5), hex(255), oct(8))
print(sorted([True, False, True]), sum([True, True, False]))
print(bool(Obj()), int(True), float(False), str(False))
print(len(dir(o)) > 0, "attr" in dir(Obj))
print(id(o) == id(o), id(o) != id(base))
print(isinstance(print, object), type(abs) is type(len))
