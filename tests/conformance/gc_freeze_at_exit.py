# A script that ends with objects frozen (gc.freeze) and never unfreezes
# them: the interpreter must still free every byte at exit (found by the
# fuzzer as a leak of the built-in classes' names).
import gc

a = []
a.append(a)
gc.freeze()
gc.freeze()
print("frozen:", gc.get_freeze_count() > 0)
b = {"self": None}
b["self"] = b
del b
print("a new cycle is collected:", gc.collect() > 0)
