# A user-defined exception class that nobody catches.
class Boom(Exception):
    pass


def inner():
    raise Boom("deep inside")


def outer():
    inner()


print("calling")
outer()
