"""The typing module: the names annotations use import, subscript and
print as in CPython; TypeVar, cast, overload, no_type_check,
get_type_hints, get_origin and get_args."""
from typing import (List, Dict, Tuple, Set, FrozenSet, Optional, Union, Any, Callable, Iterable,
                    Iterator, Generator, Sequence, Mapping, TypeVar, Literal, Final, ClassVar,
                    cast, TYPE_CHECKING, overload, no_type_check, get_type_hints, get_origin,
                    get_args, Type, Generic, Annotated, NoReturn, final, NewType)
import typing


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


T = TypeVar("T")
K = TypeVar("K")
T_co = TypeVar("T_co", covariant=True)
T_contra = TypeVar("T_contra", contravariant=True)
Num = TypeVar("Num", int, float)

for hint in [List[int], Dict[str, int], Set[str], FrozenSet[int], Tuple[int, str],
             Tuple[int, ...], Tuple[()], Optional[int], Union[int, str], Union[int, None],
             Union[int, str, None], Optional[Union[int, str]], Union[int, Union[str, float]],
             Union[int, int], Callable[[int], str], Callable[[], None], Callable[..., str],
             Callable[[int, str], List[int]], Iterable[int], Iterator[str],
             Generator[int, None, None], Sequence[str], Mapping[str, List[int]],
             Dict[str, List[Tuple[int, float]]], Literal[1, "a", True], Final[int],
             ClassVar[int], Type[int], List[T], Dict[K, T], Generic[T], Any, NoReturn,
             List, Dict, Optional, Union, Callable, Annotated[int, "meta"],
             List["Forward"]]:
    print(repr(hint))

print(T, T_co, T_contra, Num.__constraints__, T.__name__)
print(List[int] == List[int], List[int] == List[str], Union[int, str] == Union[str, int])
print(Optional[int] == Union[int, None], hash(List[int]) == hash(List[int]))
print(Dict[K, T][str, int], List[T][float])
print(List[int].__origin__, Dict[str, int].__args__, Union[int, str].__args__)
print(get_origin(List[int]), get_origin(Optional[int]), get_origin(int), get_origin(Literal[1]))
print(get_args(Dict[str, int]), get_args(Callable[[int], str]), get_args(int), get_args(Optional[str]))
print(Union[int], Optional[None])
print(TYPE_CHECKING, cast(int, "not really"), cast("List[int]", 5))

show(lambda: List())
show(lambda: Union[()])
show(lambda: Optional[int, str])
show(lambda: List[int, str])
show(lambda: Any())


def total(values: List[int], scale: Optional[float] = None) -> int:
    return sum(values)


print(total([1, 2, 3]), total.__annotations__)


class Box:
    items: List[int]
    label: "str"
    count: ClassVar[int] = 0

    def put(self, item: int) -> None:
        self.items.append(item)


print(get_type_hints(Box))
print(get_type_hints(Box.put), get_type_hints(total))


@overload
def double(x: int) -> int:
    ...


@overload
def double(x: str) -> str:
    ...


def double(x):
    return x * 2


print(double(2), double("ab"))


@no_type_check
def loose(x: "whatever") -> "nothing":
    return x


print(loose(3), loose.__no_type_check__)


@final
class Leaf:
    pass


UserId = NewType("UserId", int)
print(UserId(5), UserId.__name__, Leaf.__name__)
Vector = List[float]


def scale(v: Vector, k: float) -> Vector:
    return [k * x for x in v]


print(scale([1.0, 2.0], 2.0), Vector)
