# Seeds 001 and 002: "a=range(10000*10000) ... del a 或者a=[]都不能将内存降下来"
# (neither del a nor a=[] brings the memory down), "del 可以删除多个变量,
# del a,b,c,d" (del deletes several names at once), and the remedy:
#     import gc
#     del a
#     gc.collect()
import gc

a = range(10000*10000)
a = []
b, c, d = [1], [2], [3]
del a, b, c, d
a = range(10000*10000)
del a
gc.collect()
print(len(gc.get_objects()) >= 0)
