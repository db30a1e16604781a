# Seed 003: the article's screenshots (not in the text) show, in order:
# checking the default thresholds, the number of objects per generation,
# collecting by hand, and setting the thresholds.  Reconstructed from the
# captions; the outputs that vary between runs are reduced to their type.
import gc

print(gc.get_threshold())
print(len(gc.get_count()))
print(gc.collect() >= 0)
gc.set_threshold(1000, 15, 15)
print(gc.get_threshold())
