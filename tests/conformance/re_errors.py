"""re_errors: re.error's message, msg, pos, lineno and colno for bad
patterns, as CPython 3.11 words them; ValueError and TypeError of bad
arguments."""
import re

BAD = ["(a", "a)", "*", "+a", "a**", "a*+*", "x{2}{3}", "^*", "a|*", "(*)", "[a", "[]", "[^]",
       r"\q", r"[\A]", "[z-a]", r"[a-\d]", r"[\w-z]", "(?P<1>a)", "(?P<a-b>x)", "(?P<a>x)(?P<a>y)",
       "(?P=b)", "(?P=)", r"\5", r"(a)\2", r"(a\1)", "(?P<x>a(?P=x))", "(?<=a*)b", "(?<!a|bc)d",
       "a{3,2}", "(?Q)", "(?<x)", "\\", "(?P<a", "(?P<>a)", "a(?i)b", "(?i", "(?z)", "(?i-i:a)",
       "(?-x)", "(?", "(?P", "(?Px)", r"\x1", r"\u12", r"\U0011ffff", r"\N{FOO}", r"\N", r"\N{",
       "(?#abc", r"\8", r"[\8]", r"\400", "(?i-:a)", "(?L)a", "(?au)a", "a\n(b", "x\n\n)",
       "(?(2)a|b)", "(?(x)a|b)", "(?(0)a)", "(?(1)a|b|c)", "((((((((((a)))))))))", "(?<=(a)\\1)",
       "a{99999999999}"]
for p in BAD:
    try:
        re.compile(p)
        print(repr(p), "compiled")
    except re.error as e:
        print(repr(p), "|", e, "|", repr(e.msg), e.pos, e.lineno, e.colno, e.pattern == p)
    except OverflowError as e:
        print(repr(p), "OverflowError", e)
try:
    re.compile("a", re.A | re.U)
except ValueError as e:
    print("ValueError", e)
try:
    re.compile("a", re.L)
except ValueError as e:
    print("ValueError", e)
try:
    re.compile(re.compile("a"), re.I)
except ValueError as e:
    print("ValueError", e)
for bad in [5, None, ["a"]]:
    try:
        re.compile(bad)
    except TypeError as e:
        print("TypeError", e)
for subject in [5, None, b"abc"]:
    try:
        re.search("a", subject)
    except TypeError as e:
        print("TypeError", e)
e = re.error("plain message")
print(e, e.msg, e.pos, e.pattern, e.lineno)
e = re.error("m", "ab\ncd", 4)
print(e, e.msg, e.pos, e.lineno, e.colno)
print(issubclass(re.error, Exception), re.error.__name__)
try:
    re.compile(")")
except Exception as e:
    print(type(e).__name__, e)
for depth in (300, 1000):
    try:
        print(depth, re.match("(" * depth + "a" + ")" * depth, "a").span(), re.compile("(" * depth + "a" + ")" * depth).groups)
    except RecursionError:
        print(depth, "RecursionError")
try:
    re.compile("a{4294967295}")
except OverflowError as e:
    print("OverflowError", e)
print(re.match("a{2,4294967294}", "aaa").span())
