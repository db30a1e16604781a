"""Type hints for annotations (reclaim's own typing).

What it provides follows CPython 3.11's module of the same name, as far as
annotations need: the special forms (Any, Union, Optional, Literal, Final,
ClassVar, ...) and the generic aliases (List, Dict, Tuple, Callable,
Iterable, ...) are subscriptable, compare equal when their arguments do,
and print as CPython prints them ("typing.Optional[int]",
"typing.Dict[str, typing.List[int]]"); TypeVar('T') prints "~T"; cast,
overload, no_type_check, get_type_hints, get_origin and get_args work.
Nothing is checked at run time.

Left out, as they need metaclasses or base-class substitution that reclaim
lacks: subclassing Generic[T] or an alias (class Stack(Generic[T]) raises
the interpreter's TypeError), NamedTuple, TypedDict, NewType's subclassing
and runtime_checkable (NotImplementedError naming them).  Protocol is a
plain base class with no structural checks.
"""

__all__ = ["Any", "Callable", "ClassVar", "Final", "Generic", "Literal", "Optional",
           "Protocol", "Tuple", "Type", "TypeVar", "Union", "AbstractSet", "Collection",
           "Container", "Dict", "FrozenSet", "Generator", "Hashable", "Iterable", "Iterator",
           "List", "Mapping", "MutableMapping", "MutableSequence", "MutableSet", "Sequence",
           "Set", "Sized", "Reversible", "DefaultDict", "Deque", "Counter", "OrderedDict",
           "NamedTuple", "TypedDict", "NoReturn", "Never", "Self", "AnyStr", "Text",
           "TYPE_CHECKING", "ForwardRef", "cast", "overload", "no_type_check", "final", "get_type_hints",
           "get_origin", "get_args", "NewType", "runtime_checkable", "reveal_type",
           "assert_never", "Annotated", "TypeAlias", "LiteralString", "SupportsInt",
           "SupportsFloat", "SupportsAbs", "SupportsIndex", "SupportsRound", "IO",
           "TextIO", "BinaryIO", "ByteString", "ItemsView", "KeysView", "ValuesView",
           "Awaitable", "Coroutine", "AsyncIterator", "AsyncIterable", "AsyncGenerator"]

TYPE_CHECKING = False


def _type_repr(obj):
    """How an argument prints inside an alias: int, not <class 'int'>."""
    if isinstance(obj, type):
        if obj.__module__ == "builtins":
            return obj.__qualname__
        return obj.__module__ + "." + obj.__qualname__
    if obj is ...:
        return "..."
    if type(obj) is type(_type_repr):
        return obj.__name__
    return repr(obj)


class ForwardRef:
    """A type named by a string, as List["Node"] holds it."""

    def __init__(self, arg):
        self.__forward_arg__ = arg

    def __repr__(self):
        return "ForwardRef(%r)" % (self.__forward_arg__,)

    def __eq__(self, other):
        if not isinstance(other, ForwardRef):
            return NotImplemented
        return self.__forward_arg__ == other.__forward_arg__

    def __hash__(self):
        return hash(self.__forward_arg__)


def _type_check(arg):
    """None stands for its type and a string for a ForwardRef, as in
    CPython."""
    if arg is None:
        return type(None)
    if isinstance(arg, str):
        return ForwardRef(arg)
    return arg


def _as_tuple(params):
    return params if isinstance(params, tuple) else (params,)


class _Final:
    """Common ground of the typing objects: they cannot be subclassed or
    called."""

    def __call__(self, *args, **kwargs):
        raise TypeError("Cannot instantiate %r" % (self,))


class _GenericAlias(_Final):
    """A subscripted (or bare) generic: List[int] has origin list and
    arguments (int,); `name` is how the bare alias prints after typing."""

    def __init__(self, origin, args, name, nparams=-1):
        self.__origin__ = origin
        self.__args__ = args
        self._name = name
        self._nparams = nparams

    def __getitem__(self, params):
        if self.__args__ is not None:
            if self._name == "Generic":
                raise TypeError("Cannot subscript already-subscripted %r" % (self,))
            return self._substitute(_as_tuple(params))
        if self._name == "Tuple":
            if params == ():
                return _GenericAlias(self.__origin__, (), self._name)
            params = _as_tuple(params)
            return _GenericAlias(self.__origin__, tuple([_type_check(p) for p in params]),
                                 self._name)
        if self._name == "Callable":
            if not isinstance(params, tuple) or len(params) != 2:
                raise TypeError("Callable must be used as Callable[[arg, ...], result].")
            args, result = params
            if args is not ...:
                if not isinstance(args, list):
                    raise TypeError("Callable[args, result]: args must be a list. Got %s"
                                    % _type_repr(args))
                args = tuple([_type_check(a) for a in args])
            return _CallableAlias(self.__origin__, args, _type_check(result))
        params = _as_tuple(params)
        if self._nparams >= 0 and len(params) != self._nparams:
            raise TypeError("Too %s arguments for %r; actual %d, expected %d"
                            % ("many" if len(params) > self._nparams else "few", self,
                               len(params), self._nparams))
        return _GenericAlias(self.__origin__, tuple([_type_check(p) for p in params]),
                             self._name)

    def _substitute(self, params):
        free = [a for a in self.__args__ if isinstance(a, TypeVar)]
        if len(free) != len(params):
            raise TypeError("Too %s arguments for %r" % ("many" if len(params) > len(free)
                                                          else "few", self))
        mapping = dict(zip(free, params))
        return _GenericAlias(self.__origin__,
                             tuple([mapping.get(a, a) if isinstance(a, TypeVar) else a
                                    for a in self.__args__]), self._name)

    def __call__(self, *args, **kwargs):
        if self.__args__ is None or self._name in ("Tuple", "Callable", "Generic"):
            raise TypeError("Type %s cannot be instantiated; use %s() instead"
                            % (self._name, self.__origin__.__name__))
        return self.__origin__(*args, **kwargs)

    def _args_repr(self):
        if self.__args__ == ():
            return "()"
        return ", ".join([_type_repr(a) for a in self.__args__])

    def __repr__(self):
        if self.__args__ is None:
            return "typing." + self._name
        return "typing.%s[%s]" % (self._name, self._args_repr())

    def __eq__(self, other):
        if not isinstance(other, _GenericAlias):
            return NotImplemented
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash((self.__origin__, self.__args__))


class _CallableAlias(_GenericAlias):
    def __init__(self, origin, args, result):
        flat = (args, result) if args is ... else args + (result,)
        _GenericAlias.__init__(self, origin, flat, "Callable")
        self._params = args

    def _args_repr(self):
        result = _type_repr(self.__args__[-1])
        if self._params is ...:
            return "..., " + result
        return "[%s], %s" % (", ".join([_type_repr(a) for a in self._params]), result)


class _SpecialForm(_Final):
    """Any, Union, Optional, Literal, ...: `subscript` builds what
    Form[params] means, None for a form that takes no parameters."""

    def __init__(self, name, subscript=None):
        self._name = name
        self._subscript = subscript

    def __getitem__(self, params):
        if self._subscript is None:
            raise TypeError("%r is not subscriptable" % (self,))
        return self._subscript(self, params)

    def __repr__(self):
        return "typing." + self._name

    def __call__(self, *args, **kwargs):
        if self._name == "Any":
            raise TypeError("Any cannot be instantiated")
        raise TypeError("Cannot instantiate %r" % (self,))


class _FormAlias(_Final):
    """A subscripted special form: Union[int, str], Literal[1, 'a'],
    Final[int]."""

    def __init__(self, origin, args):
        self.__origin__ = origin
        self.__args__ = args

    def __repr__(self):
        args = self.__args__
        if "__metadata__" in self.__dict__:
            return "typing.Annotated[%s, %s]" % (_type_repr(self.__origin__),
                                                 ", ".join([repr(m) for m in self.__metadata__]))
        if self.__origin__ is Union:
            if len(args) == 2 and type(None) in args:
                other = args[0] if args[1] is type(None) else args[1]
                return "typing.Optional[%s]" % _type_repr(other)
        if self.__origin__ is Literal:
            return "typing.Literal[%s]" % ", ".join([repr(a) for a in args])
        return "%r[%s]" % (self.__origin__, ", ".join([_type_repr(a) for a in args]))

    def __eq__(self, other):
        if not isinstance(other, _FormAlias) or self.__origin__ is not other.__origin__:
            return NotImplemented
        if self.__origin__ is Union:
            return set(self.__args__) == set(other.__args__)
        return self.__args__ == other.__args__

    def __hash__(self):
        if self.__origin__ is Union:
            return hash(frozenset(self.__args__))
        return hash((self.__origin__, self.__args__))


def _union(form, params):
    params = _as_tuple(params)
    if params == ():
        raise TypeError("Cannot take a Union of no types.")
    flat = []
    for p in params:
        p = _type_check(p)
        members = p.__args__ if isinstance(p, _FormAlias) and p.__origin__ is Union else (p,)
        for m in members:
            if m not in flat:
                flat.append(m)
    if len(flat) == 1:
        return flat[0]
    return _FormAlias(Union, tuple(flat))


def _optional(form, params):
    if isinstance(params, tuple):
        raise TypeError("typing.Optional requires a single type. Got %r." % (params,))
    return Union[params, None]


def _one_argument(form, params):
    if isinstance(params, tuple):
        raise TypeError("%r accepts only single type. Got %r." % (form, params))
    return _FormAlias(form, (_type_check(params),))


def _literal(form, params):
    values = []
    seen = []
    for p in _as_tuple(params):
        if (p, type(p)) not in seen:
            seen.append((p, type(p)))
            values.append(p)
    return _FormAlias(form, tuple(values))


def _annotated(form, params):
    if not isinstance(params, tuple) or len(params) < 2:
        raise TypeError("Annotated[...] should be used with at least two arguments "
                        "(a type and an annotation).")
    alias = _FormAlias(form, params)
    alias.__origin__ = params[0]
    alias.__metadata__ = params[1:]
    return alias


Any = _SpecialForm("Any")
NoReturn = _SpecialForm("NoReturn")
Never = _SpecialForm("Never")
Self = _SpecialForm("Self")
LiteralString = _SpecialForm("LiteralString")
TypeAlias = _SpecialForm("TypeAlias")
Union = _SpecialForm("Union", _union)
Optional = _SpecialForm("Optional", _optional)
Literal = _SpecialForm("Literal", _literal)
Final = _SpecialForm("Final", _one_argument)
ClassVar = _SpecialForm("ClassVar", _one_argument)
Annotated = _SpecialForm("Annotated", _annotated)


class TypeVar(_Final):
    """A type variable: TypeVar('T'), with optional constraints, bound and
    variance; prints as ~T, +T (covariant) or -T (contravariant)."""

    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False):
        if covariant and contravariant:
            raise ValueError("Bivariant types are not supported.")
        if len(constraints) == 1:
            raise TypeError("A single constraint is not allowed")
        self.__name__ = name
        self.__constraints__ = constraints
        self.__bound__ = _type_check(bound) if bound is not None else None
        self.__covariant__ = covariant
        self.__contravariant__ = contravariant

    def __repr__(self):
        prefix = "+" if self.__covariant__ else "-" if self.__contravariant__ else "~"
        return prefix + self.__name__


AnyStr = TypeVar("AnyStr", bytes, str)
Text = str


def _alias(origin, name, nparams=-1):
    return _GenericAlias(origin, None, name, nparams)


class _Origin:
    """Stands for the abstract collection classes (collections.abc) that
    reclaim does not have: only its name matters, in get_origin's result."""

    def __init__(self, module, name):
        self.__module__ = module
        self.__name__ = name
        self.__qualname__ = name

    def __repr__(self):
        return "<class '%s.%s'>" % (self.__module__, self.__name__)


def _abc_alias(name, nparams=-1, module="collections.abc"):
    return _alias(_Origin(module, name), name, nparams)


List = _alias(list, "List", 1)
Dict = _alias(dict, "Dict", 2)
Set = _alias(set, "Set", 1)
FrozenSet = _alias(frozenset, "FrozenSet", 1)
Tuple = _alias(tuple, "Tuple")
Type = _alias(type, "Type", 1)
Callable = _abc_alias("Callable")
Generic = _abc_alias("Generic", -1, "typing")
DefaultDict = _abc_alias("DefaultDict", 2, "collections")
OrderedDict = _abc_alias("OrderedDict", 2, "collections")
Counter = _abc_alias("Counter", 1, "collections")
Deque = _abc_alias("Deque", 1, "collections")
Iterable = _abc_alias("Iterable", 1)
Iterator = _abc_alias("Iterator", 1)
Generator = _abc_alias("Generator", 3)
Reversible = _abc_alias("Reversible", 1)
Container = _abc_alias("Container", 1)
Collection = _abc_alias("Collection", 1)
Sequence = _abc_alias("Sequence", 1)
MutableSequence = _abc_alias("MutableSequence", 1)
Mapping = _abc_alias("Mapping", 2)
MutableMapping = _abc_alias("MutableMapping", 2)
AbstractSet = _abc_alias("AbstractSet", 1)
MutableSet = _abc_alias("MutableSet", 1)
ItemsView = _abc_alias("ItemsView", 2)
KeysView = _abc_alias("KeysView", 1)
ValuesView = _abc_alias("ValuesView", 1)
Awaitable = _abc_alias("Awaitable", 1)
Coroutine = _abc_alias("Coroutine", 3)
AsyncIterable = _abc_alias("AsyncIterable", 1)
AsyncIterator = _abc_alias("AsyncIterator", 1)
AsyncGenerator = _abc_alias("AsyncGenerator", 2)
Hashable = _abc_alias("Hashable", 0)
Sized = _abc_alias("Sized", 0)
ByteString = _abc_alias("ByteString", 0)
SupportsInt = _abc_alias("SupportsInt", 0, "typing")
SupportsFloat = _abc_alias("SupportsFloat", 0, "typing")
SupportsAbs = _abc_alias("SupportsAbs", 1, "typing")
SupportsIndex = _abc_alias("SupportsIndex", 0, "typing")
SupportsRound = _abc_alias("SupportsRound", 1, "typing")
IO = _abc_alias("IO", 1, "typing")
TextIO = _abc_alias("TextIO", 0, "typing")
BinaryIO = _abc_alias("BinaryIO", 0, "typing")


class Protocol:
    """A plain base class here: reclaim checks no structure."""


def _unsupported(name, why):
    def refuse(*args, **kwargs):
        raise NotImplementedError("typing.%s is not supported by reclaim (%s)" % (name, why))
    refuse.__name__ = name
    return refuse


NamedTuple = _unsupported("NamedTuple", "it needs metaclasses")
TypedDict = _unsupported("TypedDict", "it needs metaclasses")
runtime_checkable = _unsupported("runtime_checkable", "it needs metaclasses")


def NewType(name, tp):
    """A callable returning its argument, named name."""
    def new_type(x):
        return x
    new_type.__name__ = name
    new_type.__qualname__ = name
    new_type.__supertype__ = tp
    return new_type


def cast(typ, val):
    """val itself: the cast only informs a type checker."""
    return val


def overload(func):
    """Mark an overload signature; calling it raises NotImplementedError."""
    def overloaded(*args, **kwargs):
        raise NotImplementedError("You should not call an overloaded function. A series of "
                                  "@overload-decorated functions outside a stub module should "
                                  "always be followed by an implementation that is not "
                                  "@overload-ed.")
    overloaded.__name__ = func.__name__
    overloaded.__doc__ = func.__doc__
    return overloaded


def no_type_check(arg):
    """Mark arg as not to be type-checked (sets __no_type_check__)."""
    try:
        arg.__no_type_check__ = True
    except (AttributeError, TypeError):
        pass
    return arg


def final(f):
    """Mark a method or class final; it is returned unchanged."""
    try:
        f.__final__ = True
    except (AttributeError, TypeError):
        pass
    return f


def reveal_type(obj):
    import sys
    print("Runtime type is %r" % (type(obj).__name__,), file=sys.stderr)
    return obj


def assert_never(arg):
    raise AssertionError("Expected code to be unreachable, but got: %r" % (arg,))


def _resolve(hint, globalns, localns):
    if hint is None:
        return type(None)
    if isinstance(hint, str):
        return _resolve(eval(hint, globalns, localns), globalns, localns)
    return hint


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    """obj's annotations (and its bases', for a class) with string forward
    references evaluated and None turned into NoneType."""
    import sys
    hints = {}
    if isinstance(obj, type):
        for base in reversed(obj.__mro__):
            ann = base.__dict__.get("__annotations__", {})
            module = sys.modules.get(base.__module__)
            base_globals = globalns if globalns is not None else getattr(module, "__dict__", {})
            for name, value in ann.items():
                hints[name] = _resolve(value, base_globals, localns)
        return hints
    ann = getattr(obj, "__annotations__", None)
    if ann is None:
        raise TypeError("%r is not a module, class, method, or function." % (obj,))
    if globalns is None:
        globalns = getattr(obj, "__globals__", None)
        if globalns is None:
            globalns = getattr(obj, "__dict__", {})
    for name, value in ann.items():
        hints[name] = _resolve(value, globalns, localns)
    return hints


def get_origin(tp):
    """The unsubscripted form of tp: list for List[int], Union for
    Optional[int], None for anything else."""
    if isinstance(tp, (_GenericAlias, _FormAlias)):
        return tp.__origin__
    if tp is Generic:
        return Generic
    return None


def get_args(tp):
    """tp's arguments: (int, str) for Dict[int, str], ([int], str) for
    Callable[[int], str], () for anything else."""
    if isinstance(tp, _CallableAlias):
        if tp._params is ...:
            return tp.__args__
        return (list(tp._params), tp.__args__[-1])
    if isinstance(tp, (_GenericAlias, _FormAlias)) and tp.__args__:
        return tp.__args__
    return ()
