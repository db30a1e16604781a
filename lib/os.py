"""Operating-system services (reclaim's own os, written over the native
posix module as CPython's is).

Everything posix has (getpid, getcwd, chdir, listdir, mkdir, rmdir, remove,
unlink, stat, environ, name) is here under the same names; this file adds
os.path (posixpath), stat_result, getenv, makedirs, removedirs, walk and the
path constants.
"""

import sys
from posix import *
import posix as _posix
import posixpath as path

sys.modules["os.path"] = path

sep = path.sep
altsep = None
extsep = "."
pathsep = ":"
curdir = "."
pardir = ".."
linesep = "\n"
devnull = "/dev/null"
SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2

_STAT_FIELDS = ("st_mode", "st_ino", "st_dev", "st_nlink", "st_uid", "st_gid", "st_size")


class stat_result:
    """What stat() returns: ten items as a tuple (the times as ints) and
    the st_* attributes (st_atime, st_mtime, st_ctime as floats)."""

    def __init__(self, fields):
        self._items = fields[:10]
        for i in range(7):
            setattr(self, _STAT_FIELDS[i], fields[i])
        self.st_atime, self.st_mtime, self.st_ctime = fields[10], fields[11], fields[12]

    def __getitem__(self, i):
        return self._items[i]

    def __len__(self):
        return 10

    def __iter__(self):
        return iter(self._items)

    def __eq__(self, other):
        return isinstance(other, stat_result) and self._items == other._items

    def __repr__(self):
        parts = [_STAT_FIELDS[i] + "=" + str(self._items[i]) for i in range(7)]
        parts += ["st_atime=" + str(self._items[7]), "st_mtime=" + str(self._items[8]),
                  "st_ctime=" + str(self._items[9])]
        return "os.stat_result(" + ", ".join(parts) + ")"


def stat(path):
    """The file's status (follows symbolic links)."""
    return stat_result(_posix.stat(path))


def getenv(key, default=None):
    """environ[key], or default when it is not set."""
    return environ.get(key, default)


def makedirs(name, mode=0o777, exist_ok=False):
    """mkdir, with every missing parent first."""
    head, tail = path.split(name)
    if not tail:
        head, tail = path.split(head)
    if head and tail and not path.exists(head):
        try:
            makedirs(head, exist_ok=exist_ok)
        except FileExistsError:
            pass
    try:
        mkdir(name)
    except OSError:
        if not exist_ok or not path.isdir(name):
            raise


def removedirs(name):
    """rmdir, then each parent that became empty."""
    rmdir(name)
    head, tail = path.split(name)
    if not tail:
        head, tail = path.split(head)
    while head and tail:
        try:
            rmdir(head)
        except OSError:
            break
        head, tail = path.split(head)


def walk(top, topdown=True, onerror=None, followlinks=False):
    """(dirpath, dirnames, filenames) for top and each directory below it;
    with topdown, the caller may prune dirnames in place."""
    try:
        names = listdir(top)
    except OSError as err:
        if onerror is not None:
            onerror(err)
        return
    dirs, files = [], []
    for name in names:
        (dirs if path.isdir(path.join(top, name)) else files).append(name)
    if topdown:
        yield top, dirs, files
    for name in dirs:
        yield from walk(path.join(top, name), topdown, onerror, followlinks)
    if not topdown:
        yield top, dirs, files
