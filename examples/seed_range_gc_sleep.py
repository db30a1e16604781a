# Seed 000, third program ("既优化了内存，也优化了CPU 的代码"): as before, but
# the idle loop sleeps instead of spinning.  The seed's loop ran forever to
# keep the process on screen; here it runs three times.
import gc
import time

a = range(1000*10000)
del a
gc.collect()
for _ in range(3):  # was: while True:
	time.sleep(1.0)
	pass
