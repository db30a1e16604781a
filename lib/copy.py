"""Shallow and deep copies of objects (reclaim's own copy module).

The behaviour follows CPython 3.11's module of the same name:
  - immutable atoms (None, numbers, strings, bytes, types, functions,
    ranges, weak references) are returned as they are;
  - lists, dicts and sets are copied by kind; a tuple whose deep-copied
    items are all the originals is returned itself;
  - an instance of a class is rebuilt without calling __init__
    (cls.__new__(cls)), then given its attributes (the __dict__ and the
    __slots__ values), copied or deep-copied; __getstate__ and
    __setstate__ are honoured when the class defines them;
  - an instance of a subclass of a built-in type is rebuilt the way
    CPython's reduction does: an immutable base's value goes to
    cls.__new__(cls, value); a list or dict subclass instance is made by
    cls.__new__(cls), given its attributes, then its items by append /
    item assignment; a set subclass instance is cls(list(x));
  - __copy__() and __deepcopy__(memo) take precedence when defined;
  - deepcopy's memo maps id(original) to its copy, so shared and
    recursive parts are copied once and cycles are reproduced.

Objects that are neither of the above (generators, files, modules...)
raise CPython's TypeError "cannot pickle 'generator' object"; reclaim has
no __reduce_ex__ protocol, so copyreg registrations do not exist.  copy.Error
is defined for code that catches it.
"""

__all__ = ["Error", "copy", "deepcopy"]


class Error(Exception):
    pass


error = Error


def _function():
    pass


class _Probe:
    def method(self):
        pass


_atomic = {type(None), type(Ellipsis), type(NotImplemented), int, float, bool,
           str, bytes, type, range, type(_function), type(len),
           property, type(_Probe().method)}

try:
    from _weakref import ref as _ref
    _atomic.add(type(_ref(_Probe)))
    del _ref
except ImportError:
    pass
del _Probe


def _slot_names(cls):
    """The slot names of cls and its bases, most derived class first."""
    names = []
    for klass in cls.__mro__:
        slots = klass.__dict__.get("__slots__")
        if slots is None:
            continue
        if isinstance(slots, str):
            slots = (slots,)
        for name in slots:
            if name in ("__dict__", "__weakref__") or name in names:
                continue
            names.append(name)
    return names


def _new_instance(cls):
    new = getattr(cls, "__new__", None)
    if new is None or new is object.__new__:
        return object.__new__(cls)
    return new(cls)


def _get_state(x, cls):
    """What _set_state needs to give a new instance x's attributes."""
    getstate = getattr(cls, "__getstate__", None)
    if getstate is not None:
        return getstate(x)
    d = getattr(x, "__dict__", None)
    slots = {}
    for name in _slot_names(cls):
        if hasattr(x, name):
            slots[name] = getattr(x, name)
    if slots:
        return (d if d else None, slots)
    return d if d else None


def _set_state(y, cls, state):
    setstate = getattr(cls, "__setstate__", None)
    if setstate is not None:
        setstate(y, state)
        return
    if state is None:
        return
    slots = None
    if isinstance(state, tuple) and len(state) == 2:
        state, slots = state
    if state:
        y.__dict__.update(state)
    if slots:
        for name, value in slots.items():
            setattr(y, name, value)


_VALUE_BASES = (list, dict, set, frozenset, str, int, float, tuple, bytes)


def _value_base(cls):
    """The built-in type cls derives from (list, dict, str...), or None."""
    for base in cls.__mro__:
        if base in _VALUE_BASES:
            return base
    return None


def _copy_value_instance(x, cls, base, copier, memo):
    """A copy of x, an instance of cls, a subclass of base; copier(v) is
    what its parts become (themselves, or their deep copies)."""
    if base is list or base is dict:
        y = cls.__new__(cls)
    elif base is set:
        y = cls(list(x) if copier is None else [copier(item) for item in x])
    elif copier is None or base not in (tuple, frozenset):
        y = cls.__new__(cls, base(x))
    else:
        y = cls.__new__(cls, base([copier(item) for item in x]))
    if memo is not None:
        memo[id(x)] = y
    state = _get_state(x, cls)
    if copier is not None and state is not None:
        state = copier(state)
    elif isinstance(state, dict):
        state = state.copy()
    _set_state(y, cls, state)
    if base is list:
        for item in x:
            y.append(item if copier is None else copier(item))
    elif base is dict:
        for key, value in x.items():
            y[key if copier is None else copier(key)] = value if copier is None else copier(value)
    return y


def _is_instance_of_class(x, cls):
    return hasattr(x, "__dict__") or len(_slot_names(cls)) > 0


def copy(x):
    """A shallow copy of x: a new container holding the same items."""
    cls = type(x)
    if cls in _atomic:
        return x
    if cls is list or cls is dict or cls is set:
        return x.copy()
    if cls is tuple or cls is frozenset:
        return x
    copier = getattr(cls, "__copy__", None)
    if copier is not None:
        return copier(x)
    base = _value_base(cls)
    if base is not None:
        return _copy_value_instance(x, cls, base, None, None)
    if isinstance(x, type) or not _is_instance_of_class(x, cls):
        raise TypeError("cannot pickle '%s' object" % cls.__name__)
    state = _get_state(x, cls)
    y = _new_instance(cls)
    if isinstance(state, dict):
        state = state.copy()
    _set_state(y, cls, state)
    return y


def _keep_alive(x, memo):
    """Keep x alive as long as memo, so that its id is not reused while
    the memo maps it."""
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]


_nil = []


def deepcopy(x, memo=None):
    """A deep copy of x: containers and instances are copied all the way
    down; memo (a dict from id to copy) keeps shared parts shared."""
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if cls in _atomic:
        y = x
    elif cls is list:
        y = []
        memo[d] = y
        for item in x:
            y.append(deepcopy(item, memo))
    elif cls is dict:
        y = {}
        memo[d] = y
        for key, value in x.items():
            y[deepcopy(key, memo)] = deepcopy(value, memo)
    elif cls is frozenset:
        y = frozenset([deepcopy(item, memo) for item in x])
    elif cls is tuple:
        items = [deepcopy(item, memo) for item in x]
        # a cycle through x may have copied it meanwhile
        if d in memo:
            return memo[d]
        same = True
        for a, b in zip(x, items):
            if a is not b:
                same = False
                break
        y = x if same else tuple(items)
    elif cls is set:
        y = set()
        memo[d] = y
        for item in x:
            y.add(deepcopy(item, memo))
    else:
        copier = getattr(x, "__deepcopy__", None)
        if copier is not None:
            y = copier(memo)
        elif _value_base(cls) is not None:
            y = _copy_value_instance(x, cls, _value_base(cls), lambda v: deepcopy(v, memo), memo)
        elif isinstance(x, type) or not _is_instance_of_class(x, cls):
            raise TypeError("cannot pickle '%s' object" % cls.__name__)
        else:
            state = _get_state(x, cls)
            y = _new_instance(cls)
            memo[d] = y
            if state is not None:
                state = deepcopy(state, memo)
            _set_state(y, cls, state)
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)
    return y

