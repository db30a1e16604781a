import sys
import importdata.cycle_a
B = "b"
print("cycle_b: a half made:", not hasattr(sys.modules["importdata.cycle_a"], "A"))
