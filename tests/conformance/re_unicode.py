"""re_unicode: code-point positions over non-ASCII text, Unicode \\w \\d \\s
(and their ASCII meaning under re.A), case-insensitive matching beyond
ASCII, \\N{...} and \\u escapes, escape(), and substitution/splitting of
non-ASCII text."""
import re

text = "naïve café — Straße 42 ١٢٣ Ωμέγα"
print(re.findall(r"\w+", text))
print(re.findall(r"\w+", text, re.A), re.findall(r"(?a)\w+", text))
print(re.findall(r"\d+", text), re.findall(r"\d+", text, re.ASCII))
print([hex(ord(c)) for c in re.findall(r"\s", "a\u00a0b\u2003c\u3000d e")], re.findall(r"\s", "a\u00a0b", re.A))
m = re.search(r"café", text)
print(m, m.span(), m.start(), text[m.start():m.end()])
print([m.span() for m in re.finditer(r"é", "éaéé")])
print(re.search(r"(?i)CAFÉ", text), re.search(r"(?i)straSSE", text), re.search(r"(?i)ωΜΈΓΑ", text))
print(re.findall(r"(?i)[à-ÿ]+", "ÀÉÎ õü"), re.findall(r"[^\x00-\x7f]+", text))
print(re.search(r"\N{GREEK SMALL LETTER MU}", text), re.search(r"\u03a9", text), re.search("\\U0001F600", "x😀y"))
print(re.findall(r".", "a😀b"), re.match(r"..", "😀😀").span(), re.sub(r"😀", ":)", "hi 😀!"))
print(re.split(r"\s*—\s*", text), re.sub(r"(\w+)", r"<\1>", "żółw i jeż"))
print(re.escape("a.b*ü ß"), re.escape("1+1=2"), re.escape("\t\n"))
print(re.search(r"\bé", "café é"), re.findall(r"\b\w", "élan über"))
print(re.fullmatch(r"[а-я]+", "привет"), re.fullmatch(r"(?i)[а-я]+", "ПРИВЕТ"))
p = re.compile(r"(?P<word>\w+)\s(?P=word)")
m = p.search("→ daß daß ←")
print(m, m.span("word"), m.groupdict())
print(re.search(r"(?<=é)\w", "éa"), re.search(r"(?<!é)a", "éaba").span())
print(re.search("ß", "STRASSE", re.I), re.search("ς", "Σ", re.I), re.search("k", "\u212a", re.I))
big = "ä" * 1000 + "x"
print(re.search(r"x", big).span(), len(re.findall(r"ä", big)), re.search(r"ä+x", big).span())
print(re.match(r"(\w)\1", "éÉ", re.I), re.match(r"(\w)\1", "éÉ"))
