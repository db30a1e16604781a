# Seeds 001 and 002: the collector's thresholds.
import gc
print(gc.get_threshold())
#(700,10,10)
