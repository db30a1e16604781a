"""Container datatypes (reclaim's own collections).

The behaviour follows CPython 3.11's module of the same name.  deque is the
native type of _collections (lang/mod_collections.c); namedtuple,
defaultdict, Counter, OrderedDict and ChainMap are written here, Counter's
counting loop in _collections._count_elements as in CPython.

defaultdict, Counter and OrderedDict subclass dict, as CPython's do: their
items are the dict's own, and isinstance(x, dict) holds.  A namedtuple
class is made with type(name, (tuple,), namespace): its instances are
tuples (no __dict__: __slots__ is empty), its fields properties over the
tuple's items.
Invariants: a Counter's missing keys count 0 without being stored; an
OrderedDict's order is its dict's insertion order.
"""

from _collections import _count_elements, deque

__all__ = ["ChainMap", "Counter", "OrderedDict", "defaultdict", "deque", "namedtuple"]

_MISSING = object()

_KEYWORDS = frozenset([
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
    "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
    "return", "try", "while", "with", "yield"])


def _is_identifier(name):
    """str.isidentifier for ASCII (non-ASCII characters count as letters)."""
    if not name or "0" <= name[0] <= "9":
        return False
    for ch in name:
        if not (ch == "_" or "a" <= ch <= "z" or "A" <= ch <= "Z" or "0" <= ch <= "9" or ord(ch) > 127):
            return False
    return True


# Built-in iterables that have no keys(): answered without a failing
# attribute lookup (Counter.update is called line by line on lists).
_NOT_MAPPINGS = (list, tuple, str, set, frozenset, range)


def _is_mapping(obj):
    if isinstance(obj, dict):
        return True
    return not isinstance(obj, _NOT_MAPPINGS) and hasattr(obj, "keys")


def _mapping_items(obj):
    """(key, value) pairs of a dict or of anything with keys() and []."""
    if isinstance(obj, dict):
        return list(obj.items())
    return [(k, obj[k]) for k in obj.keys()]


# ---- namedtuple ------------------------------------------------------------------

def _field_names_checked(typename, field_names, rename):
    if isinstance(field_names, str):
        field_names = field_names.replace(",", " ").split()
    names = [str(n) for n in field_names]
    if rename:
        seen = set()
        for i, name in enumerate(names):
            if (not _is_identifier(name) or name in _KEYWORDS or name.startswith("_")
                    or name in seen):
                names[i] = "_%d" % i
            seen.add(names[i])
    for name in [typename] + names:
        if type(name) is not str:
            raise TypeError("Type names and field names must be strings")
        if not _is_identifier(name):
            raise ValueError("Type names and field names must be valid identifiers: %r" % (name,))
        if name in _KEYWORDS:
            raise ValueError("Type names and field names cannot be a keyword: %r" % (name,))
    seen = set()
    for name in names:
        if name.startswith("_") and not rename:
            raise ValueError("Field names cannot start with an underscore: %r" % (name,))
        if name in seen:
            raise ValueError("Encountered duplicate field name: %r" % (name,))
        seen.add(name)
    return tuple(names)


def _bind_fields(typename, fields, defaults, args, kwargs):
    """The values of a call typename(*args, **kwargs), as a tuple, with the
    errors of a function whose parameters are the fields."""
    n = len(fields)
    if len(args) > n:
        raise TypeError("%s.__new__() takes %d positional arguments but %d were given"
                        % (typename, n + 1, len(args) + 1))
    values = list(args) + [_MISSING] * (n - len(args))
    for key in kwargs:
        if key not in fields:
            raise TypeError("%s.__new__() got an unexpected keyword argument %r" % (typename, key))
        i = fields.index(key)
        if i < len(args):
            raise TypeError("%s.__new__() got multiple values for argument %r" % (typename, key))
        values[i] = kwargs[key]
    first_default = n - len(defaults)
    missing = []
    for i in range(n):
        if values[i] is _MISSING:
            if i >= first_default:
                values[i] = defaults[i - first_default]
            else:
                missing.append(fields[i])
    if missing:
        raise TypeError("%s.__new__() missing %d required positional argument%s: %s"
                        % (typename, len(missing), "" if len(missing) == 1 else "s",
                           _quoted_list(missing)))
    return tuple(values)


def _quoted_list(names):
    quoted = ["%r" % (n,) for n in names]
    if len(quoted) == 1:
        return quoted[0]
    return ", ".join(quoted[:-1]) + (", and " if len(quoted) > 2 else " and ") + quoted[-1]


class _tuplegetter:
    """A namedtuple field: item number index of the tuple, read-only."""

    def __init__(self, index, doc):
        self._index = index
        self.__doc__ = doc

    def __get__(self, obj, owner=None):
        return self if obj is None else tuple.__getitem__(obj, self._index)

    def __set__(self, obj, value):
        raise AttributeError("can't set attribute")

    def __delete__(self, obj):
        raise AttributeError("can't delete attribute")


def _field_property(index):
    return _tuplegetter(index, "Alias for field number %d" % index)


def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    """A new class of tuple-like records with named fields."""
    typename = str(typename)
    fields = _field_names_checked(typename, field_names, rename)
    defaults = () if defaults is None else tuple(defaults)
    if len(defaults) > len(fields):
        raise TypeError("Got more default values than field names")
    field_defaults = dict(zip(fields[len(fields) - len(defaults):], defaults))

    def __new__(cls, *args, **kwargs):
        return tuple.__new__(cls, _bind_fields(typename, fields, defaults, args, kwargs))

    def _make(cls, iterable):
        values = tuple(iterable)
        if len(values) != len(fields):
            raise TypeError("Expected %d arguments, got %d" % (len(fields), len(values)))
        return tuple.__new__(cls, values)

    def _replace(self, **changes):
        values = [changes.pop(name, value) for name, value in zip(fields, self)]
        if changes:
            raise ValueError("Got unexpected field names: %r" % (list(changes),))
        return self._make(values)

    def __repr__(self):
        parts = ["%s=%r" % (name, value) for name, value in zip(fields, self)]
        return "%s(%s)" % (type(self).__name__, ", ".join(parts))

    ns = {
        "__slots__": (),
        "__module__": "__main__" if module is None else module,
        "__doc__": "%s(%s)" % (typename, ", ".join(fields)),
        "_fields": fields,
        "_field_defaults": field_defaults,
        "__match_args__": fields,
        "__new__": __new__,
        "_make": classmethod(_make),
        "_replace": _replace,
        "_asdict": lambda self: dict(zip(fields, self)),
        "__repr__": __repr__,
        "__getnewargs__": lambda self: tuple(self),
    }
    for index, name in enumerate(fields):
        ns[name] = _field_property(index)
    return type(typename, (tuple,), ns)


# ---- the mapping classes -------------------------------------------------------------

class defaultdict(dict):
    """A dict that calls default_factory() for a missing key and stores it."""

    def __init__(self, default_factory=None, /, *args, **kwargs):
        if default_factory is not None and not callable(default_factory):
            raise TypeError("first argument must be callable or None")
        dict.__init__(self, *args, **kwargs)
        self.default_factory = default_factory

    def __missing__(self, key):
        if self.default_factory is None:
            raise KeyError(key)
        self[key] = value = self.default_factory()
        return value

    def copy(self):
        return self.__class__(self.default_factory, self)

    __copy__ = copy

    def __repr__(self):
        return "%s(%r, %s)" % (type(self).__name__, self.default_factory, dict.__repr__(self))

    def __or__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        result = self.copy()
        result.update(other)
        return result

    def __ror__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        result = self.__class__(self.default_factory, other)
        result.update(self)
        return result


class OrderedDict(dict):
    """A dict with move_to_end, popitem(last=False) and an order-sensitive
    == between OrderedDicts (a dict keeps insertion order already)."""

    def popitem(self, last=True):
        if not self:
            raise KeyError("dictionary is empty")
        key = next(reversed(self)) if last else next(iter(self))
        return key, dict.pop(self, key)

    def move_to_end(self, key, last=True):
        value = dict.pop(self, key)
        if last:
            dict.__setitem__(self, key, value)
            return
        rest = list(dict.items(self))
        dict.clear(self)
        dict.__setitem__(self, key, value)
        for k, v in rest:
            dict.__setitem__(self, k, v)

    def __eq__(self, other):
        if isinstance(other, OrderedDict):
            return dict.__eq__(self, other) and list(self) == list(other)
        return dict.__eq__(self, other)

    def __ne__(self, other):
        return not self == other

    def copy(self):
        return self.__class__(self)

    __copy__ = copy

    def __repr__(self):
        if not self:
            return "%s()" % (type(self).__name__,)
        return "%s(%r)" % (type(self).__name__, list(self.items()))

    def __or__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        result = self.__class__(self)
        result.update(other)
        return result

    def __ror__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        result = self.__class__(other)
        result.update(self)
        return result

    def __ior__(self, other):
        self.update(other)
        return self


class Counter(dict):
    """A multiset: elements map to their counts; a missing element counts 0."""

    def __init__(self, iterable=None, /, **kwargs):
        dict.__init__(self)
        self.update(iterable, **kwargs)

    def __missing__(self, key):
        return 0

    def __delitem__(self, key):
        if key in self:
            dict.__delitem__(self, key)

    def total(self):
        return sum(self.values())

    def most_common(self, n=None):
        ranked = sorted(self.items(), key=lambda item: item[1], reverse=True)
        return ranked if n is None else ranked[:max(n, 0)]

    def elements(self):
        for key, count in self.items():
            for _ in range(count if count > 0 else 0):
                yield key

    @classmethod
    def fromkeys(cls, iterable, v=None):
        raise NotImplementedError("Counter.fromkeys() is undefined.  Use Counter(iterable) instead.")

    def _add_counts(self, iterable, kwargs, sign):
        if iterable is not None:
            if _is_mapping(iterable):
                for key, count in _mapping_items(iterable):
                    self[key] = self.get(key, 0) + sign * count
            elif sign == 1:
                _count_elements(self, iterable)
            else:
                for key in iterable:
                    self[key] = self.get(key, 0) - 1
        for key in kwargs:
            self[key] = self.get(key, 0) + sign * kwargs[key]

    def update(self, iterable=None, /, **kwargs):
        self._add_counts(iterable, kwargs, 1)

    def subtract(self, iterable=None, /, **kwargs):
        self._add_counts(iterable, kwargs, -1)

    def copy(self):
        return self.__class__(self)

    __copy__ = copy

    def __repr__(self):
        if not self:
            return "%s()" % (type(self).__name__,)
        items = ", ".join("%r: %r" % item for item in self.most_common())
        return "%s({%s})" % (type(self).__name__, items)

    # multiset comparisons: missing elements count 0
    def _all_counts(self, other, test):
        return all(test(self[e], other[e]) for c in (self, other) for e in c)

    def __eq__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return self._all_counts(other, lambda a, b: a == b)

    def __ne__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return not self == other

    def __le__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return self._all_counts(other, lambda a, b: a <= b)

    def __lt__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return self <= other and self != other

    def __ge__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return self._all_counts(other, lambda a, b: a >= b)

    def __gt__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return self >= other and self != other

    # multiset arithmetic: results keep positive counts only
    def _combine(self, other, count_of):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for c in (self, other):
            for key in c:
                if key not in result:
                    count = count_of(self[key], other[key])
                    if count > 0:
                        dict.__setitem__(result, key, count)
        return result

    def __add__(self, other):
        return self._combine(other, lambda a, b: a + b)

    def __sub__(self, other):
        return self._combine(other, lambda a, b: a - b)

    def __or__(self, other):
        return self._combine(other, lambda a, b: a if a > b else b)

    def __and__(self, other):
        return self._combine(other, lambda a, b: a if a < b else b)

    def __pos__(self):
        return Counter(dict((k, c) for k, c in self.items() if c > 0))

    def __neg__(self):
        return Counter(dict((k, -c) for k, c in self.items() if c < 0))

    def _in_place(self, result):
        if result is NotImplemented:
            return result
        dict.clear(self)
        dict.update(self, result)
        return self

    def __iadd__(self, other):
        return self._in_place(self + other)

    def __isub__(self, other):
        return self._in_place(self - other)

    def __ior__(self, other):
        return self._in_place(self | other)

    def __iand__(self, other):
        return self._in_place(self & other)


# ---- ChainMap ------------------------------------------------------------------------

class ChainMap:
    """Several mappings seen as one: lookups search maps in order; writes,
    deletions and pops go to maps[0]."""

    __hash__ = None

    def __init__(self, *maps):
        self.maps = list(maps) or [{}]

    def __missing__(self, key):
        raise KeyError(key)

    def __getitem__(self, key):
        for mapping in self.maps:
            if key in mapping:
                return mapping[key]
        return self.__missing__(key)

    def get(self, key, default=None):
        return self[key] if key in self else default

    def _merged_keys(self):
        keys = {}
        for mapping in reversed(self.maps):
            for key in mapping:
                keys[key] = None
        return keys

    def __len__(self):
        return len(self._merged_keys())

    def __iter__(self):
        return iter(self._merged_keys())

    def __contains__(self, key):
        return any(key in m for m in self.maps)

    def __bool__(self):
        return any(self.maps)

    def keys(self):
        return list(self)

    def items(self):
        return [(key, self[key]) for key in self]

    def values(self):
        return [self[key] for key in self]

    def __repr__(self):
        return "%s(%s)" % (type(self).__name__, ", ".join(repr(m) for m in self.maps))

    @classmethod
    def fromkeys(cls, iterable, *args):
        return cls(dict.fromkeys(iterable, *args))

    def copy(self):
        first = self.maps[0]
        return self.__class__(first.copy(), *self.maps[1:])

    __copy__ = copy

    def new_child(self, m=None, **kwargs):
        if m is None:
            m = kwargs
        elif kwargs:
            m.update(kwargs)
        return self.__class__(m, *self.maps)

    @property
    def parents(self):
        return self.__class__(*self.maps[1:])

    def __setitem__(self, key, value):
        self.maps[0][key] = value

    def __delitem__(self, key):
        try:
            del self.maps[0][key]
        except KeyError:
            raise KeyError("Key not found in the first mapping: %r" % (key,))

    def popitem(self):
        try:
            return self.maps[0].popitem()
        except KeyError:
            raise KeyError("No keys found in the first mapping.")

    def pop(self, key, *args):
        try:
            return self.maps[0].pop(key, *args)
        except KeyError:
            raise KeyError("Key not found in the first mapping: %r" % (key,))

    def clear(self):
        self.maps[0].clear()

    def __eq__(self, other):
        if isinstance(other, (dict, ChainMap)):
            return dict(self.items()) == dict(other.items())
        return NotImplemented

    def __or__(self, other):
        if not isinstance(other, (dict, ChainMap)):
            return NotImplemented
        result = self.copy()
        result.maps[0].update(other)
        return result

    def __ior__(self, other):
        self.maps[0].update(other)
        return self
