# get_threshold / set_threshold, and automatic collection of generation 0
# once enough container objects have been allocated.
import gc

print("default thresholds:", gc.get_threshold())
gc.set_threshold(100, 5, 7)
print("changed:", gc.get_threshold())
gc.set_threshold(50)
print("only the first:", gc.get_threshold())
gc.set_threshold(700, 10, 10)
print("restored:", gc.get_threshold())
try:
    gc.set_threshold()
except TypeError as e:
    print(type(e).__name__)

log = []


class Cyclic:
    def __init__(self):
        self.me = self

    def __del__(self):
        log.append(1)


gc.collect()
gc.enable()
gc.set_threshold(10)
for i in range(200):
    Cyclic()
print("automatic collections freed some cycles:", len(log) > 0)
print("but not necessarily all of them:", len(log) <= 200)
gc.collect()
print("after an explicit collect all are freed:", len(log))

log.clear()
gc.disable()
for i in range(200):
    Cyclic()
print("disabled: nothing freed automatically:", len(log))
gc.collect()
print("collected explicitly:", len(log))

log.clear()
gc.enable()
gc.set_threshold(0)
for i in range(200):
    Cyclic()
print("threshold 0 disables automatic collection:", len(log))
gc.collect()
print("collected explicitly:", len(log))
gc.set_threshold(700, 10, 10)
