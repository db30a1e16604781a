# Seed 000, first program ("未优化前的代码", the unoptimized code), as
# written for Python 3, where range() is lazy and allocates almost nothing.
# The seed's `while True: pass` only kept the process alive for a task-manager
# screenshot; it is replaced by a short sleep here.
import time

a = range(1000*10000)
time.sleep(0.5)  # was: while True: pass
