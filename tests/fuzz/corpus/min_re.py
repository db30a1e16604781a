import re
p = re.compile(r"(?P<k>\w+)=(?P<v>\d+)?(?:;|$)", re.M | re.I)
m = p.search("a=1;b=;c=33")
print(p, m, m.groups(), m.groupdict(), m.span("v"), m.lastindex, m.lastgroup, m["k"])
print(p.findall("x=1;yy=22"), [m.span() for m in p.finditer("q=5")], p.sub(r"\g<v>-\1", "a=1;b=2"))
print(re.split(r"(,)\s*", "a, b,c", 1), re.sub(r"x*", "-", "abxd"), re.subn(r"\d", lambda m: m[0] * 2, "a1b2"))
print(re.findall(r"(?<=\$)\d+(?!\d)", "$10 $200"), re.match(r"(a)(?(1)b|c)", "ab"), re.fullmatch(r"[^\W\d]+", "héllo"))
print(re.search(r"(?i)ÉTÉ", "un été"), re.escape("1+1=2?"), re.match(r"a*+a", "aa"), re.match(r"(?>a|ab)c", "abc"))
try:
    re.compile("(a")
except re.error as e:
    print(e.msg, e.pos)
