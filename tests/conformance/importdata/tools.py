from importdata import VALUE


def double():
    return 2 * VALUE


NAME = "tools"
