# Unbounded recursion is a RecursionError, not a crash.
import sys


def down(n):
    return down(n + 1)


def safe(n):
    try:
        return down(n)
    except RecursionError as e:
        return "caught: " + str(e)


print(safe(0))
print("limit is an int:", type(sys.getrecursionlimit()).__name__)


def count(n):
    if n == 0:
        return 0
    return 1 + count(n - 1)


print("500 deep is fine:", count(500))
down(0)
