# C++ exceptions inside CPython's extension modules (kiwisolver and pandas are
# C++ compiled with -fwasm-exceptions): each reaches Python as a Python
# exception, through WebAssembly exception handling.
import kiwisolver as kiwi

x = kiwi.Variable("x")
solver = kiwi.Solver()
c = x >= 10
solver.addConstraint(c)
try:
    solver.addConstraint(c)
except kiwi.DuplicateConstraint as e:
    print("kiwisolver:", type(e).__name__)
try:
    solver.removeConstraint(x <= 3)
except kiwi.UnknownConstraint as e:
    print("kiwisolver:", type(e).__name__)

import pandas as pd

df = pd.DataFrame({"a": [1, 2, 3], "b": [4.0, 5.5, 6.25]})
print(df.describe().loc["mean"].to_dict())
try:
    pd.to_datetime("not a date")
except Exception as e:
    print("pandas:", type(e).__name__)


def deep(n):
    if n == 0:
        raise ValueError("bottom")
    return deep(n - 1)


try:
    deep(500)
except ValueError as e:
    print("python:", e)
