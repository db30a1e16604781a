# Seeds 001 and 002: a clear() that deletes every global that is not a
# function, class or module.  The function is the seeds' own, unchanged; it
# is a Python 2 idiom: in Python 3 globals().items() is a live view, so
# deleting while iterating raises RuntimeError ("dictionary changed size
# during iteration"), which this example shows.
def clear():

    for key, value in globals().items():

        if callable(value) or value.__class__.__name__ == "module":

            continue

        del globals()[key]


x = 1
try:
    clear()
except RuntimeError as e:
    print("RuntimeError:", e)
