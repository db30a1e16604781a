# An uncaught exception: traceback on stderr, exit status 1, output so far kept.
def divide(a, b):
    return a / b


print("before")
print(divide(1, 2))
print(divide(1, 0))
print("not reached")
