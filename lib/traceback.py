"""Print and format exceptions and stacks (reclaim's own traceback).

The behaviour follows CPython 3.11's module of the same name for what a
script prints: print_exc/format_exc, print_exception/format_exception
(causes and contexts with chain=True), format_exception_only, the
traceback-object functions print_tb/format_tb/extract_tb, the stack
functions print_stack/format_stack/extract_stack, and FrameSummary /
StackSummary as the entries they return.

The text comes from the interpreter itself through the native _traceback
(the same words an uncaught exception prints), so the two never disagree.
Lines are read from the script's files; frames have no objects here, so a
FrameSummary has no locals and `walk_tb`/`walk_stack`/`TracebackException`
are not provided.
"""

import sys
from _traceback import entries as _entries, stack as _stack, text as _text

__all__ = ["extract_stack", "extract_tb", "format_exc", "format_exception",
           "format_exception_only", "format_list", "format_stack", "format_tb",
           "print_exc", "print_exception", "print_list", "print_stack", "print_tb",
           "FrameSummary", "StackSummary"]

_sentinel = object()


class FrameSummary:
    """One entry of a traceback or a stack: where, in which function, what line."""

    def __init__(self, filename, lineno, name, line=None):
        self.filename = filename
        self.lineno = lineno
        self.name = name
        self._line = line

    @property
    def line(self):
        return self._line

    def __iter__(self):
        return iter((self.filename, self.lineno, self.name, self.line))

    def __getitem__(self, index):
        return (self.filename, self.lineno, self.name, self.line)[index]

    def __len__(self):
        return 4

    def __eq__(self, other):
        if isinstance(other, FrameSummary):
            return tuple(self) == tuple(other)
        if isinstance(other, tuple):
            return tuple(self) == other
        return NotImplemented

    def __repr__(self):
        return "<FrameSummary file {}, line {} in {}>".format(self.filename, self.lineno, self.name)


class StackSummary(list):
    """A list of FrameSummary, oldest first."""

    @classmethod
    def from_list(cls, entries):
        result = cls()
        for entry in entries:
            result.append(entry if isinstance(entry, FrameSummary) else FrameSummary(*entry))
        return result

    def format(self):
        return [_format_entry(entry) for entry in self]


def _format_entry(entry):
    text = '  File "{}", line {}, in {}\n'.format(entry.filename, entry.lineno, entry.name)
    if entry.line:
        text += "    {}\n".format(entry.line.strip())
    return text


def _limited(items, limit, newest_last):
    """items cut by limit as CPython cuts them: a positive limit keeps the
    first entries of a traceback (the last of a stack), a negative one the
    other end."""
    if limit is None:
        limit = getattr(sys, "tracebacklimit", None)
        if limit is not None and limit < 0:
            limit = 0
    if limit is None:
        return items
    if newest_last:
        return items[-limit:] if limit > 0 else items[:-limit] if limit < 0 else []
    return items[:limit] if limit >= 0 else items[limit:]


def _exception_of(exc, value):
    if value is not _sentinel:
        return value
    return exc


def _chunks(text):
    """The interpreter's text as CPython's list: one string per entry (the
    File line with its source line), one per other line."""
    lines = text.splitlines(keepends=True)
    chunks = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith('  File "') and i + 1 < len(lines) and lines[i + 1].startswith("    "):
            chunks.append(line + lines[i + 1])
            i += 2
        else:
            chunks.append(line)
            i += 1
    return chunks


def extract_tb(tb, limit=None):
    return StackSummary.from_list(_limited([FrameSummary(*e) for e in _entries(tb)], limit, False))


def format_tb(tb, limit=None):
    return extract_tb(tb, limit).format()


def print_tb(tb, limit=None, file=None):
    print_list(extract_tb(tb, limit), file)


def _caller_stack(f, limit):
    """The running frames up to the caller of the public function, cut by limit."""
    if f is not None:
        raise NotImplementedError("traceback: frame objects are not available in reclaim")
    frames = [FrameSummary(*e) for e in _stack()][:-2]   # not this helper, nor its caller
    return StackSummary.from_list(_limited(frames, limit, True))


def extract_stack(f=None, limit=None):
    return _caller_stack(f, limit)


def format_stack(f=None, limit=None):
    return _caller_stack(f, limit).format()


def print_stack(f=None, limit=None, file=None):
    print_list(_caller_stack(f, limit), file)


def format_list(extracted_list):
    return StackSummary.from_list(extracted_list).format()


def print_list(extracted_list, file=None):
    out = sys.stderr if file is None else file
    for item in format_list(extracted_list):
        print(item, file=out, end="")


def format_exception_only(exc, /, value=_sentinel):
    value = _exception_of(exc, value)
    if value is None:
        return ["NoneType: None\n"]
    text = _text(value, False)
    lines = _chunks(text)
    start = 0
    for i, line in enumerate(lines):          # drop the traceback part
        if line.startswith("Traceback (most recent call last):") or line.startswith('  File "'):
            start = i + 1
    return lines[start:]


def format_exception(exc, /, value=_sentinel, tb=_sentinel, limit=None, chain=True):
    value = _exception_of(exc, value)
    if value is None:
        return ["NoneType: None\n"]
    if limit is not None:
        return _format_limited(value, limit)
    return _chunks(_text(value, chain))


def _format_limited(value, limit):
    result = []
    if value.__traceback__ is not None:
        entries = format_tb(value.__traceback__, limit)
        if entries:
            result.append("Traceback (most recent call last):\n")
            result.extend(entries)
    result.extend(format_exception_only(value))
    return result


def print_exception(exc, /, value=_sentinel, tb=_sentinel, limit=None, file=None, chain=True):
    out = sys.stderr if file is None else file
    for chunk in format_exception(exc, value, tb, limit=limit, chain=chain):
        print(chunk, file=out, end="")


def format_exc(limit=None, chain=True):
    return "".join(format_exception(sys.exc_info()[1], limit=limit, chain=chain))


def print_exc(limit=None, file=None, chain=True):
    print_exception(sys.exc_info()[1], limit=limit, file=file, chain=chain)


def print_last(limit=None, file=None, chain=True):
    if not hasattr(sys, "last_value"):
        raise ValueError("no last exception")
    print_exception(sys.last_value, limit=limit, file=file, chain=chain)
