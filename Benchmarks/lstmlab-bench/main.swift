import LSTMLab

print("lstmlab-bench: benchmarks arrive with the performance work")
