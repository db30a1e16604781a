# os and os.path: the string operations, the questions to the file system
# (exists, isfile, isdir, getsize), os.stat, os.environ / getenv,
# makedirs / removedirs / walk, in a folder of their own under /tmp.
import os
import os.path
import sys
from os.path import join, split, splitext, basename, dirname

print(os.path is sys.modules["os.path"], os.sep, os.curdir, os.pardir, os.linesep == "\n")
for p in ["a/b/c.txt", "/usr/lib/", "/", "", "file", "a//b", "//x", ".bashrc", "a/.hidden", "x.tar.gz", "dir.d/file", "..."]:
    print(repr(p), split(p), splitext(p), repr(basename(p)), repr(dirname(p)))
print(join("a", "b", "c"), join("/a", "/b", "c"), join("a/", "b"), join("", "x"), join("a", ""))
for p in ["a/./b/../c", "/../x", "//a//b/", "///a", "", ".", "a/..", "../../x", "a/b/../../.."]:
    print(repr(p), repr(os.path.normpath(p)))
print(os.path.isabs("/x"), os.path.isabs("x"), os.path.commonprefix(["/usr/lib", "/usr/local"]), os.path.commonprefix([]))
print(os.path.abspath("/a/b/../c"), os.path.abspath("x") == os.path.join(os.getcwd(), "x"))
print(os.path.expanduser("~") == os.environ["HOME"], os.path.expanduser("~/x") == os.environ["HOME"] + "/x", os.path.expanduser("a~"))

base = "/tmp/reclaim_os_path_test"
if os.path.isdir(base):
    for top, dirs, files in os.walk(base, topdown=False):
        for f in files:
            os.remove(os.path.join(top, f))
        os.rmdir(top)
os.makedirs(os.path.join(base, "a", "b"))
os.makedirs(os.path.join(base, "a"), exist_ok=True)
try:
    os.makedirs(os.path.join(base, "a"))
except FileExistsError as e:
    print("FileExistsError", e.errno, e.filename == os.path.join(base, "a"))
with open(os.path.join(base, "a", "f.txt"), "w") as f:
    f.write("12345")
print(os.path.exists(base), os.path.isdir(base), os.path.isfile(base), os.path.exists(base + "/nope"))
print(os.path.isfile(join(base, "a", "f.txt")), os.path.getsize(join(base, "a", "f.txt")))
st = os.stat(join(base, "a", "f.txt"))
print(st.st_size, st[6], len(st), st.st_mode & 0o170000 == 0o100000, type(st.st_mtime).__name__, type(st[8]).__name__)
print(st.st_mtime >= st[8], os.path.getmtime(join(base, "a", "f.txt")) == st.st_mtime)
try:
    os.stat(base + "/nope")
except FileNotFoundError as e:
    print("FileNotFoundError", e)
for top, dirs, files in os.walk(base):
    print(top[len(base):] or "/", sorted(dirs), sorted(files))
os.remove(join(base, "a", "f.txt"))
os.removedirs(join(base, "a", "b"))
print(os.path.exists(base))
print(os.getenv("RECLAIM_SURELY_UNSET"), os.getenv("RECLAIM_SURELY_UNSET", "dflt"), os.getenv("HOME") == os.environ["HOME"])
for bad in (lambda: os.path.join("a", 1), lambda: os.path.split(3), lambda: os.path.normpath(None)):
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)
