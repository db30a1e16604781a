"""Path names on POSIX systems (reclaim's own posixpath, imported as
os.path): pure string operations, and the few questions that ask the file
system (exists, isfile, isdir, getsize, getmtime) through os.stat."""

sep = "/"
curdir = "."
pardir = ".."

_S_IFMT = 0o170000
_S_IFDIR = 0o040000
_S_IFREG = 0o100000


def _check(name, *paths):
    """join's check of its arguments (CPython words it apart)."""
    for p in paths:
        if not isinstance(p, str):
            raise TypeError(name + "() argument must be str, bytes, or os.PathLike object, not '"
                            + type(p).__name__ + "'")


def _fspath(p):
    """The other functions' check, worded as os.fspath's."""
    if not isinstance(p, str):
        raise TypeError("expected str, bytes or os.PathLike object, not " + type(p).__name__)


def isabs(s):
    """Does s start at the root?"""
    _fspath(s)
    return s.startswith("/")


def join(a, *p):
    """The parts joined with '/'; an absolute part starts over."""
    _check("join", a, *p)
    result = a
    for b in p:
        if b.startswith("/"):
            result = b
        elif not result or result.endswith("/"):
            result += b
        else:
            result += "/" + b
    return result


def split(p):
    """(head, tail): tail is what follows the last '/'."""
    _fspath(p)
    i = p.rfind("/") + 1
    head, tail = p[:i], p[i:]
    if head and head != "/" * len(head):
        head = head.rstrip("/")
    return head, tail


def splitext(p):
    """(root, ext): ext is the last dot and what follows, unless the dot
    starts the file name."""
    _fspath(p)
    dot = p.rfind(".")
    slash = p.rfind("/")
    if dot <= slash + 1:
        return p, ""
    name_start = slash + 1
    while name_start < dot and p[name_start] == ".":
        name_start += 1
    if name_start == dot:
        return p, ""
    return p[:dot], p[dot:]


def basename(p):
    """The final component of p."""
    return split(p)[1]


def dirname(p):
    """Everything before the final component of p."""
    return split(p)[0]


def normpath(path):
    """path with redundant separators and '.' and '..' parts resolved as
    far as the string alone allows."""
    _fspath(path)
    if not path:
        return "."
    initial = 0
    if path.startswith("/"):
        initial = 2 if path.startswith("//") and not path.startswith("///") else 1
    parts = []
    for comp in path.split("/"):
        if comp in ("", "."):
            continue
        if comp != ".." or (not initial and not parts) or (parts and parts[-1] == ".."):
            parts.append(comp)
        elif parts:
            parts.pop()
    result = "/" * initial + "/".join(parts)
    return result or "."


def abspath(path):
    """path made absolute against the working directory, normalized."""
    import os
    _fspath(path)
    if not isabs(path):
        path = join(os.getcwd(), path)
    return normpath(path)


def expanduser(path):
    """A leading ~ replaced by $HOME."""
    import os
    _fspath(path)
    if not path.startswith("~"):
        return path
    i = path.find("/", 1)
    if i < 0:
        i = len(path)
    if i != 1:
        return path
    home = os.environ.get("HOME")
    if home is None:
        return path
    return (home.rstrip("/") or "/") + path[i:]


def _mode(path):
    import os
    try:
        return os.stat(path).st_mode
    except (OSError, ValueError):
        return None


def exists(path):
    """Does path name something (following links)?"""
    return _mode(path) is not None


def isdir(s):
    """Is s a directory?"""
    mode = _mode(s)
    return mode is not None and mode & _S_IFMT == _S_IFDIR


def isfile(path):
    """Is path a regular file?"""
    mode = _mode(path)
    return mode is not None and mode & _S_IFMT == _S_IFREG


def getsize(filename):
    """The size of the file, in bytes."""
    import os
    return os.stat(filename).st_size


def getmtime(filename):
    """When the file was last modified, in seconds since the epoch."""
    import os
    return os.stat(filename).st_mtime


def commonprefix(m):
    """The longest string that starts every item of m."""
    if not m:
        return ""
    s1, s2 = min(m), max(m)
    for i in range(len(s1)):
        if s1[i] != s2[i]:
            return s1[:i]
    return s1
