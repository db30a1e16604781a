# Seed 001: scan generation 2 more often.  (The print is added to show it.)
import gc
gc.set_threshold(700, 10, 5)
print(gc.get_threshold())
