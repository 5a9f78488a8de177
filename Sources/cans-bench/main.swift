// Benchmarks for cans; see Docs/benchmarks.md.
print("cans-bench")
