"""Streams in memory, and the names of the io module a script reaches for
(reclaim's own io).

StringIO and BytesIO behave as CPython 3.11's for reading, writing,
seeking and closing; open is the built-in open.  UnsupportedOperation is
what files raise for a read on a write-only file or a write on a read-only
one, as in CPython: it is both an OSError and a ValueError.

Writes at the end (the common case) are gathered in a list of pieces and
joined only when the text is read, so building a large text piece by
piece costs linear time; a write elsewhere joins first and splices.
"""

__all__ = ["StringIO", "BytesIO", "UnsupportedOperation", "open", "SEEK_SET", "SEEK_CUR",
           "SEEK_END", "DEFAULT_BUFFER_SIZE"]

SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2
DEFAULT_BUFFER_SIZE = 8192
open = open   # the built-in


class UnsupportedOperation(OSError, ValueError):
    pass


class _MemoryStream:
    """What StringIO and BytesIO share; _empty is '' or b''."""

    _empty = ""

    def __init__(self, initial):
        self._pieces = [initial] if initial else []
        self._size = len(initial)
        self._pos = 0
        self.closed = False

    def _check_open(self):
        if self.closed:
            raise ValueError(self._closed_message)

    def _value(self):
        if len(self._pieces) > 1:
            self._pieces = [self._empty.join(self._pieces)]
        return self._pieces[0] if self._pieces else self._empty

    def _write_value(self, data):
        self._check_open()
        n = len(data)
        if not n:
            return 0
        if self._pos == self._size:
            self._pieces.append(data)
        else:
            value = self._value()
            if self._pos > self._size:
                value = value + self._padding(self._pos - self._size)
            value = value[:self._pos] + data + value[self._pos + n:]
            self._pieces = [value]
        self._pos += n
        self._size = max(self._size, self._pos)
        return n

    def getvalue(self):
        self._check_open()
        return self._value()

    def read(self, size=-1):
        self._check_open()
        if size is None or size < 0:
            size = self._size
        value = self._value()
        data = value[self._pos:self._pos + size]
        self._pos += len(data)
        return data

    def readline(self, size=-1):
        self._check_open()
        value = self._value()
        end = value.find(self._newline, self._pos)
        end = self._size if end < 0 else end + 1
        if size is not None and size >= 0:
            end = min(end, self._pos + size)
        data = value[self._pos:end]
        self._pos = max(self._pos, end)
        return data

    def readlines(self, hint=-1):
        lines = []
        total = 0
        while True:
            line = self.readline()
            if not line:
                return lines
            lines.append(line)
            total += len(line)
            if hint is not None and 0 < hint <= total:
                return lines

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def seek(self, pos, whence=0):
        self._check_open()
        if whence == 0:
            if pos < 0:
                raise ValueError("Negative seek position " + str(pos))
            self._pos = pos
        elif whence == 1 or whence == 2:
            self._pos = self._relative_position(pos, self._pos if whence == 1 else self._size)
        else:
            raise ValueError("Invalid whence (" + str(whence) + ", should be 0, 1 or 2)")
        return self._pos

    def tell(self):
        self._check_open()
        return self._pos

    def truncate(self, size=None):
        self._check_open()
        if size is None:
            size = self._pos
        if size < 0:
            raise ValueError("Negative size value " + str(size))
        if size < self._size:
            self._pieces = [self._value()[:size]]
            self._size = size
        return size

    def close(self):
        self.closed = True
        self._pieces = []

    def flush(self):
        self._check_open()

    def readable(self):
        self._check_open()
        return True

    def writable(self):
        self._check_open()
        return True

    def seekable(self):
        self._check_open()
        return True

    def isatty(self):
        self._check_open()
        return False

    def __enter__(self):
        self._check_open()
        return self

    def __exit__(self, *exc):
        self.close()

    def __iter__(self):
        self._check_open()
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line


class StringIO(_MemoryStream):
    """A text stream in memory."""

    _empty = ""
    _newline = "\n"
    _closed_message = "I/O operation on closed file"

    def _relative_position(self, offset, base):
        if offset != 0:   # CPython words both whences so
            raise OSError("Can't do nonzero cur-relative seeks")
        return base

    def __init__(self, initial_value="", newline="\n"):
        if initial_value is None:
            initial_value = ""
        if not isinstance(initial_value, str):
            raise TypeError("initial_value must be str or None, not " + type(initial_value).__name__)
        _MemoryStream.__init__(self, initial_value)

    def _padding(self, n):
        return "\0" * n

    def write(self, s):
        if not isinstance(s, str):
            raise TypeError("string argument expected, got '" + type(s).__name__ + "'")
        return self._write_value(s)


class BytesIO(_MemoryStream):
    """A binary stream in memory."""

    _empty = b""
    _newline = b"\n"
    _closed_message = "I/O operation on closed file."

    def _relative_position(self, offset, base):
        return max(0, base + offset)

    def __init__(self, initial_bytes=b""):
        if initial_bytes is None:
            initial_bytes = b""
        if not isinstance(initial_bytes, bytes):
            raise TypeError("a bytes-like object is required, not '" + type(initial_bytes).__name__ + "'")
        _MemoryStream.__init__(self, initial_bytes)

    def _padding(self, n):
        return b"\0" * n

    def write(self, b):
        if not isinstance(b, bytes):
            raise TypeError("a bytes-like object is required, not '" + type(b).__name__ + "'")
        return self._write_value(b)
