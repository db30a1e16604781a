# id(): equal for aliases, different for distinct live objects, stable.
a = [1, 2]
b = a
c = [1, 2]
print("alias:", id(a) == id(b))
print("equal but distinct:", id(a) == id(c), a == c, a is c)
first = id(a)
a.append(3)
print("stable across mutation:", id(a) == first)
print("id is an int:", type(id(a)).__name__)
x = 3.14
y = x
print("float alias:", id(x) == id(y), x is y)
objs = [object() for _ in range(50)]
ids = [id(o) for o in objs]
print("distinct live objects have distinct ids:", len(set(ids)) == 50)
print("None is one object:", id(None) == id([].sort()))
t1 = (1, 2)
t2 = t1
print("tuple alias:", t1 is t2)
s1 = "seed"
s2 = s1
s1 = s1 + "!"
print("rebinding a string does not change the alias:", s2, s1 is s2)
n = 5
m = n
n += 1
print("augmented int assignment rebinds:", n, m, n is m)
lst = [1]
alias = lst
lst += [2]
print("augmented list assignment mutates in place:", alias, lst is alias)
tup = (1,)
talias = tup
tup += (2,)
print("augmented tuple assignment makes a new tuple:", talias, tup, tup is talias)
