# A small Python benchmark (pure-Python loops, dicts, strings, floats), timed
# by the caller around the whole process.
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


counts = {}
for i in range(200000):
    k = str(i % 1000)
    counts[k] = counts.get(k, 0) + i
words = " ".join(sorted(counts)[:50])
total = 0.0
for i in range(1, 200000):
    total += 1.0 / (i * i)
print(fib(24), len(counts), len(words), round(total, 6))
