x = "\N{EM DASH}\N{bullet}\N{HANGUL SYLLABLE GAG}\N{CJK UNIFIED IDEOGRAPH-4E00}\N{NBSP}"
y = f"{x}\N{DEGREE SIGN}{len(x)}\{x}"
import unicodedata
print(unicodedata.name(x[0]), unicodedata.lookup("snowman"), y)
try:
    eval('"\\N{no such name}"')
except SyntaxError as e:
    print(e.msg)
