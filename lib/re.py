"""Regular expressions (reclaim's own re module, CPython 3.11's API).

The engine is native (lang/regex_parse.c, lang/regex_exec.c, reached
through _re in lang/mod_re.c); this file gives it CPython's interface:
compile() and its cache, Pattern and Match objects, the flags, re.error,
the replacement templates of sub()/expand() (\\1, \\g<name>, \\g<0>), and
escape().  Positions are code-point indices, as in CPython.

Not provided: bytes patterns (NotImplementedError), re.Scanner,
Pattern.scanner(), re.template().
"""

import enum
import _re

__all__ = ["match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer",
           "compile", "purge", "escape", "error", "Pattern", "Match", "A", "I", "L", "M",
           "S", "X", "U", "ASCII", "IGNORECASE", "LOCALE", "MULTILINE", "DOTALL", "VERBOSE",
           "UNICODE", "NOFLAG", "RegexFlag"]

_MAXSIZE = 9223372036854775807
_MAXCACHE = 512
_FLAG_NAMES = (("TEMPLATE", 1), ("IGNORECASE", 2), ("LOCALE", 4), ("MULTILINE", 8),
               ("DOTALL", 16), ("UNICODE", 32), ("VERBOSE", 64), ("DEBUG", 128), ("ASCII", 256))


def _flags_repr(value):
    """'re.IGNORECASE|re.MULTILINE' for 10, as CPython's RegexFlag repr."""
    names = []
    for name, bit in _FLAG_NAMES:
        if value & bit:
            names.append("re." + name)
            value &= ~bit
    if value:
        names.append(hex(value))
    return "|".join(names) if names else "re.NOFLAG"


class RegexFlag(enum.IntFlag):
    NOFLAG = 0
    TEMPLATE = T = 1
    IGNORECASE = I = 2
    LOCALE = L = 4
    MULTILINE = M = 8
    DOTALL = S = 16
    UNICODE = U = 32
    VERBOSE = X = 64
    DEBUG = 128
    ASCII = A = 256

    def __repr__(self):
        return _flags_repr(self._value_)

    __str__ = __repr__


NOFLAG = RegexFlag.NOFLAG
TEMPLATE = T = RegexFlag.TEMPLATE
IGNORECASE = I = RegexFlag.IGNORECASE
LOCALE = L = RegexFlag.LOCALE
MULTILINE = M = RegexFlag.MULTILINE
DOTALL = S = RegexFlag.DOTALL
UNICODE = U = RegexFlag.UNICODE
VERBOSE = X = RegexFlag.VERBOSE
DEBUG = RegexFlag.DEBUG
ASCII = A = RegexFlag.ASCII


class error(Exception):
    """A pattern or template that is not valid: msg, pattern, pos, lineno, colno."""

    def __init__(self, msg, pattern=None, pos=None):
        self.msg = msg
        self.pattern = pattern
        self.pos = pos
        self.lineno = None
        self.colno = None
        if pattern is not None and pos is not None:
            msg = "%s at position %d" % (msg, pos)
            self.lineno = pattern.count("\n", 0, pos) + 1
            self.colno = pos - pattern.rfind("\n", 0, pos)
            if "\n" in pattern:
                msg = "%s (line %d, column %d)" % (msg, self.lineno, self.colno)
        super().__init__(msg)


error.__module__ = "re"


def _check_subject(string):
    if not isinstance(string, str):
        if isinstance(string, bytes):
            raise TypeError("cannot use a string pattern on a bytes-like object")
        raise TypeError("expected string or bytes-like object, got '%s'" % type(string).__name__)


def _clamp(pos, length):
    return 0 if pos < 0 else length if pos > length else pos


class Pattern:
    """A compiled regular expression."""

    def __init__(self, pattern, flags):
        made = _re.compile(pattern, flags)
        if len(made) == 2:
            if made[1] is None:
                raise error(made[0])
            raise error(made[0], pattern, made[1])
        self._prog, self.flags, self.groups, self.groupindex = made
        self.pattern = pattern
        self._names = {index: name for name, index in self.groupindex.items()}
        self._templates = {}

    def __repr__(self):
        text = repr(self.pattern)[:200]
        flags = self.flags & ~32
        if flags:
            return "re.compile(%s, %s)" % (text, _flags_repr(flags))
        return "re.compile(%s)" % text

    def __eq__(self, other):
        if not isinstance(other, Pattern):
            return NotImplemented
        return self.pattern == other.pattern and self.flags == other.flags

    def __hash__(self):
        return hash((self.pattern, self.flags))

    def _run(self, string, pos, endpos, mode):
        _check_subject(string)
        spans = _re.match(self._prog, string, pos, endpos, mode)
        if spans is None:
            return None
        n = len(string)
        return Match(self, string, spans, _clamp(pos, n), _clamp(endpos, n))

    def match(self, string, pos=0, endpos=_MAXSIZE):
        return self._run(string, pos, endpos, 0)

    def fullmatch(self, string, pos=0, endpos=_MAXSIZE):
        return self._run(string, pos, endpos, 1)

    def search(self, string, pos=0, endpos=_MAXSIZE):
        return self._run(string, pos, endpos, 2)

    def findall(self, string, pos=0, endpos=_MAXSIZE):
        _check_subject(string)
        return _re.findall(self._prog, string, pos, endpos)

    def finditer(self, string, pos=0, endpos=_MAXSIZE):
        _check_subject(string)
        n = len(string)
        return _iter_matches(self, string, _re.scan(self._prog, string, pos, endpos, 0),
                             _clamp(pos, n), _clamp(endpos, n))

    def split(self, string, maxsplit=0):
        _check_subject(string)
        return _re.split(self._prog, string, maxsplit)

    def sub(self, repl, string, count=0):
        return self._subx(repl, string, count)[0]

    def subn(self, repl, string, count=0):
        return self._subx(repl, string, count)

    def _subx(self, repl, string, count):
        _check_subject(string)
        if isinstance(repl, str):
            return _re.sub(self._prog, string, self._template(repl), count)
        if not callable(repl):
            raise TypeError("decoding to str: need a bytes-like object, %s found"
                            % type(repl).__name__)
        n = len(string)
        return _re.subfn(self._prog, string, count,
                         lambda result: Match(self, string, result, 0, n), repl)

    def _template(self, repl):
        pieces = self._templates.get(repl)
        if pieces is None:
            pieces = _parse_template(repl, self)
            if len(self._templates) >= 100:
                self._templates.clear()
            self._templates[repl] = pieces
        return pieces

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


def _iter_matches(pattern, string, results, pos, endpos):
    for result in results:
        yield Match(pattern, string, result, pos, endpos)


class Match:
    """The result of a successful match."""

    def __init__(self, pattern, string, result, pos, endpos):
        # result: the spans, lastindex, then the group strings (lang/mod_re.c)
        self.re = pattern
        self.string = string
        self._spans = result
        self._strs = 2 * pattern.groups + 3
        self.pos = pos
        self.endpos = endpos
        lastindex = result[self._strs - 1]
        self.lastindex = lastindex if lastindex >= 0 else None

    @property
    def lastgroup(self):
        if self.lastindex is None:
            return None
        return self.re._names.get(self.lastindex)

    @property
    def regs(self):
        s = self._spans
        return tuple((s[2 * g], s[2 * g + 1]) for g in range(self.re.groups + 1))

    def _index(self, group):
        if isinstance(group, int) and not isinstance(group, bool) or group is True or group is False:
            if 0 <= group <= self.re.groups:
                return int(group)
        elif isinstance(group, str):
            index = self.re.groupindex.get(group)
            if index is not None:
                return index
        raise IndexError("no such group")

    def _get(self, index, default=None):
        text = self._spans[self._strs + index]
        return default if text is None else text

    def group(self, *groups):
        if not groups:
            return self._get(0)
        if len(groups) == 1:
            return self._get(self._index(groups[0]))
        return tuple(self._get(self._index(g)) for g in groups)

    def __getitem__(self, group):
        return self._get(self._index(group))

    def groups(self, default=None):
        return tuple(self._get(g, default) for g in range(1, self.re.groups + 1))

    def groupdict(self, default=None):
        return {name: self._get(index, default) for name, index in self.re.groupindex.items()}

    def start(self, group=0):
        return self._spans[2 * self._index(group)]

    def end(self, group=0):
        return self._spans[2 * self._index(group) + 1]

    def span(self, group=0):
        index = self._index(group)
        return (self._spans[2 * index], self._spans[2 * index + 1])

    def expand(self, template):
        pieces = []
        for piece in _parse_template(template, self.re):
            if isinstance(piece, str):
                pieces.append(piece)
            else:
                pieces.append(self._get(piece, ""))
        return "".join(pieces)

    def __repr__(self):
        return "<re.Match object; span=(%d, %d), match=%r>" % (self._spans[0], self._spans[1],
                                                                self.group())

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


_TEMPLATE_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t",
                     "v": "\v", "\\": "\\"}
_OCTAL = "01234567"
_ASCII_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _is_identifier(name):
    """str.isidentifier() for group names (non-ASCII letters taken as letters)."""
    for k, c in enumerate(name):
        if not (c in _ASCII_LETTERS or c == "_" or c >= "\x80" or (k and c in _DIGITS)):
            return False
    return bool(name)
_DIGITS = "0123456789"


def _template_group_name(template, i, pattern):
    """\\g<...> at template[i:] (i after 'g'): (group, index after '>')."""
    if template[i:i + 1] != "<":
        raise error("missing <", template, i)
    close = template.find(">", i + 1)
    if close < 0:
        if i + 1 == len(template):
            raise error("missing group name", template, i + 1)
        raise error("missing >, unterminated name", template, i + 1)
    name = template[i + 1:close]
    if not name:
        raise error("missing group name", template, i + 1)
    if _is_identifier(name):
        if name not in pattern.groupindex:
            raise IndexError("unknown group name '%s'" % name)
        return pattern.groupindex[name], close + 1
    if any(c not in _DIGITS for c in name):
        raise error("bad character in group name %r" % name, template, i + 1)
    index = int(name)
    if index > pattern.groups:
        raise error("invalid group reference %d" % index, template, i + 1)
    return index, close + 1


def _template_digits(template, i, pattern, pieces):
    """\\N, \\NN or a three-digit octal escape at template[i:] (i at the first
    digit); appends to pieces, returns the index after."""
    c = template[i]
    j = i + 1
    if c == "0":
        while j < len(template) and j < i + 3 and template[j] in _OCTAL:
            j += 1
        pieces.append(chr(int(template[i:j], 8) & 0xFF))
        return j
    if j < len(template) and template[j] in _DIGITS:
        j += 1
        if (c in _OCTAL and template[j - 1] in _OCTAL and j < len(template)
                and template[j] in _OCTAL):
            value = int(template[i:j + 1], 8)
            if value > 0o377:
                raise error("octal escape value \\%s outside of range 0-0o377"
                            % template[i:j + 1], template, i - 1)
            pieces.append(chr(value))
            return j + 1
    index = int(template[i:j])
    if index > pattern.groups:
        raise error("invalid group reference %d" % index, template, i)
    pieces.append(index)
    return j


def _parse_template(template, pattern):
    """The replacement template as a list of str pieces and group numbers."""
    if not isinstance(template, str):
        raise TypeError("expected str instance, %s found" % type(template).__name__)
    if "\\" not in template:
        return [template]
    pieces = []
    i = 0
    n = len(template)
    while i < n:
        j = template.find("\\", i)
        if j < 0:
            pieces.append(template[i:])
            break
        if j > i:
            pieces.append(template[i:j])
        if j + 1 >= n:
            raise error("bad escape (end of pattern)", template, j)
        c = template[j + 1]
        if c == "g":
            index, i = _template_group_name(template, j + 2, pattern)
            pieces.append(index)
        elif c in _DIGITS:
            i = _template_digits(template, j + 1, pattern, pieces)
        elif c in _TEMPLATE_ESCAPES:
            pieces.append(_TEMPLATE_ESCAPES[c])
            i = j + 2
        elif c in _ASCII_LETTERS:
            raise error("bad escape \\" + c, template, j)
        else:
            pieces.append(template[j:j + 2])
            i = j + 2
    return _join_literals(pieces)


def _join_literals(pieces):
    out = []
    for piece in pieces:
        if isinstance(piece, str) and out and isinstance(out[-1], str):
            out[-1] = out[-1] + piece
        else:
            out.append(piece)
    return out


_cache = {}


def compile(pattern, flags=0):
    """Compile a regular expression pattern, returning a Pattern object."""
    if isinstance(flags, RegexFlag):
        flags = flags._value_
    if isinstance(pattern, Pattern):
        if flags:
            raise ValueError("cannot process flags argument with a compiled pattern")
        return pattern
    key = (type(pattern), pattern, flags)
    found = _cache.get(key)
    if found is not None:
        return found
    if isinstance(pattern, str):
        pass
    elif isinstance(pattern, bytes):
        raise NotImplementedError("re: bytes patterns are not supported by reclaim")
    else:
        raise TypeError("first argument must be string or compiled pattern")
    compiled = Pattern(pattern, flags)
    if len(_cache) >= _MAXCACHE:
        _cache.clear()
    _cache[key] = compiled
    return compiled


def purge():
    """Clear the regular expression cache."""
    _cache.clear()


def match(pattern, string, flags=0):
    return compile(pattern, flags).match(string)


def fullmatch(pattern, string, flags=0):
    return compile(pattern, flags).fullmatch(string)


def search(pattern, string, flags=0):
    return compile(pattern, flags).search(string)


def findall(pattern, string, flags=0):
    return compile(pattern, flags).findall(string)


def finditer(pattern, string, flags=0):
    return compile(pattern, flags).finditer(string)


def sub(pattern, repl, string, count=0, flags=0):
    return compile(pattern, flags).sub(repl, string, count)


def subn(pattern, repl, string, count=0, flags=0):
    return compile(pattern, flags).subn(repl, string, count)


def split(pattern, string, maxsplit=0, flags=0):
    return compile(pattern, flags).split(string, maxsplit)


_SPECIAL = frozenset("()[]{}?*+-|^$\\.&~# \t\n\r\v\f")


def escape(pattern):
    """Escape the characters that are special in a pattern."""
    if isinstance(pattern, bytes):
        raise NotImplementedError("re: bytes patterns are not supported by reclaim")
    return "".join("\\" + c if c in _SPECIAL else c for c in pattern)
