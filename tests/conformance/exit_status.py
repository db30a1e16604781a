# sys.exit with an int: that status, no traceback; finally clauses still run.
import sys

print("before exit")
try:
    sys.exit(3)
finally:
    print("finally runs on exit")
print("not reached")
