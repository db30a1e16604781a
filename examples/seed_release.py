# The seeds' experiment (seed 000, "Python2 和 Python3 的内存释放"): build a
# big list, delete it, let the program wait (the seed's program then sleeps
# in a loop), collect, and watch the process's resident memory.
#
#   a = list(range(1000*10000)); del a; time.sleep(0.3); gc.collect()
#
# Runs unchanged under reclaim (`make demo`) and python3.  Under reclaim the
# `memory` module gives the RSS and records a mark per step (for --plot);
# under CPython there is no such module, so the RSS is read from
# /proc/self/statm instead.
import gc
import time

try:
    import memory

    def rss():
        return memory.rss()

    def mark(label):
        memory.mark(label)
except ImportError:
    import os

    def rss():
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

    def mark(label):
        pass


def show(step):
    mark(step)
    print("%-30s RSS %8.1f MiB" % (step, rss() / 1048576.0))


show("start")
a = list(range(1000 * 10000))
show("a = list(range(1000*10000))")
del a
show("del a")
time.sleep(0.3)
show("time.sleep(0.3)")
gc.collect()
show("gc.collect()")
