# OSError(errno, strerror, filename): the subclass for the errno (PEP 3151),
# args, errno/strerror/filename and str() as CPython.
for args in [(2, "No such file or directory", "missing.txt"), (2, "No such file"), ("just a message",), (13, "Permission denied", "/root/x"), (17, "File exists", "d"), (21, "Is a directory", "d"), (999, "Odd", "f"), (1, 2, 3, 4, 5, 6)]:
    e = OSError(*args)
    print(type(e).__name__, str(e), e.args, e.errno, e.strerror, e.filename)
e = FileNotFoundError(2, "gone", "f.txt")
print(repr(str(e)), isinstance(e, OSError), e.filename)
try:
    raise OSError(2, "No such file or directory", "x.py")
except FileNotFoundError as err:
    print("caught as FileNotFoundError:", err)
