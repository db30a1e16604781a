# Imports of source modules from the script's directory: a package, its
# submodules, a circular import, caching in sys.modules, and the errors.
import sys
print(sys.path[0] == sys.path[0].rstrip("/") and sys.path[0].endswith("conformance"))
import importdata
import importdata
print(importdata.VALUE, importdata.__doc__)
import importdata.tools
print(importdata.tools.double(), importdata.tools.NAME)
from importdata import tools as t
print(t is importdata.tools)
import importdata.cycle_a
print(importdata.cycle_a.A, importdata.cycle_b.B)
print(sorted(k for k in sys.modules if k.startswith("importdata")))
try:
    import importdata.missing
except ModuleNotFoundError as e:
    print("ModuleNotFoundError:", e)
try:
    import importdata.broken
except SyntaxError as e:
    print("SyntaxError:", e.msg)
print("importdata.broken" in sys.modules)
try:
    from importdata import nothing
except ImportError as e:
    print("ImportError:", str(e).split(" (")[0])
