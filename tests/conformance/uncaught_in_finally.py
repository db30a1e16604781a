# finally clauses run while an uncaught exception propagates.
def work():
    try:
        print("working")
        raise ValueError("bad value")
    finally:
        print("cleanup in finally")


try:
    print("outer try")
    work()
finally:
    print("outer finally")
