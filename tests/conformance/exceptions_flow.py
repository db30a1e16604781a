# try / except / else / finally, raise, re-raise, exception arguments.
def attempt(x):
    try:
        print("try", x)
        r = 10 // x
    except ZeroDivisionError as e:
        print("except:", e)
        return "from except"
    else:
        print("else", r)
        return "from else"
    finally:
        print("finally", x)


print(attempt(2))
print(attempt(0))


def finally_overrides():
    try:
        return "try"
    finally:
        print("finally runs before return")


print(finally_overrides())


def nested():
    try:
        try:
            raise ValueError("inner")
        except KeyError:
            print("not here")
        finally:
            print("inner finally")
    except ValueError as e:
        print("outer caught", e)


nested()


def reraise():
    try:
        raise TypeError("first")
    except TypeError:
        print("handling, then re-raising")
        raise


try:
    reraise()
except TypeError as e:
    print("re-raised:", e)

try:
    raise ValueError
except ValueError as e:
    print("class raised, empty message:", repr(str(e)))

try:
    raise KeyError("a", "b")
except KeyError as e:
    print("args:", e.args)

try:
    raise IndexError("bad index")
except (KeyError, IndexError) as e:
    print("tuple of classes:", type(e).__name__, e)

try:
    raise ZeroDivisionError("zd")
except ArithmeticError as e:
    print("caught by base class:", type(e).__name__)

try:
    raise KeyError("k")
except LookupError as e:
    print("LookupError catches KeyError:", repr(e))

try:
    [][0]
except Exception as e:
    print("Exception catches IndexError:", isinstance(e, IndexError))

try:
    try:
        1 / 0
    finally:
        print("finally with a pending exception")
except ZeroDivisionError:
    print("propagated through finally")

for i in range(3):
    try:
        if i == 1:
            continue
        print("body", i)
    finally:
        print("finally", i)

try:
    pass
except Exception:
    print("not reached")
else:
    print("else without an exception")


def raise_from_loop():
    for i in range(5):
        if i == 3:
            raise StopIteration("stopped at 3")


try:
    raise_from_loop()
except StopIteration as e:
    print(type(e).__name__, e)

e = "bound before"
try:
    raise ValueError("x")
except ValueError as e:
    pass
try:
    print(e)
except NameError as err:
    print("the except target is unbound afterwards:", type(err).__name__)
