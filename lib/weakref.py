"""Weak references and the containers built on them (reclaim's own weakref).

The behaviour follows CPython 3.11's module of the same name.  ref,
finalize, getweakrefcount and getweakrefs come from the native _weakref;
this file adds proxy, WeakMethod, WeakValueDictionary, WeakKeyDictionary
and WeakSet on top of ref with callbacks.

Invariants of the containers:
  - they hold their referents only through weak references, so an entry
    never keeps its referent alive;
  - a callback finds its container through a weak reference too, so a
    dropped container is freed at once and its callbacks do nothing;
  - while a container is being iterated (_iterating > 0) a dying entry is
    only noted in _pending and removed when the last iteration ends, so the
    underlying dict or set never changes size under an iterator.
"""

from _weakref import ref, getweakrefcount, getweakrefs, finalize

__all__ = ["ref", "proxy", "getweakrefcount", "getweakrefs", "WeakKeyDictionary",
           "ReferenceType", "ProxyType", "CallableProxyType", "ProxyTypes",
           "WeakValueDictionary", "WeakSet", "WeakMethod", "finalize"]


class _Probe:
    pass


ReferenceType = type(ref(_Probe))
del _Probe


# ---- proxy -------------------------------------------------------------------

def _referent(p):
    """The object behind proxy p, or ReferenceError once it is dead."""
    obj = object.__getattribute__(p, "_proxy_ref")()
    if obj is None:
        raise ReferenceError("weakly-referenced object no longer exists")
    return obj


class ProxyType:
    """A proxy: attribute access, operators, len, iteration and indexing go
    to the referent while it lives."""
    __slots__ = ("_proxy_ref", "__weakref__")

    def __init__(self, obj, callback=None):
        object.__setattr__(self, "_proxy_ref", ref(obj, _proxy_callback(self, callback)))

    def __getattr__(self, name):
        return getattr(_referent(self), name)

    def __setattr__(self, name, value):
        setattr(_referent(self), name, value)

    def __delattr__(self, name):
        delattr(_referent(self), name)

    def __repr__(self):
        obj = object.__getattribute__(self, "_proxy_ref")()
        if obj is None:
            return "<weakproxy at %#x; dead>" % id(self)
        return "<weakproxy at %#x; to '%s' at %#x>" % (id(self), type(obj).__name__, id(obj))

    def __str__(self):
        return str(_referent(self))

    def __bool__(self):
        return bool(_referent(self))

    def __len__(self):
        return len(_referent(self))

    def __iter__(self):
        return iter(_referent(self))

    def __next__(self):
        return next(_referent(self))

    def __contains__(self, item):
        return item in _referent(self)

    def __getitem__(self, key):
        return _referent(self)[key]

    def __setitem__(self, key, value):
        _referent(self)[key] = value

    def __delitem__(self, key):
        del _referent(self)[key]

    def __hash__(self):
        raise TypeError("unhashable type: 'weakref.ProxyType'")

    def __eq__(self, other):
        return _referent(self) == _unwrap(other)

    def __ne__(self, other):
        return _referent(self) != _unwrap(other)

    def __lt__(self, other):
        return _referent(self) < _unwrap(other)

    def __le__(self, other):
        return _referent(self) <= _unwrap(other)

    def __gt__(self, other):
        return _referent(self) > _unwrap(other)

    def __ge__(self, other):
        return _referent(self) >= _unwrap(other)

    def __neg__(self):
        return -_referent(self)

    def __pos__(self):
        return +_referent(self)

    def __abs__(self):
        return abs(_referent(self))

    def __invert__(self):
        return ~_referent(self)

    def __index__(self):
        return _referent(self).__index__()

    def __int__(self):
        return int(_referent(self))

    def __float__(self):
        return float(_referent(self))


class CallableProxyType(ProxyType):
    """A proxy to a callable object: calling it calls the referent."""
    __slots__ = ()

    def __call__(self, *args, **kwargs):
        return _referent(self)(*args, **kwargs)


def _unwrap(obj):
    return _referent(obj) if isinstance(obj, ProxyType) else obj


def _proxy_callback(p, callback):
    """The callback of p's reference: callback(p) if p still lives."""
    if callback is None:
        return None
    proxy_ref = ref(p)

    def referent_died(wr):
        p = proxy_ref()
        if p is not None:
            callback(p)
    return referent_died


def _binary_operators():
    """Forward each binary operator (plain, reflected, in-place) to the
    referent, unwrapping a proxy on the other side."""
    import operator
    names = ["add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "lshift",
             "rshift", "and", "or", "xor", "matmul"]
    for name in names:
        op = getattr(operator, name + "_" if name in ("and", "or") else name)
        iop = getattr(operator, "i" + name)
        setattr(ProxyType, "__%s__" % name, _forward(op, False))
        setattr(ProxyType, "__r%s__" % name, _forward(op, True))
        setattr(ProxyType, "__i%s__" % name, _forward(iop, False))


def _forward(op, reflected):
    if reflected:
        return lambda self, other: op(_unwrap(other), _referent(self))
    return lambda self, other: op(_referent(self), _unwrap(other))


_binary_operators()
ProxyTypes = (ProxyType, CallableProxyType)


def proxy(obj, callback=None):
    """A proxy to obj that does not keep it alive; callback(proxy) runs when
    obj dies."""
    ref(obj)        # CPython's TypeError for objects without weak references
    kind = CallableProxyType if callable(obj) else ProxyType
    return kind(obj, callback)


# ---- WeakMethod ----------------------------------------------------------------

class WeakMethod:
    """A weak reference to a bound method: calling it gives a new bound
    method while both the object and the function live, else None."""

    def __init__(self, meth, callback=None):
        try:
            obj = meth.__self__
            func = meth.__func__
        except AttributeError:
            raise TypeError("argument should be a bound method, not %s" % (type(meth),)) from None
        self_ref = ref(self)

        def part_died(wr):
            self = self_ref()
            if self is not None and self._alive:
                self._alive = False
                if callback is not None:
                    callback(self)
        self._obj_ref = ref(obj, part_died)
        self._func_ref = ref(func, part_died)
        self._meth_type = type(meth)
        self._alive = True
        self._hash = None

    def __call__(self):
        obj = self._obj_ref()
        func = self._func_ref()
        if obj is None or func is None:
            return None
        return self._meth_type(func, obj)

    def __eq__(self, other):
        if not isinstance(other, WeakMethod):
            return NotImplemented
        if not self._alive or not other._alive:
            return self is other
        return self._obj_ref == other._obj_ref and self._func_ref == other._func_ref

    def __ne__(self, other):
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    def __hash__(self):
        if self._hash is None:
            self._hash = hash(self._obj_ref)
        return self._hash


# ---- deferred removals -------------------------------------------------------

class _DeferringContainer:
    """What the three containers share: removals deferred while iterating."""

    def _init_deferral(self):
        self._iterating = 0
        self._pending = []

    def _guarded(self, source):
        """Yield from source with removals deferred meanwhile."""
        self._iterating += 1
        try:
            yield from source
        finally:
            self._iterating -= 1
            if self._iterating == 0:
                self._commit_removals()

    def _request_removal(self, entry):
        if self._iterating:
            self._pending.append(entry)
        else:
            self._remove_now(entry)

    def _commit_removals(self):
        pending, self._pending = self._pending, []
        for entry in pending:
            self._remove_now(entry)


_NO_KEY = object()


def _remover(container_ref, key=_NO_KEY):
    """A callback for a referent's ref: asks the container (if it lives) to
    remove the entry, named by (key, reference) or by the reference alone."""
    def referent_died(wr):
        container = container_ref()
        if container is not None:
            container._request_removal(wr if key is _NO_KEY else (key, wr))
    return referent_died


# ---- WeakValueDictionary ---------------------------------------------------------

class WeakValueDictionary(_DeferringContainer):
    """A mapping whose values are held weakly: an entry goes when its value
    dies.  self.data maps key -> ref(value)."""

    def __init__(self, other=(), /, **kwargs):
        self.data = {}
        self._init_deferral()
        self._self_ref = ref(self)
        self.update(other, **kwargs)

    def _remove_now(self, entry):
        key, wr = entry
        if self.data.get(key) is wr:
            del self.data[key]

    def _ref_to(self, key, value):
        return ref(value, _remover(self._self_ref, key))

    def __getitem__(self, key):
        obj = self.data[key]()
        if obj is None:
            raise KeyError(key)
        return obj

    def __setitem__(self, key, value):
        self.data[key] = self._ref_to(key, value)

    def __delitem__(self, key):
        del self.data[key]

    def __contains__(self, key):
        wr = self.data.get(key)
        return wr is not None and wr() is not None

    def __len__(self):
        return len(self.data) - len(self._pending)

    def __repr__(self):
        return "<%s at %#x>" % (type(self).__name__, id(self))

    def _live_items(self):
        for key, wr in list(self.data.items()):
            obj = wr()
            if obj is not None:
                yield key, obj

    def items(self):
        return self._guarded(self._live_items())

    def keys(self):
        return self._guarded(key for key, obj in self._live_items())

    __iter__ = keys

    def values(self):
        return self._guarded(obj for key, obj in self._live_items())

    def itervaluerefs(self):
        return self._guarded(wr for wr in list(self.data.values()) if wr() is not None)

    def valuerefs(self):
        return [wr for wr in self.data.values() if wr() is not None]

    def get(self, key, default=None):
        wr = self.data.get(key)
        obj = wr() if wr is not None else None
        return default if obj is None else obj

    def pop(self, key, *default):
        wr = self.data.pop(key, None)
        obj = wr() if wr is not None else None
        if obj is not None:
            return obj
        if default:
            return default[0]
        raise KeyError(key)

    def popitem(self):
        while True:
            key, wr = self.data.popitem()
            obj = wr()
            if obj is not None:
                return key, obj

    def setdefault(self, key, default=None):
        obj = self.get(key)
        if obj is None:
            self[key] = obj = default
        return obj

    def update(self, other=(), /, **kwargs):
        if hasattr(other, "keys"):
            other = [(key, other[key]) for key in other.keys()]
        for key, value in other:
            self[key] = value
        for key, value in kwargs.items():
            self[key] = value

    def clear(self):
        self.data.clear()

    def copy(self):
        return type(self)(self.items())

    __copy__ = copy

    def __or__(self, other):
        if not hasattr(other, "keys"):
            return NotImplemented
        result = self.copy()
        result.update(other)
        return result

    def __ror__(self, other):
        if not hasattr(other, "keys"):
            return NotImplemented
        result = type(self)(other)
        result.update(self)
        return result

    def __ior__(self, other):
        self.update(other)
        return self


# ---- WeakKeyDictionary ------------------------------------------------------------

class WeakKeyDictionary(_DeferringContainer):
    """A mapping whose keys are held weakly: an entry goes when its key
    dies.  self.data maps ref(key) -> value; a plain ref(key) finds it, as
    live references hash and compare as their referents."""

    def __init__(self, dict=None):
        self.data = {}
        self._init_deferral()
        self._remove = _remover(ref(self))
        if dict is not None:
            self.update(dict)

    def _remove_now(self, wr):
        self.data.pop(wr, None)

    def __getitem__(self, key):
        return self.data[ref(key)]

    def __setitem__(self, key, value):
        self.data[ref(key, self._remove)] = value

    def __delitem__(self, key):
        del self.data[ref(key)]

    def __contains__(self, key):
        try:
            wr = ref(key)
        except TypeError:
            return False
        return wr in self.data

    def __len__(self):
        return len(self.data) - len(self._pending)

    def __repr__(self):
        return "<%s at %#x>" % (type(self).__name__, id(self))

    def _live_items(self):
        for wr, value in list(self.data.items()):
            key = wr()
            if key is not None:
                yield key, value

    def items(self):
        return self._guarded(self._live_items())

    def keys(self):
        return self._guarded(key for key, value in self._live_items())

    __iter__ = keys

    def values(self):
        return self._guarded(value for key, value in self._live_items())

    def keyrefs(self):
        return [wr for wr in self.data if wr() is not None]

    def get(self, key, default=None):
        return self.data.get(ref(key), default)

    def pop(self, key, *default):
        return self.data.pop(ref(key), *default)

    def popitem(self):
        while True:
            wr, value = self.data.popitem()
            key = wr()
            if key is not None:
                return key, value

    def setdefault(self, key, default=None):
        return self.data.setdefault(ref(key, self._remove), default)

    def update(self, dict=None, /, **kwargs):
        if dict is not None:
            pairs = dict.items() if hasattr(dict, "items") else dict
            for key, value in pairs:
                self[key] = value
        if kwargs:
            self.update(kwargs)

    def clear(self):
        self.data.clear()

    def copy(self):
        return type(self)(self.items())

    __copy__ = copy

    def __or__(self, other):
        if not hasattr(other, "keys"):
            return NotImplemented
        result = self.copy()
        result.update(other)
        return result

    def __ror__(self, other):
        if not hasattr(other, "keys"):
            return NotImplemented
        result = type(self)(other)
        result.update(self)
        return result

    def __ior__(self, other):
        self.update(other)
        return self


# ---- WeakSet ----------------------------------------------------------------------

class WeakSet(_DeferringContainer):
    """A set whose items are held weakly: an item goes when it dies.
    self.data is a set of ref(item)."""

    def __init__(self, data=None):
        self.data = set()
        self._init_deferral()
        self._remove = _remover(ref(self))
        if data is not None:
            self.update(data)

    def _remove_now(self, wr):
        self.data.discard(wr)

    def _live(self):
        for wr in list(self.data):
            item = wr()
            if item is not None:
                yield item

    def __iter__(self):
        return self._guarded(self._live())

    def __len__(self):
        return len(self.data) - len(self._pending)

    def __contains__(self, item):
        try:
            wr = ref(item)
        except TypeError:
            return False
        return wr in self.data

    def __repr__(self):
        return "<%s at %#x>" % (type(self).__name__, id(self))

    def add(self, item):
        self.data.add(ref(item, self._remove))

    def discard(self, item):
        self.data.discard(ref(item))

    def remove(self, item):
        self.data.remove(ref(item))

    def pop(self):
        while True:
            try:
                wr = self.data.pop()
            except KeyError:
                raise KeyError("pop from empty WeakSet") from None
            item = wr()
            if item is not None:
                return item

    def clear(self):
        self.data.clear()

    def copy(self):
        return type(self)(self)

    __copy__ = copy

    def update(self, other):
        for item in other:
            self.add(item)

    def __ior__(self, other):
        self.update(other)
        return self

    def difference_update(self, other):
        for item in list(other):
            self.discard(item)

    def __isub__(self, other):
        self.difference_update(other)
        return self

    def intersection_update(self, other):
        keep = [item for item in other]
        for item in list(self._live()):
            if item not in keep:
                self.discard(item)

    def __iand__(self, other):
        self.intersection_update(other)
        return self

    def symmetric_difference_update(self, other):
        for item in list(other):
            if item in self:
                self.discard(item)
            else:
                self.add(item)

    def __ixor__(self, other):
        self.symmetric_difference_update(other)
        return self

    def union(self, other):
        result = self.copy()
        result.update(other)
        return result

    __or__ = union

    def difference(self, other):
        result = self.copy()
        result.difference_update(other)
        return result

    __sub__ = difference

    def intersection(self, other):
        result = self.copy()
        result.intersection_update(other)
        return result

    __and__ = intersection

    def symmetric_difference(self, other):
        result = self.copy()
        result.symmetric_difference_update(other)
        return result

    __xor__ = symmetric_difference

    def issubset(self, other):
        return all(item in other for item in self)

    __le__ = issubset

    def issuperset(self, other):
        return all(item in self for item in other)

    __ge__ = issuperset

    def __lt__(self, other):
        return len(self) < len(other) and self.issubset(other)

    def __gt__(self, other):
        return len(self) > len(other) and self.issuperset(other)

    def __eq__(self, other):
        if not isinstance(other, type(self)):
            return NotImplemented
        return len(self) == len(other) and self.issubset(other)

    __hash__ = None

    def isdisjoint(self, other):
        return not any(item in self for item in other)
