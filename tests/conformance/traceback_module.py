# The traceback module: the interpreter's own traceback text, entries of
# tracebacks and stacks, chains, limits; sys.exc_info() and sys.exception().
import io
import sys
import traceback

# everything printed is collected, then printed with the script's path as
# SCRIPT (CPython names the main script by its absolute path)
real_stdout = sys.stdout
sys.stdout = io.StringIO()


def inner():
    raise ValueError("boom")


def outer():
    try:
        inner()
    except ValueError as e:
        raise KeyError("wrapped") from e


try:
    inner()
except ValueError:
    traceback.print_exc(file=sys.stdout)
    print(repr(traceback.format_exc().splitlines()[-1]))
    chunks = traceback.format_exception(*sys.exc_info())
    print(len(chunks), repr(chunks[0]), repr(chunks[-1]))
    print(traceback.format_exception_only(*sys.exc_info()[:2]))
    tb = sys.exc_info()[2]
    entries = traceback.extract_tb(tb)
    print([(e.name, e.lineno, e.line) for e in entries])
    print([tuple(e)[1:] for e in entries])
    print("".join(traceback.format_tb(tb)), end="")
    print("".join(traceback.format_tb(tb, limit=1)), end="")
    print("".join(traceback.format_exception(*sys.exc_info(), limit=1)), end="")

try:
    outer()
except KeyError as e:
    traceback.print_exception(e, file=sys.stdout)
    print("--- no chain")
    traceback.print_exception(e, file=sys.stdout, chain=False)
    print(traceback.format_exception_only(e))

try:
    try:
        raise ZeroDivisionError("division by zero")
    except ZeroDivisionError:
        raise KeyError("missing")
except KeyError:
    print(traceback.format_exc(), end="")


def where():
    return traceback.extract_stack()


def show():
    for entry in where():
        print(entry.name, entry.lineno, entry.line)
    print("".join(traceback.format_stack(limit=1)), end="")


show()
print(traceback.format_exception_only(None), traceback.format_exception(None))
try:
    raise OSError(2, "No such file", "x.txt")
except OSError as e:
    print(traceback.format_exception_only(e))
print(sys.exc_info(), sys.exception())
try:
    raise IndexError("outer")
except IndexError:
    try:
        raise TypeError("inner")
    except TypeError:
        print(sys.exc_info()[0].__name__, sys.exception())
    print(sys.exc_info()[0].__name__, sys.exception())
print(sys.exc_info())

collected = sys.stdout.getvalue()
sys.stdout = real_stdout
print(collected.replace(__file__, "SCRIPT"), end="")
