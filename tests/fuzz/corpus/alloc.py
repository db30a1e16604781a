a = "ab" * 100
b = [a] * 100
c = b * 100
print(len(c))
