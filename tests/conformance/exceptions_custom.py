# User-defined exception classes: hierarchy, attributes, __str__.
class AppError(Exception):
    pass


class ConfigError(AppError):
    def __init__(self, key, detail):
        super().__init__(key, detail)
        self.key = key
        self.detail = detail

    def __str__(self):
        return "bad config %s: %s" % (self.key, self.detail)


try:
    raise AppError("plain")
except AppError as e:
    print(type(e).__name__, e, e.args)

try:
    raise ConfigError("port", "not a number")
except AppError as e:
    print(type(e).__name__, "|", e, "|", e.key, e.args)

print(issubclass(ConfigError, AppError), issubclass(ConfigError, Exception))
print(isinstance(ConfigError("a", "b"), BaseException))
print(issubclass(ZeroDivisionError, ArithmeticError), issubclass(KeyError, LookupError))
print(issubclass(RecursionError, RuntimeError), issubclass(IndexError, KeyError))
err = ValueError("stored")
print(repr(err), str(err), err.args)
print(repr(KeyError("k")), str(KeyError("k")))
print(repr(Exception()), repr(str(Exception())))
print(str(Exception(1, 2)))


def check(value):
    if value < 0:
        raise ValueError("negative: %d" % value)
    return value


for v in (1, -2):
    try:
        print("ok", check(v))
    except ValueError as e:
        print("error", e)
try:
    raise 5
except TypeError as e:
    print(type(e).__name__, e)
