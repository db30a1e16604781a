"""re_sub_split: sub/subn with template strings (\\1, \\g<name>, \\g<0>,
escapes, octal), with functions, count; split with groups and maxsplit;
the empty-match rules of CPython 3.7+ for sub, split, findall, finditer;
and template errors."""
import re

print(re.sub(r"(\w+)@(\w+)\.com", r"\2 at \1", "joe@home.com, ann@work.com"))
print(re.sub(r"(?P<word>\w+)", r"<\g<word>>", "a bc"), re.sub(r"\w+", r"[\g<0>]", "a bc"))
print(re.sub(r"(\w)(\w)", r"\2\1", "abcde"), re.sub(r"(\w)", r"\g<1>0", "ab"), re.sub(r"(a)", r"\1\1", "banana"))
print(re.sub(r"a", r"\n\t\\", "xax"), repr(re.sub(r"a", r"\0", "a")), repr(re.sub(r"a", r"\101\1010", "a")))
print(re.sub(r"a", r"\.\-\ ", "a"), re.sub("x", "-", "axbxc", 1), re.sub("x", "-", "axbxc", count=5))
print(re.subn(r"\d", "#", "a1b22c333"), re.subn(r"\d", "#", "a1b22", 2), re.subn("z", "y", "abc"))
print(re.sub(r"(a)|b", r"[\1]", "ab"), re.sub(r"(a)?", r"<\1>", "bab"))
print(re.sub(r"\d+", lambda m: str(int(m.group()) * 2), "3 apples and 12 pears"))
print(re.sub(r"(?P<n>\d)", lambda m: m.group("n") * 2, "a1b2", count=1))
print(re.subn(r"\s+", " ", "  too   many\n\nspaces  "))
print(re.sub("", "-", "abc"), re.sub("x*", "-", "abxd"), re.sub("x*", "-", ""), re.sub(r"\b", "|", "ab cd"))
print(re.sub("(?=b)", "^", "abab"), re.sub("$", "!", "a\nb\n"), re.sub("^", "> ", "a\nb", flags=re.M))
print(re.sub("a", "b", "aaa", 0, re.I), re.sub("A", "b", "aAa", flags=re.I))
p = re.compile(r"(\d+)-(\d+)")
print(p.sub(r"\2-\1", "1-2 and 33-44"), p.subn(lambda m: "", "1-2x3-4"))
# split
print(re.split(r"\s+", "a b  c\td"), re.split(r"(\s+)", "a b  c"), re.split(r",", "a,b,,c,"))
print(re.split(r"[,;]\s*", "a, b;c", maxsplit=1), re.split(r"(,)(\s)?", "a, b,c"))
print(re.split(r"x*", "axbc"), re.split(r"\b", "ab cd"), re.split("", "abc"), re.split(r"(?=b)", "abab"))
print(re.split(r"\d", "a1b2c3", 2), re.split("z", "abc"), re.split("a", ""), re.split("", ""))
print(re.split(r"(a)|(b)", "xaybz"), re.compile(r"\W+").split("Words, words, words.", 1))
print(re.split(r"(?i)X", "axbXc"), re.split(r"^", "a\nb\nc", flags=re.M), re.split(r"$", "a\nb", flags=re.M))
# findall / finditer around empty matches
print(re.findall(r"x*", "axxb"), re.findall(r"\b", "ab cd"), re.findall(r"a|", "bab"), re.findall(r"(a)|b", "ab"))
print([m.span() for m in re.finditer(r"x*", "axxb")], [m.span() for m in re.finditer(r"", "ab")])
print(re.findall(r"(a)(b)?", "ab a"), re.findall(r"(?:a)(b)?", "ab a"))
# template errors
for tmpl in [r"\3", r"\g<3>", r"\g<x>", r"\g<1a>", r"\g<", r"\g", r"\q", "\\", r"\g<>", r"\777"]:
    try:
        print(re.sub(r"(a)(b)", tmpl, "ab"))
    except re.error as e:
        print("error:", e, "|", e.msg, e.pos)
    except IndexError as e:
        print("IndexError:", e)
try:
    re.sub("a", 5, "a")
except TypeError as e:
    print("TypeError:", e)
try:
    re.sub("a", lambda m: 5, "a")
except TypeError as e:
    print("TypeError:", e)
print(re.sub("a", lambda m: None, "bab") if False else "skip")
