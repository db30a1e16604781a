"""Common string constants, capwords and Template (reclaim's own string).

The constants and capwords come from the native _string module; this file
adds Template, whose behaviour follows CPython 3.11's string.Template:
$name and ${name} are placeholders, $$ is a literal $, and any other $ is
an invalid placeholder (ValueError "Invalid placeholder in string: line L,
col C" from substitute; left as it is by safe_substitute).  A subclass may
change `delimiter`.

Identifiers are ASCII letters, digits and underscores, not starting with a
digit, in either case (CPython's default idpattern with re.IGNORECASE).
reclaim has no re module, so the placeholders are found by a scanner of
their own: a subclass's `idpattern`, `braceidpattern`, `flags` or `pattern`
is not consulted.  string.Formatter is not provided.
"""

from _string import (ascii_letters, ascii_lowercase, ascii_uppercase, capwords, digits,
                     hexdigits, octdigits, printable, punctuation, whitespace)

__all__ = ["ascii_letters", "ascii_lowercase", "ascii_uppercase", "capwords", "digits",
           "hexdigits", "octdigits", "printable", "punctuation", "whitespace", "Template"]

_ID_START = ascii_letters + "_"
_ID_REST = _ID_START + digits
_sentinel = object()


def _identifier_end(text, start):
    """The end of the identifier at text[start:], or start when there is none."""
    if start >= len(text) or text[start] not in _ID_START:
        return start
    end = start + 1
    while end < len(text) and text[end] in _ID_REST:
        end += 1
    return end


class Template:
    """A string with $-placeholders, filled in by substitute()."""

    delimiter = "$"
    idpattern = r"(?a:[_a-z][_a-z0-9]*)"
    braceidpattern = None

    def __init__(self, template):
        self.template = template

    def _scan(self):
        """The template's pieces in order: ("text", s), ("escaped", delim),
        ("named", name, source) or ("invalid", index after the delimiter)."""
        text = self.template
        delim = self.delimiter
        pieces = []
        start = 0
        i = text.find(delim)
        while i >= 0:
            if i > start:
                pieces.append(("text", text[start:i]))
            after = i + len(delim)
            end = _identifier_end(text, after)
            if text.startswith(delim, after):
                pieces.append(("escaped", delim))
                start = after + len(delim)
            elif end > after:
                pieces.append(("named", text[after:end], text[i:end]))
                start = end
            elif text.startswith("{", after):
                end = _identifier_end(text, after + 1)
                if end > after + 1 and text.startswith("}", end):
                    pieces.append(("named", text[after + 1:end], text[i:end + 1]))
                    start = end + 1
                else:
                    pieces.append(("invalid", after))
                    start = after
            else:
                pieces.append(("invalid", after))
                start = after
            i = text.find(delim, start)
        if start < len(text):
            pieces.append(("text", text[start:]))
        return pieces

    def _invalid(self, i):
        before = self.template[:i]
        lines = before.splitlines(True)
        if not lines:
            raise ValueError("Invalid placeholder in string: line 1, col 1")
        col = i - len("".join(lines[:-1]))
        raise ValueError("Invalid placeholder in string: line %d, col %d" % (len(lines), col))

    def _lookup(self, mapping, kws):
        """A function from a name to its text: the keywords first, then
        the mapping; KeyError when neither has it."""
        if mapping is _sentinel:
            mapping = kws
        elif kws:
            outer = mapping

            def lookup(name):
                return "%s" % (kws[name] if name in kws else outer[name],)
            return lookup

        def lookup(name):
            return "%s" % (mapping[name],)
        return lookup

    def substitute(self, mapping=_sentinel, /, **kws):
        """The template with every placeholder replaced by str(value);
        KeyError for a missing name, ValueError for an invalid $."""
        lookup = self._lookup(mapping, kws)
        out = []
        for piece in self._scan():
            kind = piece[0]
            if kind == "named":
                out.append(lookup(piece[1]))
            elif kind == "invalid":
                self._invalid(piece[1])
            else:
                out.append(piece[1])
        return "".join(out)

    def safe_substitute(self, mapping=_sentinel, /, **kws):
        """Like substitute, but missing names and invalid $ are left as
        they are in the template."""
        lookup = self._lookup(mapping, kws)
        out = []
        for piece in self._scan():
            kind = piece[0]
            if kind == "named":
                try:
                    out.append(lookup(piece[1]))
                except KeyError:
                    out.append(piece[2])
            elif kind == "invalid":
                out.append(self.delimiter)
            else:
                out.append(piece[1])
        return "".join(out)

    def is_valid(self):
        """False when the template holds an invalid placeholder."""
        for piece in self._scan():
            if piece[0] == "invalid":
                return False
        return True

    def get_identifiers(self):
        """The placeholder names of the template, each once, in order."""
        ids = []
        for piece in self._scan():
            if piece[0] == "named" and piece[1] not in ids:
                ids.append(piece[1])
        return ids
