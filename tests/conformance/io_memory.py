# io: StringIO and BytesIO (write, read, readline, iteration, seek, tell,
# truncate, getvalue, close, with, print(file=...)), and
# io.UnsupportedOperation from files and the console for what their mode
# forbids.
import io
import os
import sys

s = io.StringIO()
print(s.write("hello\n"), s.write("world\n"), s.tell())
print(repr(s.getvalue()))
s.seek(0)
print(repr(s.readline()), repr(s.read()), repr(s.read()))
s.seek(0)
print([line for line in s])
s.seek(3)
s.write("LO")
print(repr(s.getvalue()), s.tell())
s.seek(0, 2)
s.write("!")
print(repr(s.getvalue()))
print(s.truncate(5), repr(s.getvalue()), s.tell())
s.seek(8)
s.write("x")
print(repr(s.getvalue()))
print(s.readable(), s.writable(), s.seekable(), s.closed)
s.close()
print(s.closed)
for op in (s.getvalue, s.read, lambda: s.write("x"), s.tell):
    try:
        op()
    except ValueError as e:
        print("ValueError", e)

t = io.StringIO("a\nb\nc")
print(t.readlines(), repr(t.read()))
t = io.StringIO("line1\nline2\n")
print(t.readline(3), t.readline(), t.readline(), repr(t.readline()))
print(repr(io.StringIO(None).getvalue()))

with io.StringIO() as buf:
    print("to", "buffer", sep="-", file=buf)
    print(42, file=buf, end="")
    print(repr(buf.getvalue()))
print(buf.closed)

parts = io.StringIO()
for i in range(1000):
    parts.write(str(i))
print(len(parts.getvalue()), parts.getvalue()[-10:])

for bad in (lambda: io.StringIO().write(5), lambda: io.StringIO(b"x"),
            lambda: io.StringIO().seek(-1), lambda: io.StringIO("ab").seek(1, 1),
            lambda: io.StringIO("ab").seek(1, 2), lambda: io.StringIO().seek(0, 3),
            lambda: io.StringIO().truncate(-1)):
    try:
        bad()
    except (TypeError, ValueError, OSError) as e:
        print(type(e).__name__, e)

b = io.BytesIO(b"abc\ndef\n")
print(b.read(2), b.readline(), b.readline(), b.read())
b.write(b"XYZ")
print(b.getvalue(), b.tell())
b.seek(1)
b.write(b"__")
print(b.getvalue())
print(list(io.BytesIO(b"1\n2\n3")))
try:
    io.BytesIO().write("text")
except TypeError as e:
    print("TypeError", e)

path = "/tmp/reclaim_io_memory.txt"
with open(path, "w") as f:
    f.write("data\n")
for mode, op in (("r", lambda f: f.write("x")), ("w", lambda f: f.read()), ("a", lambda f: f.readline())):
    with open(path, mode) as f:
        try:
            op(f)
        except io.UnsupportedOperation as e:
            print(mode, type(e).__name__, e, isinstance(e, OSError), isinstance(e, ValueError))
os.remove(path)
try:
    sys.stdout.read()
except io.UnsupportedOperation as e:
    print("stdout", e)
print(io.open is open, io.SEEK_SET, io.SEEK_CUR, io.SEEK_END, issubclass(io.UnsupportedOperation, OSError))

# bytes.find / rfind / index / rindex (BytesIO's readline uses them)
data = b"abc\nabc\n"
print(data.find(b"c"), data.rfind(b"c"), data.find(10), data.find(b"c", 3), data.find(b"c", 3, 5),
      data.index(b"bc"), data.rindex(b"a"), data.find(b""), data.rfind(b""), data.find(b"zz"))
for bad in (lambda: data.index(b"z"), lambda: data.find("c"), lambda: data.find(300)):
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
