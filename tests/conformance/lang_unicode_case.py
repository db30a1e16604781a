# Unicode case mapping as CPython 3.11 (Unicode 14): full mappings ('ß'.upper()
# is 'SS'), final sigma, titlecase letters, casefold.
tests = ["ß", "straße", "ǅungla", "ΟΔΟΣ", "ΟΔΟΣ ΟΔΟΣ.", "İstanbul", "ﬁne", "Σ", "aΣb", "hello WORLD", "ǆ", "ŉ", "Ǆ", "ὒ", "ᾳ", "ΐ", "Ärger über Öl", "ĳssel", "ǰ", "ﬀ"]
for t in tests:
    print(repr(t), t.upper(), t.lower(), t.title(), t.capitalize(), t.swapcase(), t.casefold(), t.isupper(), t.islower(), t.istitle())
