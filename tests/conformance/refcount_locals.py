# Reference counts of locals and arguments inside functions.
import sys


def one_local():
    v = []
    return sys.getrefcount(v)


def two_locals():
    v = []
    w = v
    return sys.getrefcount(w)


def argument(arg):
    return sys.getrefcount(arg)


def argument_rebound(arg):
    arg = None
    return arg


def local_then_del():
    v = []
    w = v
    n1 = sys.getrefcount(v)
    del w
    n2 = sys.getrefcount(v)
    return n1, n2


g = []
print("one local:", one_local())
print("two locals:", two_locals())
print("global passed as argument:", argument(g))
print("global after the call:", sys.getrefcount(g))
argument_rebound(g)
print("after a call that rebinds its argument:", sys.getrefcount(g))
print("local then del:", local_then_del())


def nested_calls(x):
    return argument(x)


print("passed through two frames:", nested_calls(g))


def default_arg(d=[]):
    return sys.getrefcount(d)


print("default argument (held by the function too):", default_arg())


def star_args(*args):
    return sys.getrefcount(args[0])


def star_kwargs(**kw):
    return sys.getrefcount(kw["a"])


print("in *args:", star_args(g))
print("in **kwargs:", star_kwargs(a=g))
print("global at the end:", sys.getrefcount(g))
