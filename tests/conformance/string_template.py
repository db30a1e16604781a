"""string.Template: $name, ${name}, $$, substitute and safe_substitute,
invalid placeholders, missing keys, subclasses with another delimiter."""
import string
from string import Template


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, repr(e))


t = Template("$who likes ${what}, costs $$10")
show(lambda: t.substitute(who="Tim", what="kung pao"))
show(lambda: t.substitute({"who": "Ann", "what": "tea"}))
show(lambda: t.substitute({"who": "Ann", "what": "tea"}, who="Bob"))
show(lambda: t.substitute(who="Tim"))
show(lambda: t.safe_substitute(who="Tim"))
show(lambda: t.safe_substitute())
show(lambda: Template("$n items at ${price}each").substitute(n=3, price=1.5))
show(lambda: Template("${a}${b}$a$b").substitute(a=1, b=[2]))
show(lambda: Template("$_private $x1 $1x").safe_substitute(_private="p", x1="q"))
show(lambda: Template("$name.attr and $name!").substitute(name="N"))
show(lambda: Template("no placeholders").substitute())
show(lambda: Template("").substitute())

print("invalid")
show(lambda: Template("cost: $ 5").substitute())
show(lambda: Template("$").substitute())
show(lambda: Template("line\n${ x}").substitute(x=1))
show(lambda: Template("a\nb\n$x $").substitute(x=1))
show(lambda: Template("${unclosed").substitute(unclosed=1))
show(lambda: Template("cost: $ 5 and ${ x} $y").safe_substitute(y="Y"))
show(lambda: Template("$1").safe_substitute())

print("identifiers")
show(lambda: Template("$a ${b} $a $$c").get_identifiers())
show(lambda: Template("$a ${b}").is_valid())
show(lambda: Template("$a $").is_valid())
print(Template.delimiter, t.template)


class Percent(Template):
    delimiter = "%"


show(lambda: Percent("%who owes %%%amount").substitute(who="Al", amount=5))
show(lambda: Percent("$keep %x").safe_substitute(x="X"))

print("module")
print(string.capwords("hello  template world"), len(string.ascii_letters))
print("Template" in string.__all__, "capwords" in string.__all__)
