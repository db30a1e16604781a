"""re_basic: compile, match/fullmatch/search, findall/finditer, flags and
inline flags, anchors, classes, quantifiers (greedy, lazy, possessive),
lookarounds, pos/endpos, Pattern attributes and reprs."""
import re

def show(label, m):
    print(label, m, m and m.groups())

show("match", re.match(r"\d+", "123abc"))
show("match none", re.match(r"\d+", "abc123"))
show("search", re.search(r"\d+", "abc123def"))
show("fullmatch", re.fullmatch(r"a.c", "abc"))
show("fullmatch none", re.fullmatch(r"a.c", "abcd"))
show("fullmatch alt", re.fullmatch(r"a|ab", "ab"))
print(re.findall(r"\w+", "Hello, world! It's 2024."))
print(re.findall(r"(\w+)=(\d+)", "a=1, b=22, c=x"))
print(re.findall(r"(\w+)=\d+", "a=1, b=22"))
print([m.span() for m in re.finditer(r"o", "foo boo")])
print([m.group() for m in re.finditer(r"\b\w", "the quick brown")])
# escapes
print(re.findall(r"\s+", "a \t\nb\x0bc\x0cd"))
print(re.findall(r"\D+", "ab12cd3"), re.findall(r"\W+", "a, b; c"), re.findall(r"\S+", " x yz "))
print(re.findall(r"\.", "a.b.c"), re.findall(r"\\", "a\\b"), re.findall(r"\t", "a\tb"))
print(re.findall(r"\x41\u0042\101\0", "AB A\x00"))
print(re.search(r"\bfoo\b", "a foo b"), re.search(r"\bfoo\b", "afoob"), re.search(r"\Boo\B", "foob"))
print(re.search(r"\Aab", "ab"), re.search(r"\Aab", "cab"), re.search(r"ab\Z", "cab"), re.search(r"ab\Z", "ab\n"))
# anchors and MULTILINE
text = "one\ntwo\nthree\n"
print(re.findall(r"^\w+", text), re.findall(r"^\w+", text, re.M), re.findall(r"\w+$", text), re.findall(r"\w+$", text, re.M))
print(re.search(r"o$", "two\n"), re.search(r"$", "ab\n").span(), re.findall(r"$", "a\nb\n"), re.findall(r"$", "a\nb\n", re.M))
# dot and DOTALL
print(re.findall(r"a.b", "a\nb axb"), re.findall(r"a.b", "a\nb axb", re.S), re.findall(r"(?s)a.b", "a\nb"))
# classes
print(re.findall(r"[aeiou]", "education"), re.findall(r"[^aeiou\s]+", "hello world"))
print(re.findall(r"[a-cx-z]+", "abcdxyzw"), re.findall(r"[]a]+", "a]]b"), re.findall(r"[^]a]", "a]b"))
print(re.findall(r"[-a]", "a-b"), re.findall(r"[a-]", "a-b"), re.findall(r"[\d.]+", "1.5 and 2"), re.findall(r"[\w-]+", "foo-bar baz"))
print(re.findall(r"[\]\\]", "a]\\b"), re.findall(r"[\b]", "a\bb"), re.findall(r"[.*+?]", "a.b*c+d?"))
# quantifiers
print(re.match(r"a*", "aaab").group(), re.match(r"a*?", "aaab").group(), re.match(r"a+?", "aaab").group())
print(re.match(r"a{2}", "aaaa").group(), re.match(r"a{2,3}", "aaaa").group(), re.match(r"a{2,3}?", "aaaa").group())
print(re.match(r"a{,2}", "aaaa").group(), re.match(r"a{2,}", "aaaaa").group(), re.match(r"a{2,}?", "aaaaa").group())
print(re.match(r"a??b", "ab").group(), re.match(r"(ab)*", "ababa").group(), re.match(r"(ab)+?", "abab").group())
print(re.match(r"a{", "a{").group(), re.match(r"a{x}", "a{x}").group(), re.match(r"a{1,2", "a{1,2").group(), re.match("x{}", "x{}").group())
print(re.match(r"(?:a|b)*c", "abbac").group(), re.match(r"(a|ab)(c|bcd)(d*)", "abcd").groups())
print(re.match(r"a*+a", "aaa"), re.match(r"a*+b", "aaab"), re.match(r"(?>a+)b", "aab"), re.match(r"(?>a|ab)c", "abc"))
print(re.match(r"a++", "aaa"), re.match(r"a?+a", "a"), re.match(r"a{1,2}+a", "aaa"))
# lookarounds
print(re.findall(r"\w+(?=!)", "hi! yes no!"), re.findall(r"\b\w+\b(?!!)", "hi! yes no!"))
print(re.findall(r"(?<=@)\w+", "a@b c@d"), re.findall(r"(?<!\d)\d\d(?!\d)", "1 22 333 44"))
print(re.search(r"(?<=ab)c", "abc"), re.search(r"(?<=a|b)c", "bc"), re.search(r"(?<!a)c", "ac"))
print(re.match(r"(?=(a+))a*b\1", "baaabac"), re.search(r"(?=(a+))a*b\1", "baaabac"))
# flags
print(re.findall(r"hello", "Hello HELLO hello", re.I), re.findall(r"(?i)hello", "Hello HeLLo"))
print(re.findall(r"[a-z]+", "Hello WORLD", re.I), re.findall(r"[^a-z]+", "Hello WORLD", re.I))
print(re.findall(r"(?i:a)b", "ab Ab aB AB"), re.findall(r"(?-i:a)b", "ab Ab aB AB", re.I))
print(re.match(r"""
    (\d+)   # number
    \s* ,   # comma
    [ ]x    # a space in a class counts
""", "12 , x", re.X).groups())
print(re.match(r"(?x) a b # comment", "ab"), re.match(r"a#b", "a#b", re.X), re.match(r"a\#b", "a#b", re.X))
print(re.findall(r"\w+", "héllo wörld", re.A), re.findall(r"\w+", "héllo wörld"))
print(re.I | re.M, re.I, repr(re.S | re.X), re.A, int(re.I | re.M), re.NOFLAG)
print(re.I == 2, (re.I | re.M) == 10)
# pos and endpos
p = re.compile(r"\w+")
print(p.match("hello world", 6), p.match("hello world", 5), p.search("hello world", 2, 4))
print(p.findall("one two three", 4), p.findall("one two three", 0, 6), [m.span() for m in p.finditer("a bb ccc", 2)])
print(re.compile("^a").search("ba", 1), re.compile("a$").search("ab", 0, 1), re.compile(r"\bb").search("ab", 1))
print(p.fullmatch("hello world", 0, 5), p.fullmatch("hello world", 6), p.match("abc", 10), p.match("abc", -5))
m = p.search("hello world", 3, 8)
print(m.pos, m.endpos, m.string, m.re is p)
# Pattern attributes, reprs, equality, cache
q = re.compile(r"(?P<year>\d{4})-(\d\d)", re.I | re.M)
print(q, q.pattern, q.flags, q.groups, dict(q.groupindex))
print(re.compile("a+"), re.compile("(?i)x"), re.compile("x", re.X | re.S), re.compile("x", re.A), re.compile("x", re.U))
print(repr(re.compile("it's \"q\"\n")), re.compile("a").flags, re.compile("a", re.A).flags, re.compile("(?a)a").flags)
print(re.compile("ab") == re.compile("ab"), re.compile("ab") == re.compile("ab", re.I), re.compile("ab") is re.compile("ab"))
print(re.compile(q) is q, hash(re.compile("x")) == hash(re.compile("x")))
re.purge()
print(type(q).__name__, type(q.match("2024-01")).__name__)
print(bool(re.match("", "x")), re.match("", "x"), re.search("$", "abc"))
print(re.search(r"[\d]+", "ab 123"), re.search(r"(?#a comment)b", "ab"))
