"""Classes generated from annotated fields (reclaim's own dataclasses).

The behaviour follows CPython 3.11's module of the same name: @dataclass
reads the class's __annotations__ in order (after the fields of dataclass
bases), and adds __init__, __repr__, __eq__, the ordering methods
(order=True), __hash__ by CPython's rules, and __setattr__/__delattr__
raising FrozenInstanceError (frozen=True).  __init__ is compiled with exec
from the field list, so its signature and argument errors are a Python
function's ("P.__init__() missing 1 required positional argument: 'y'").

Left out: InitVar pseudo-fields and slots=True / weakref_slot=True
(NotImplementedError), string annotations naming ClassVar, and
recursive-repr protection across threads.
"""

import copy as _copy
import sys as _sys

__all__ = ["dataclass", "field", "Field", "FrozenInstanceError", "InitVar", "KW_ONLY",
           "MISSING", "fields", "asdict", "astuple", "make_dataclass", "replace",
           "is_dataclass"]


class FrozenInstanceError(AttributeError):
    pass


class _MissingType:
    def __repr__(self):
        return "MISSING"


MISSING = _MissingType()


class _KwOnlyType:
    def __repr__(self):
        return "KW_ONLY"


KW_ONLY = _KwOnlyType()


class _HasDefaultFactory:
    def __repr__(self):
        return "<factory>"


_HAS_DEFAULT_FACTORY = _HasDefaultFactory()


class InitVar:
    def __init__(self, type):
        raise NotImplementedError("dataclasses.InitVar is not supported by reclaim")


class Field:
    """One field of a dataclass, as field() describes it."""

    def __init__(self, default, default_factory, init, repr, hash, compare, metadata, kw_only):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = {} if metadata is None else metadata
        self.kw_only = kw_only

    def __repr__(self):
        return ("Field(name=%r,type=%r,default=%r,default_factory=%r,init=%r,repr=%r,"
                "hash=%r,compare=%r,metadata=%r,kw_only=%r)"
                % (self.name, self.type, self.default, self.default_factory, self.init,
                   self.repr, self.hash, self.compare, self.metadata, self.kw_only))


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True, hash=None,
          compare=True, metadata=None, kw_only=MISSING):
    """Describe a field: its default or default factory and whether it
    takes part in __init__, __repr__, comparisons and hashing."""
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError("cannot specify both default and default_factory")
    return Field(default, default_factory, init, repr, hash, compare, metadata, kw_only)


class _Params:
    def __init__(self, init, repr, eq, order, unsafe_hash, frozen):
        self.init = init
        self.repr = repr
        self.eq = eq
        self.order = order
        self.unsafe_hash = unsafe_hash
        self.frozen = frozen

    def __repr__(self):
        return ("_DataclassParams(init=%r,repr=%r,eq=%r,order=%r,unsafe_hash=%r,frozen=%r)"
                % (self.init, self.repr, self.eq, self.order, self.unsafe_hash, self.frozen))


def _is_classvar(annotation):
    typing = _sys.modules.get("typing")
    if typing is None:
        return False
    return annotation is typing.ClassVar or getattr(annotation, "__origin__", None) is typing.ClassVar


def _own_fields(cls, kw_only):
    """The fields cls's own annotations declare, in order; the class
    attributes holding their defaults are set to the default or removed."""
    result = []
    annotations = cls.__dict__.get("__annotations__", {})
    for name, annotation in annotations.items():
        if _is_classvar(annotation):
            continue
        if annotation is KW_ONLY:
            kw_only = True
            continue
        default = cls.__dict__.get(name, MISSING)
        if isinstance(default, Field):
            f = default
        else:
            f = field(default=default)
        f.name = name
        f.type = annotation
        if f.kw_only is MISSING:
            f.kw_only = kw_only
        if type(f.default) in (list, dict, set):
            raise ValueError("mutable default %s for field %s is not allowed: use default_factory"
                             % (type(f.default), name))
        if isinstance(default, Field):
            if f.default is MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, f.default)
        result.append(f)
    return result


def _set_new(cls, name, value):
    """Set cls.name unless the class body defined it; True if it did."""
    if name in cls.__dict__:
        return True
    value.__qualname__ = cls.__qualname__ + "." + name
    setattr(cls, name, value)
    return False


def _make_init(cls, flds, frozen, has_post_init):
    """__init__ compiled from the field list: a Python function's signature
    gives CPython's argument errors."""
    ns = {"__dataclass_object__": object, "__dataclass_factory__": _HAS_DEFAULT_FACTORY}
    self_name = "__dataclass_self__" if "self" in [f.name for f in flds] else "self"
    params = [self_name]
    kw_params = []
    body = []
    seen_default = False
    for f in flds:
        dflt = "__dataclass_dflt_" + f.name + "__"
        if f.init:
            if f.default is not MISSING:
                ns[dflt] = f.default
                param = f.name + "=" + dflt
            elif f.default_factory is not MISSING:
                ns[dflt] = f.default_factory
                param = f.name + "=__dataclass_factory__"
            else:
                param = f.name
                if seen_default and not f.kw_only:
                    raise TypeError("non-default argument %r follows default argument" % f.name)
            if f.kw_only:
                kw_params.append(param)
            else:
                params.append(param)
                seen_default = seen_default or param != f.name
            if f.default_factory is not MISSING:
                value = "%s() if %s is __dataclass_factory__ else %s" % (dflt, f.name, f.name)
            else:
                value = f.name
        elif f.default_factory is not MISSING:
            ns[dflt] = f.default_factory
            value = dflt + "()"
        else:
            continue
        if frozen:
            body.append("__dataclass_object__.__setattr__(%s, %r, %s)" % (self_name, f.name, value))
        else:
            body.append("%s.%s = %s" % (self_name, f.name, value))
    if has_post_init:
        body.append(self_name + ".__post_init__()")
    if kw_params:
        params.append("*")
        params.extend(kw_params)
    source = "def __init__(%s):\n    %s\n" % (", ".join(params), "\n    ".join(body or ["pass"]))
    exec(source, ns)
    return ns["__init__"]


def _field_values(obj, flds):
    return tuple([getattr(obj, f.name) for f in flds])


def _make_repr(flds):
    shown = [f for f in flds if f.repr]
    running = set()

    def __repr__(self):
        key = id(self)
        if key in running:
            return "..."
        running.add(key)
        try:
            parts = ["%s=%r" % (f.name, getattr(self, f.name)) for f in shown]
        finally:
            running.discard(key)
        return "%s(%s)" % (type(self).__qualname__, ", ".join(parts))
    return __repr__


def _make_compare(name, flds, op):
    compared = [f for f in flds if f.compare]

    def method(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return op(_field_values(self, compared), _field_values(other, compared))
    method.__name__ = name
    return method


_ORDER = [("__lt__", lambda a, b: a < b), ("__le__", lambda a, b: a <= b),
          ("__gt__", lambda a, b: a > b), ("__ge__", lambda a, b: a >= b)]


def _make_hash(flds):
    hashed = [f for f in flds if (f.compare if f.hash is None else f.hash)]

    def __hash__(self):
        return hash(_field_values(self, hashed))
    return __hash__


def _make_frozen(cls, flds):
    names = [f.name for f in flds]

    def __setattr__(self, name, value):
        if type(self) is cls or name in names:
            raise FrozenInstanceError("cannot assign to field %r" % (name,))
        super(cls, self).__setattr__(name, value)

    def __delattr__(self, name):
        if type(self) is cls or name in names:
            raise FrozenInstanceError("cannot delete field %r" % (name,))
        super(cls, self).__delattr__(name)
    return __setattr__, __delattr__


def _set_hash(cls, flds, params):
    own = cls.__dict__.get("__hash__", MISSING)
    explicit = own is not MISSING and not (own is None and "__eq__" in cls.__dict__)
    if params.unsafe_hash:
        if explicit:
            raise TypeError("Cannot overwrite attribute __hash__ in class %s" % cls.__name__)
        cls.__hash__ = _make_hash(flds)
    elif params.eq and params.frozen and not explicit:
        cls.__hash__ = _make_hash(flds)
    elif params.eq and not explicit:
        cls.__hash__ = None


def _process_class(cls, params, match_args, kw_only):
    all_fields = {}
    any_frozen_base = False
    has_dataclass_bases = False
    for base in reversed(cls.__mro__[1:]):
        base_fields = base.__dict__.get("__dataclass_fields__")
        if base_fields is not None:
            has_dataclass_bases = True
            for f in base_fields.values():
                all_fields[f.name] = f
            if base.__dataclass_params__.frozen:
                any_frozen_base = True
    for f in _own_fields(cls, kw_only):
        all_fields[f.name] = f
    if has_dataclass_bases:
        if any_frozen_base and not params.frozen:
            raise TypeError("cannot inherit non-frozen dataclass from a frozen one")
        if not any_frozen_base and params.frozen:
            raise TypeError("cannot inherit frozen dataclass from a non-frozen one")
    cls.__dataclass_fields__ = all_fields
    cls.__dataclass_params__ = params
    flds = list(all_fields.values())

    if params.init:
        _set_new(cls, "__init__", _make_init(cls, flds, params.frozen, hasattr(cls, "__post_init__")))
    if params.repr:
        _set_new(cls, "__repr__", _make_repr(flds))
    if params.eq:
        _set_new(cls, "__eq__", _make_compare("__eq__", flds, lambda a, b: a == b))
    if params.order:
        for name, op in _ORDER:
            if _set_new(cls, name, _make_compare(name, flds, op)):
                raise TypeError("Cannot overwrite attribute %s in class %s. Consider using "
                                "functools.total_ordering" % (name, cls.__name__))
    if params.frozen:
        setter, deleter = _make_frozen(cls, flds)
        for name, method in (("__setattr__", setter), ("__delattr__", deleter)):
            if _set_new(cls, name, method):
                raise TypeError("Cannot overwrite attribute %s in class %s" % (name, cls.__name__))
    _set_hash(cls, flds, params)
    if match_args and "__match_args__" not in cls.__dict__:
        cls.__match_args__ = tuple([f.name for f in flds if f.init and not f.kw_only])
    return cls


def dataclass(cls=None, /, *, init=True, repr=True, eq=True, order=False, unsafe_hash=False,
              frozen=False, match_args=True, kw_only=False, slots=False, weakref_slot=False):
    """Add the generated methods to cls; with arguments only, return the
    decorator that does."""
    if slots or weakref_slot:
        raise NotImplementedError("dataclass(slots=True) is not supported by reclaim")
    params = _Params(init, repr, eq, order, unsafe_hash, frozen)

    def wrap(cls):
        if order and not eq:
            raise ValueError("eq must be true if order is true")
        return _process_class(cls, params, match_args, kw_only)
    if cls is None:
        return wrap
    return wrap(cls)


def is_dataclass(obj):
    """True for a dataclass or an instance of one."""
    cls = obj if isinstance(obj, type) else type(obj)
    return hasattr(cls, "__dataclass_fields__")


def fields(class_or_instance):
    """The fields of a dataclass or instance, as a tuple of Field."""
    try:
        flds = class_or_instance.__dataclass_fields__
    except AttributeError:
        raise TypeError("must be called with a dataclass type or instance") from None
    return tuple(flds.values())


def _is_dataclass_instance(obj):
    return hasattr(type(obj), "__dataclass_fields__")


def _convert(obj, to_container):
    """obj with dataclass instances inside turned into containers by
    to_container(instance); other values deep-copied."""
    if _is_dataclass_instance(obj):
        return to_container(obj)
    if isinstance(obj, (list, tuple)):
        return type(obj)([_convert(v, to_container) for v in obj])
    if isinstance(obj, dict):
        return type(obj)((_convert(k, to_container), _convert(v, to_container))
                         for k, v in obj.items())
    return _copy.deepcopy(obj)


def asdict(obj, *, dict_factory=dict):
    """The instance as a dict from field name to value, recursively."""
    if not _is_dataclass_instance(obj):
        raise TypeError("asdict() should be called on dataclass instances")

    def to_dict(inst):
        return dict_factory([(f.name, _convert(getattr(inst, f.name), to_dict))
                             for f in fields(inst)])
    return to_dict(obj)


def astuple(obj, *, tuple_factory=tuple):
    """The instance as a tuple of its field values, recursively."""
    if not _is_dataclass_instance(obj):
        raise TypeError("astuple() should be called on dataclass instances")

    def to_tuple(inst):
        return tuple_factory([_convert(getattr(inst, f.name), to_tuple) for f in fields(inst)])
    return to_tuple(obj)


def replace(obj, /, **changes):
    """A new instance like obj with the given fields changed."""
    if not _is_dataclass_instance(obj):
        raise TypeError("replace() should be called on dataclass instances")
    for f in fields(obj):
        if not f.init:
            if f.name in changes:
                raise ValueError("field %s is declared with init=False, it cannot be "
                                 "specified with replace()" % f.name)
            continue
        if f.name not in changes:
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)


def make_dataclass(cls_name, fields, *, bases=(), namespace=None, **options):
    """A new dataclass named cls_name; each item of fields is a name, a
    (name, type) pair or a (name, type, Field) triple."""
    ns = dict(namespace) if namespace else {}
    annotations = {}
    for item in fields:
        if isinstance(item, str):
            name, tp = item, "typing.Any"
        elif len(item) == 2:
            name, tp = item
        else:
            name, tp, spec = item
            ns[name] = spec
        if name in annotations:
            raise TypeError("Field name duplicated: %r" % (name,))
        annotations[name] = tp
    ns["__annotations__"] = annotations
    return dataclass(type(cls_name, tuple(bases), ns), **options)
