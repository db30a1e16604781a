# open() and file objects in a folder of their own: text (UTF-8, Latin-1,
# universal newlines) and binary, with, iteration, seek/tell, append, and
# CPython's errors; os.mkdir/listdir/remove/rmdir to clean up.
import os
base = "/tmp/reclaim-files-%d" % os.getpid()
os.mkdir(base)
here = os.getcwd()
with open(base + "/notes.txt", "w") as f:
    print(type(f).__name__, f.name == base + "/notes.txt", f.mode, f.closed)
    print(f.write("first line\n"), f.write("second, café\n"))
    f.writelines(["third\n", "fourth"])
print(f.closed)
with open(base + "/notes.txt") as f:
    print(repr(f.read()))
with open(base + "/notes.txt", encoding="utf-8") as f:
    print(repr(f.readline()), repr(f.readline()))
    print([line.rstrip("\n") for line in f])
f = open(base + "/notes.txt")
print(f.readlines())
print(f.read(), repr(f.read(3)))
f.seek(0)
print(repr(f.read(5)), f.tell())
f.close()
try:
    f.read()
except ValueError as e:
    print("ValueError:", e)
with open(base + "/notes.txt", "a") as f:
    f.write("\nappended")
print(open(base + "/notes.txt").read().splitlines()[-1])
with open(base + "/data.bin", "wb") as f:
    print(type(f).__name__, f.write(bytes([0, 1, 2, 255])))
with open(base + "/data.bin", "rb") as f:
    print(type(f).__name__, f.read())
with open(base + "/crlf.txt", "wb") as f:
    f.write(b"a\r\nb\rc\n")
print(repr(open(base + "/crlf.txt").read()), open(base + "/crlf.txt").readlines())
with open(base + "/l1.txt", "w", encoding="latin-1") as f:
    f.write("déjà vu")
print(open(base + "/l1.txt", "rb").read(), open(base + "/l1.txt", encoding="latin-1").read())
with open(base + "/bad.txt", "wb") as f:
    f.write(b"ok\xff\xfe")
for expr in ['open(base + "/missing.txt")', 'open(".")', 'open(base + "/notes.txt", "rz")', 'open(base + "/notes.txt", "rw")',
             'open(base + "/notes.txt", "x")', 'open(base + "/bad.txt").read()', 'open(base + "/notes.txt", "rb", encoding="utf-8")',
             'open(base + "/notes.txt", encoding="klingon")', 'open(base + "/data.bin", "wb").write("str")',
             'open(5)']:
    try:
        eval(expr, {"base": base})
        print(expr, "ok")
    except Exception as e:
        print(expr, "->", type(e).__name__ + ":", str(e).replace(base, "BASE"))

try:
    os.remove(base + "/nothing")
except FileNotFoundError as e:
    print("FileNotFoundError:", e.strerror, e.errno)
print(sorted(os.listdir(base)))
for name in os.listdir(base):
    os.remove(base + "/" + name)
os.rmdir(base)
print(os.getcwd() == here)
