// lstmlab-bench: how fast LSTMLab trains, measured on this machine, beside PyTorch's figures.
// Run: swift run -c release lstmlab-bench [--quick] [--grid] [--only gemm|lstm|train]
LSTMLabBench.main()
