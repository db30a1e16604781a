# Seed 000, second program ("优化内存的代码"): delete the range and collect.
# The seed's `while True: pass` only kept the process alive for a screenshot;
# it is replaced by a short sleep here.
import gc
import time

a = range(1000*10000)
del a
gc.collect()
time.sleep(0.5)  # was: while True: pass
