/// LabMath: the numerical floor of LSTMLab.
///
/// - `Matrix`: row-major dense matrices with value semantics, generic over `LabScalar` (Float or Double).
/// - `gemm` / `matmul`: matrix products with either operand transposed, on whole matrices or blocks of rows.
/// - `SeededGenerator`: xoshiro256** seeded by SplitMix64; uniform, normal, shuffles.
/// - `KernelThreads`, `Allocator`: how the C kernels use the cores and the C allocator.
/// The unsafe code is confined to `Kernels.swift` and the C kernels in `LabKernels`; the recurrent layers' and the
/// optimisers' kernels are reached from their own modules (Recurrent, Optimizers).

