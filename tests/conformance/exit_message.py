# sys.exit with a string: printed to stderr, status 1; SystemExit is catchable.
import sys

try:
    sys.exit(7)
except SystemExit as e:
    print("caught SystemExit with code", e.code)
try:
    sys.exit()
except SystemExit as e:
    print("no argument:", e.code)
sys.exit("fatal: giving up")
