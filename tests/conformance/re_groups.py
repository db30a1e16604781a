"""re_groups: Match objects — group() with several arguments and names,
groups(default), groupdict(default), start/end/span, lastindex, lastgroup,
regs, expand, __getitem__, reprs, back references by number and name,
conditional groups, and the errors of bad group arguments."""
import re

m = re.match(r"(?P<first>\w+) (?P<last>\w+)(?: (?P<extra>\w+))?", "Jane Doe here")
print(m.group(), m.group(0), m.group(1), m.group("last"), m.group(1, "last", 0))
print(m.groups(), m.groupdict(), m["first"], m[2], m[0])
print(m.start(), m.end(), m.span(), m.start(2), m.end("last"), m.span("extra"))
print(m.lastindex, m.lastgroup, m.regs)
m = re.match(r"(?P<first>\w+) (?P<last>\w+)(?: (?P<extra>\w+))?", "Jane Doe")
print(m.groups(), m.groups("-"), m.groupdict(), m.groupdict(0), m.group("extra"), m.span(3), m.start(3))
print(m.lastindex, m.lastgroup)
m = re.match(r"(a)(b)?", "a")
print(m.lastindex, m.lastgroup, m.groups(), m.groups(default=""))
m = re.match(r"((a)b)", "ab")
print(m.lastindex, m.groups())
m = re.match(r"(a)|(b)", "b")
print(m.lastindex, m.groups(), m.span(1), m.span(2))
m = re.match(r"(?P<x>a)(?P<y>b)", "ab")
print(m.lastgroup, m.lastindex)
print(re.match(r"a", "a").lastindex, re.match(r"a", "a").lastgroup, re.match("a", "a").groups(), re.match("a", "a").groupdict())
# repeated groups keep the last iteration
m = re.match(r"(\w)+", "abc")
print(m.group(1), m.span(1))
m = re.match(r"(?:(a)|(b))+", "ab")
print(m.groups(), m.lastindex)
m = re.match(r"(a*)+", "b")
print(m.groups(), m.span(1))
m = re.match(r"(a|b)*?c", "abc")
print(m.groups())
# back references
print(re.search(r"(\w)\1", "abccd"), re.search(r"(?P<ch>\w)(?P=ch)", "xyzzy"))
print(re.findall(r"\b(\w+) \1\b", "the the cat sat sat down"))
print(re.match(r"(a)(?:b\1)+", "ababa"), re.match(r"(?i)(a)\1", "aA"), re.match(r"(a)\1", "aA"))
print(re.match(r"(a)?\1", "b"), re.match(r"(a)?b\1", "b"))
print(re.match(r"(\d)(\d)(\d)(\d)(\d)(\d)(\d)(\d)(\d)(\d)\10", "01234567899"))
# conditional groups
print(re.match(r"(<)?(\w+)(?(1)>|$)", "<a>"), re.match(r"(<)?(\w+)(?(1)>|$)", "a"), re.match(r"(<)?(\w+)(?(1)>|$)", "<a"))
print(re.match(r"(?P<q>')?\w+(?(q)')", "'x'"))
# expand
m = re.match(r"(?P<k>\w+)=(?P<v>\w+)", "key=val")
print(m.expand(r"\2 <- \1"), m.expand(r"\g<v>/\g<k>/\g<0>/\g<2>"), m.expand(r"a\tb\\c\n"))
# bad group arguments
for g in [3, -1, "nope", 1.5, None]:
    try:
        print(m.group(g))
    except IndexError as e:
        print("IndexError", e)
try:
    m["zzz"]
except IndexError as e:
    print("IndexError", e)
try:
    m.start(9)
except IndexError as e:
    print("IndexError", e)
# reprs of matches
print(repr(re.match(r".*", "it's")), re.search("b", "a\nb\tc"), re.match(r"\d*", "x"))
print(re.search(r"\s", "a\nb"))
# many groups
pat = "".join("(%s)" % c for c in "abcdefghijklmnop")
m = re.match(pat, "abcdefghijklmnop")
print(m.groups(), m.lastindex, m.span(16))
# group index of a compiled pattern
p = re.compile(r"(?P<a>x)(y)(?P<b>z)")
print(p.groups, dict(p.groupindex), sorted(p.groupindex.items()))
m = p.search("..xyz..")
print(m.group("a", "b", 2), m.groupdict(), m.span("b"), m.lastgroup)
