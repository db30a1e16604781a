import sys
import importdata.cycle_b
A = "a"
print("cycle_a: b done:", hasattr(sys.modules["importdata.cycle_b"], "B"))
