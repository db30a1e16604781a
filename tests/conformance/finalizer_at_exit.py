# Objects still referenced by globals are finalized when the program ends.
class Last:
    def __del__(self):
        print("finalized at exit")


keep = Last()
print("end of script")
