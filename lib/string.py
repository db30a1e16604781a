"""Common string constants, capwords and Template (reclaim's own string).

The constants and capwords come from the native _string module; this file
adds Template, whose behaviour follows CPython 3.11's string.Template:
$name and ${name} are placeholders, $$ is a literal $, and any other $ is
an invalid placeholder (ValueError "Invalid placeholder in string: line L,
col C" from substitute; left as it is by safe_substitute).  A subclass may
change `delimiter`.

Identifiers are ASCII letters, digits and underscores, not starting with a
digit, in either case (CPython's default idpattern with re.IGNORECASE).
The placeholders are found by a scanner of this file's own: a subclass's
`idpattern`, `braceidpattern`, `flags` or `pattern` is not consulted.

Formatter is str.format's machinery as overridable methods (parse,
get_field, get_value, convert_field, format_field, check_unused_args), with
CPython's automatic numbering rules and errors; its parser reads format
strings as str.format does (doubled braces, nested fields in a spec, '[...]'
keys that may hold ':' or '!').
"""

from _string import (ascii_letters, ascii_lowercase, ascii_uppercase, capwords, digits,
                     hexdigits, octdigits, printable, punctuation, whitespace)

__all__ = ["ascii_letters", "ascii_lowercase", "ascii_uppercase", "capwords", "digits",
           "hexdigits", "octdigits", "printable", "punctuation", "whitespace", "Formatter", "Template"]

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


# ---- Formatter ------------------------------------------------------------------------

def _field_end(text, start):
    """The index of the '}' closing the field whose '{' is at start - 1
    (braces nest inside it, as in "{0:{1}}"), or -1."""
    depth = 1
    i = start
    while i < len(text):
        c = text[i]
        if c == "[":
            close = text.find("]", i)
            if close < 0:
                break
            i = close
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _split_field(field):
    """(field_name, format_spec, conversion) of the text between a field's braces."""
    i = 0
    while i < len(field) and field[i] not in ":!":
        if field[i] == "[":
            close = field.find("]", i)
            if close < 0:
                break
            i = close
        i += 1
    name = field[:i]
    if i == len(field):
        return name, "", None
    if field[i] == ":":
        return name, field[i + 1:], None
    if i + 1 >= len(field):                  # "{0!}": the '}' read as the conversion
        raise ValueError("unmatched '{' in format spec")
    conversion = field[i + 1]
    if i + 2 < len(field):
        if field[i + 2] != ":":
            raise ValueError("expected ':' after conversion specifier")
        return name, field[i + 3:], conversion
    return name, "", conversion


def _parse_format(text):
    """The (literal_text, field_name, format_spec, conversion) tuples of a
    format string, as str.format reads it."""
    pieces = []
    i = 0
    n = len(text)
    while i < n:
        start = i
        while i < n and text[i] not in "{}":
            i += 1
        literal = text[start:i]
        if i == n:
            pieces.append((literal, None, None, None))
            break
        brace = text[i]
        if i + 1 < n and text[i + 1] == brace:          # {{ or }}: one brace of text
            pieces.append((literal + brace, None, None, None))
            i += 2
            continue
        if brace == "}":
            raise ValueError("Single '}' encountered in format string")
        if i + 1 == n:
            raise ValueError("Single '{' encountered in format string")
        end = _field_end(text, i + 1)
        if end < 0:
            if text.endswith("!") and "!" not in text[i + 1:-1]:
                raise ValueError("end of string while looking for conversion specifier")
            raise ValueError("expected '}' before end of string")
        name, spec, conversion = _split_field(text[i + 1:end])
        pieces.append((literal, name, spec, conversion))
        i = end + 1
    return pieces


def _split_field_name(name):
    """The first part of a field name (an int when all digits) and the
    (is_attribute, key) steps after it."""
    i = 0
    while i < len(name) and name[i] not in ".[":
        i += 1
    first = name[:i]
    if first.isdigit():
        first = int(first)
    steps = []
    while i < len(name):
        if name[i] == ".":
            end = i + 1
            while end < len(name) and name[end] not in ".[":
                end += 1
            attr = name[i + 1:end]
            if not attr:
                raise ValueError("Empty attribute in format string")
            steps.append((True, attr))
            i = end
        elif name[i] == "[":
            close = name.find("]", i)
            if close < 0:
                raise ValueError("Missing ']' in format string")
            key = name[i + 1:close]
            if not key:
                raise ValueError("Empty attribute in format string")
            steps.append((False, int(key) if key.isdigit() else key))
            i = close + 1
            if i < len(name) and name[i] not in ".[":
                raise ValueError("Only '.' or '[' may follow ']' in format field specifier")
        else:
            raise ValueError("Only '.' or '[' may follow ']' in format field specifier")
    return first, steps


class Formatter:
    """str.format's machinery, with each step a method a subclass may change."""

    def format(self, format_string, /, *args, **kwargs):
        return self.vformat(format_string, args, kwargs)

    def vformat(self, format_string, args, kwargs):
        used_args = set()
        result, _ = self._vformat(format_string, args, kwargs, used_args, 2)
        self.check_unused_args(used_args, args, kwargs)
        return result

    def _vformat(self, format_string, args, kwargs, used_args, recursion_depth, auto_arg_index=0):
        if recursion_depth < 0:
            raise ValueError("Max string recursion exceeded")
        result = []
        for literal_text, field_name, format_spec, conversion in self.parse(format_string):
            if literal_text:
                result.append(literal_text)
            if field_name is None:
                continue
            if field_name == "":
                if auto_arg_index is False:
                    raise ValueError("cannot switch from manual field specification to automatic field numbering")
                field_name = str(auto_arg_index)
                auto_arg_index += 1
            elif field_name.isdigit():
                if auto_arg_index:             # CPython's string.py words both cases so
                    raise ValueError("cannot switch from manual field specification to automatic field numbering")
                auto_arg_index = False
            obj, arg_used = self.get_field(field_name, args, kwargs)
            used_args.add(arg_used)
            obj = self.convert_field(obj, conversion)
            format_spec, auto_arg_index = self._vformat(format_spec, args, kwargs, used_args,
                                                        recursion_depth - 1, auto_arg_index=auto_arg_index)
            result.append(self.format_field(obj, format_spec))
        return "".join(result), auto_arg_index

    def get_value(self, key, args, kwargs):
        if isinstance(key, int):
            return args[key]
        return kwargs[key]

    def check_unused_args(self, used_args, args, kwargs):
        pass

    def format_field(self, value, format_spec):
        return format(value, format_spec)

    def convert_field(self, value, conversion):
        if conversion is None:
            return value
        if conversion == "s":
            return str(value)
        if conversion == "r":
            return repr(value)
        if conversion == "a":
            return ascii(value)
        raise ValueError("Unknown conversion specifier {0!s}".format(conversion))

    def parse(self, format_string):
        return _parse_format(format_string)

    def get_field(self, field_name, args, kwargs):
        first, rest = _split_field_name(field_name)
        obj = self.get_value(first, args, kwargs)
        for is_attr, key in rest:
            obj = getattr(obj, key) if is_attr else obj[key]
        return obj, first
