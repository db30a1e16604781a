for i in range(5):
    if i == 3:
        break
    continue
else:
    print("no")
assert i == 3, "i"
global_name = i
