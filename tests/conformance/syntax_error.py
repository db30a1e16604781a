# A syntax error anywhere in the file: nothing runs, status 1.
print("this line must not run")
def broken(:
    pass
