# KeyError at top level: the key's repr is the message.
d = {"a": 1}
print(d["a"])
print(d["missing"])
