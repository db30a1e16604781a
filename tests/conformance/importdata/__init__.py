"""A package for the import conformance script."""
print("importdata runs once")
VALUE = 42
