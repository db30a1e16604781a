"""Enumerations (reclaim's own enum): Enum, IntEnum, Flag, IntFlag, auto, unique.

The behaviour follows CPython 3.11's module of the same name.  EnumType,
the metaclass, turns the class body's plain attributes into members when
the class is made: each member is an instance of the class, made once,
with _name_ and _value_; a second name with the same value is an alias of
the first member.  The class keeps its members in _member_map_ (name ->
member, aliases included, in definition order), _member_names_ (canonical
names only) and _value2member_map_ (value -> member, hashable values).
Calling the class looks a value up (Color(1)), subscripting it looks a name
up (Color['RED']); iteration, len() and `in` see the canonical members.

Invariants: members never change once the class exists (assigning or
deleting one raises AttributeError); Flag values are ints, and a Flag
value that is not a member's gets a pseudo-member made once and kept in
_value2member_map_.

Differences from CPython: the class body's namespace is a plain dict, so
a name defined twice keeps its last value instead of raising TypeError;
IntEnum and IntFlag members are not int instances (reclaim has no
subclasses of int) but compare, hash, format and compute like ints;
__members__ is a dict copy rather than a mappingproxy; Flag(v) for a value
with bits outside the flag raises ValueError("v is not a valid Flag").
"""

__all__ = ["EnumType", "EnumMeta", "Enum", "IntEnum", "Flag", "IntFlag", "auto", "unique"]

import operator as _operator


class auto:
    """A member value chosen by _generate_next_value_."""

    def __repr__(self):
        return "auto(...)"


def _is_dunder(name):
    return len(name) > 4 and name[:2] == name[-2:] == "__" and name[2] != "_" and name[-3] != "_"


def _is_sunder(name):
    return len(name) > 2 and name[0] == name[-1] == "_" and name[1] != "_" and name[-2] != "_"


def _function():
    pass


_DESCRIPTOR_TYPES = (type(_function), type(len), property, classmethod, staticmethod)


def _is_member_candidate(name, value):
    if _is_dunder(name) or _is_sunder(name) or isinstance(value, _DESCRIPTOR_TYPES):
        return False
    kind = type(value)
    return not (hasattr(kind, "__get__") or hasattr(kind, "__set__") or hasattr(kind, "__delete__"))


def _enum_bases(bases):
    """The enum classes among bases (the ones made by EnumType)."""
    return [b for b in bases if isinstance(b, EnumType)]


class EnumType(type):
    """The metaclass of enumerations."""

    def __new__(metacls, name, bases, classdict, **kwds):
        for base in _enum_bases(bases):
            if base._member_names_:
                raise TypeError("<enum %r> cannot extend %r" % (name, base))
        members = []
        body = {}
        for key, value in classdict.items():
            if _is_member_candidate(key, value):
                members.append((key, value))
            else:
                body[key] = value
        cls = super().__new__(metacls, name, bases, body, **kwds)
        cls._member_map_ = {}
        cls._member_names_ = []
        cls._value2member_map_ = {}
        cls._unhashable_values_ = []
        last_values = []
        for key, value in members:
            if isinstance(value, auto):
                value = cls._generate_next_value_(key, 1, len(cls._member_names_), last_values[:])
            cls._add_member_(key, value)
            last_values.append(value)
        return cls

    def _add_member_(cls, name, value):
        args = value if isinstance(value, tuple) else (value,)
        new = cls.__dict__.get("__new__")
        if new is None:
            member = object.__new__(cls)
        else:
            member = new(cls, *args)
        if "_value_" not in member.__dict__:
            member._value_ = value
        init = getattr(cls, "__init__")
        if init is not object.__init__:
            init(member, *args)
        canonical = cls._lookup_value_(member._value_)
        if canonical is not None:
            member = canonical
        else:
            member._name_ = name
            cls._member_names_.append(name)
            cls._store_value_(member)
        cls._member_map_[name] = member
        type.__setattr__(cls, name, member)
        return member

    def _store_value_(cls, member):
        try:
            cls._value2member_map_[member._value_] = member
        except TypeError:
            cls._unhashable_values_.append(member)

    def _lookup_value_(cls, value):
        """The member with this value, or None."""
        try:
            return cls._value2member_map_.get(value)
        except TypeError:
            for member in cls._unhashable_values_:
                if member._value_ == value:
                    return member
            return None

    def __call__(cls, value, names=None, *, module=None, qualname=None, type=None, start=1):
        if names is not None:
            return cls._create_(value, names, module, qualname, type, start)
        if isinstance(value, cls):
            return value
        member = cls._lookup_value_(value)
        if member is not None:
            return member
        result = cls._missing_(value)
        if isinstance(result, cls):
            return result
        if result is not None:
            raise TypeError("error in %s._missing_: returned %r instead of None or a valid member"
                            % (cls.__name__, result))
        raise ValueError("%r is not a valid %s" % (value, cls.__qualname__))

    def _create_(cls, class_name, names, module, qualname, mixin, start):
        """The functional API: Enum('Name', 'A B C') and its variants."""
        if isinstance(names, str):
            names = names.replace(",", " ").split()
        items = list(names.items()) if isinstance(names, dict) else list(names)
        classdict = {}
        last_values = []
        for index, item in enumerate(items):
            if isinstance(item, str):
                value = cls._generate_next_value_(item, start, index, last_values[:])
                item = (item, value)
            classdict[item[0]] = item[1]
            last_values.append(item[1])
        classdict["__module__"] = module if module is not None else "__main__"
        if qualname is not None:
            classdict["__qualname__"] = qualname
        bases = (cls,) if mixin is None else (mixin, cls)
        return EnumType(class_name, bases, classdict)

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __iter__(cls):
        return (cls._member_map_[name] for name in cls._member_names_)

    def __reversed__(cls):
        return (cls._member_map_[name] for name in reversed(cls._member_names_))

    def __len__(cls):
        return len(cls._member_names_)

    def __bool__(cls):
        return True

    def __contains__(cls, member):
        if not isinstance(member, Enum):
            raise TypeError("unsupported operand type(s) for 'in': '%s' and '%s'"
                            % (type(member).__qualname__, "EnumType"))
        return isinstance(member, cls) and member._name_ in cls._member_map_

    def __repr__(cls):
        if Flag is not None and issubclass(cls, Flag):
            return "<flag %r>" % cls.__name__
        return "<enum %r>" % cls.__name__

    @property
    def __members__(cls):
        return dict(cls._member_map_)

    def __setattr__(cls, name, value):
        if name in cls.__dict__.get("_member_map_", {}):
            raise AttributeError("cannot reassign member %r" % name)
        super().__setattr__(name, value)

    def __delattr__(cls, name):
        if name in cls.__dict__.get("_member_map_", {}):
            raise AttributeError("%r cannot delete member %r." % (cls.__name__, name))
        super().__delattr__(name)


EnumMeta = EnumType
Flag = None


class Enum(metaclass=EnumType):
    """Generic enumeration: members compare by identity."""

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        for last in reversed(last_values):
            try:
                return last + 1
            except TypeError:
                pass
        return start

    @classmethod
    def _missing_(cls, value):
        return None

    def __repr__(self):
        return "<%s.%s: %r>" % (type(self).__name__, self._name_, self._value_)

    def __str__(self):
        return "%s.%s" % (type(self).__name__, self._name_)

    def __format__(self, spec):
        return format(str(self), spec)

    def __hash__(self):
        return hash(self._name_)

    def __reduce_ex__(self, proto):
        return type(self), (self._value_,)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    @property
    def name(self):
        return self._name_

    @property
    def value(self):
        return self._value_


def _int_value(x):
    """An int operand's value: IntEnum/IntFlag members give theirs."""
    if isinstance(x, (IntEnum, IntFlag)):
        return x._value_
    return x


def _int_operator(name, op, reflected):
    if reflected:
        def forward(self, other):
            return op(_int_value(other), self._value_)
    else:
        def forward(self, other):
            return op(self._value_, _int_value(other))
    forward.__name__ = name
    return forward


_INT_OPERATORS = (("add", _operator.add), ("sub", _operator.sub), ("mul", _operator.mul),
                  ("truediv", _operator.truediv), ("floordiv", _operator.floordiv),
                  ("mod", _operator.mod), ("pow", _operator.pow), ("lshift", _operator.lshift),
                  ("rshift", _operator.rshift))
_INT_COMPARISONS = (("lt", _operator.lt), ("le", _operator.le), ("gt", _operator.gt),
                    ("ge", _operator.ge))


class _IntLike:
    """The int behaviour of IntEnum and IntFlag members (reclaim: not int subclasses)."""

    def __eq__(self, other):
        return self._value_ == _int_value(other)

    def __ne__(self, other):
        return self._value_ != _int_value(other)

    def __hash__(self):
        return hash(self._value_)

    def __int__(self):
        return self._value_

    def __index__(self):
        return self._value_

    def __float__(self):
        return float(self._value_)

    def __bool__(self):
        return bool(self._value_)

    def __neg__(self):
        return -self._value_

    def __pos__(self):
        return self._value_

    def __abs__(self):
        return abs(self._value_)

    def __str__(self):
        return str(self._value_)

    def __format__(self, spec):
        return format(self._value_, spec)


for _name, _op in _INT_OPERATORS:
    setattr(_IntLike, "__%s__" % _name, _int_operator("__%s__" % _name, _op, False))
    setattr(_IntLike, "__r%s__" % _name, _int_operator("__r%s__" % _name, _op, True))
for _name, _op in _INT_COMPARISONS:
    setattr(_IntLike, "__%s__" % _name, _int_operator("__%s__" % _name, _op, False))
del _name, _op


class IntEnum(_IntLike, Enum):
    """Enum whose members behave like ints (not int instances in reclaim)."""


def _bits(value):
    """The single-bit values of value, lowest first."""
    out = []
    bit = 1
    while bit <= value:
        if value & bit:
            out.append(bit)
        bit <<= 1
    return out


class Flag(Enum):
    """Members combine with | & ^ ~ into other members of the flag."""

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not count:
            return start if start is not None else 1
        high = max(last_values)
        return 1 << high.bit_length() if high > 0 else 1

    @classmethod
    def _all_bits_(cls):
        total = 0
        for member in cls:
            total |= member._value_
        return total

    @classmethod
    def _missing_(cls, value):
        if not isinstance(value, int) or value < 0 or value & ~cls._all_bits_():
            return None
        return cls._pseudo_member_(value)

    @classmethod
    def _pseudo_member_(cls, value):
        member = object.__new__(cls)
        member._value_ = value
        names = [m._name_ for m in cls._single_bits_(value)]
        member._name_ = "|".join(names) if names else None
        cls._value2member_map_[value] = member
        return member

    def _flag_value_(self, other):
        if not isinstance(other, type(self)):
            return NotImplemented
        return other._value_

    def __or__(self, other):
        v = self._flag_value_(other)
        return v if v is NotImplemented else type(self)(self._value_ | v)

    def __and__(self, other):
        v = self._flag_value_(other)
        return v if v is NotImplemented else type(self)(self._value_ & v)

    def __xor__(self, other):
        v = self._flag_value_(other)
        return v if v is NotImplemented else type(self)(self._value_ ^ v)

    __ror__ = __or__
    __rand__ = __and__
    __rxor__ = __xor__

    def __invert__(self):
        return type(self)(type(self)._all_bits_() & ~self._value_)

    def __contains__(self, other):
        if not isinstance(other, type(self)):
            raise TypeError("unsupported operand type(s) for 'in': '%s' and '%s'"
                            % (type(other).__qualname__, type(self).__qualname__))
        return other._value_ & self._value_ == other._value_

    @classmethod
    def _single_bits_(cls, value):
        """The one-bit members within value, in definition order."""
        return [m for m in cls if m._value_ in _bits(value)]

    def __iter__(self):
        return iter(type(self)._single_bits_(self._value_))

    def __len__(self):
        return len(list(iter(self)))

    def __bool__(self):
        return bool(self._value_)

    def __hash__(self):
        return hash(self._value_)

    def __repr__(self):
        if self._name_ is None:
            return "<%s: %r>" % (type(self).__name__, self._value_)
        return "<%s.%s: %r>" % (type(self).__name__, self._name_, self._value_)

    def __str__(self):
        if self._name_ is None:
            return "%s(%r)" % (type(self).__name__, self._value_)
        return "%s.%s" % (type(self).__name__, self._name_)


class IntFlag(_IntLike, Flag):
    """Flag whose members behave like ints; other ints combine too."""

    @classmethod
    def _missing_(cls, value):
        if not isinstance(value, int) or value < 0:
            return None
        member = cls._pseudo_member_(value)
        extra = value & ~cls._all_bits_()
        if extra:
            member._name_ = (member._name_ + "|" if member._name_ else "") + str(extra)
        return member

    def _flag_value_(self, other):
        if isinstance(other, int):
            return other
        return _int_value(other) if isinstance(other, IntFlag) else NotImplemented



def unique(enumeration):
    """Class decorator: ValueError if any member has an alias."""
    duplicates = [(name, member._name_) for name, member in enumeration._member_map_.items()
                  if name != member._name_]
    if duplicates:
        details = ", ".join("%s -> %s" % pair for pair in duplicates)
        raise ValueError("duplicate values found in %r: %s" % (enumeration, details))
    return enumeration
