# import of the built-in modules, in every form the subset supports.
import gc
import sys
import time
import os
import weakref
from gc import collect, is_tracked
from sys import getrefcount as refs
import gc as collector

print(type(gc).__name__, gc.__name__, sys.__name__, collector is gc)
print(collect is gc.collect, callable(collect), is_tracked([]))
x = []
print(refs(x))
t0 = time.time()
p0 = time.perf_counter()
time.sleep(0.01)
print("time advances:", time.time() >= t0, time.perf_counter() - p0 >= 0.005)
print("time types:", type(t0).__name__, type(p0).__name__)
print("pid:", type(os.getpid()).__name__, os.getpid() > 0, os.getpid() == os.getpid())
print("argv:", type(sys.argv).__name__, len(sys.argv) >= 1, sys.argv[0].endswith("lang_modules.py"))
print("getsizeof:", type(sys.getsizeof([])).__name__, sys.getsizeof([1, 2, 3]) > sys.getsizeof([]))
print("weakref:", callable(weakref.ref), callable(weakref.finalize))
try:
    import nonexistent_module_xyz
except ImportError as e:
    print(type(e).__name__, e)
try:
    from gc import no_such_name
except ImportError as e:
    print(type(e).__name__)


def local_import():
    import sys as s
    return s is sys


print(local_import())
print("gc" in dir(), hasattr(gc, "collect"), hasattr(sys, "getrefcount"))
