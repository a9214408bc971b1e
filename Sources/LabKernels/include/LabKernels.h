// LabKernels: the few loops where LSTMLab spends its time, in C so that they are compiled once, fully optimised,
// for both Float (f32) and Double (f64). Everything is row-major. Swift reaches them through LabMath's Kernels.swift,
// the only Swift file that touches raw pointers.
#ifndef LAB_KERNELS_H
#define LAB_KERNELS_H

#include <stddef.h>
#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

/// C = alpha * op(A) * op(B) + beta * C, row-major.
/// The fast kernel (gemm.c, gemm_template.h): register-blocked tiles with AVX2+FMA when the CPU has them (checked at
/// run time), 16-byte vectors otherwise. Results depend on the shape only (not on timing or threads): the same call
/// gives the same bits every time on a given CPU.
/// op(A) is m x k (A is m x k with leading dimension lda, or k x m when transA);
/// op(B) is k x n (B is k x n with leading dimension ldb, or n x k when transB); C is m x n with leading dimension ldc.
/// When beta == 0, C is overwritten and never read (NaNs in C do not leak through).
void lab_gemm_f32(bool transA, bool transB, long m, long n, long k, float alpha, const float *A, long lda,
                  const float *B, long ldb, float beta, float *C, long ldc);
void lab_gemm_f64(bool transA, bool transB, long m, long n, long k, double alpha, const double *A, long lda,
                  const double *B, long ldb, double beta, double *C, long ldc);

/// The portable kernel (16-byte vectors) whatever the CPU: what `lab_gemm_f32/f64` run on CPUs without AVX2+FMA,
/// callable directly so that tests check it on every machine.
void lab_gemm_portable_f32(bool transA, bool transB, long m, long n, long k, float alpha, const float *A, long lda,
                           const float *B, long ldb, float beta, float *C, long ldc);
void lab_gemm_portable_f64(bool transA, bool transB, long m, long n, long k, double alpha, const double *A,
                           long lda, const double *B, long ldb, double beta, double *C, long ldc);

/// The plain triple loop, kept as the reference the fast kernels are tested against.
void lab_gemm_reference_f32(bool transA, bool transB, long m, long n, long k, float alpha, const float *A, long lda,
                            const float *B, long ldb, float beta, float *C, long ldc);
void lab_gemm_reference_f64(bool transA, bool transB, long m, long n, long k, double alpha, const double *A,
                            long lda, const double *B, long ldb, double beta, double *C, long ldc);

/// Whether this CPU runs the AVX2+FMA kernels (x86-64 with both features); false elsewhere.
bool lab_cpu_has_avx2_fma(void);

/// The instruction set the fast kernels use on this CPU: "AVX2+FMA" or "portable (16-byte vectors)".
const char *lab_gemm_instruction_set(void);

/// A floating-point throughput probe: `iterations` rounds of independent fused multiply-adds on Float vectors, with
/// the instruction set of the fast kernels, enough independent chains to hide the FMA latency. Returns the number of
/// floating-point operations done (2 per multiply-add per lane); time it to get the peak FLOP/s of one core.
/// `sink` receives a value that depends on every result, so the compiler cannot drop the work.
double lab_fma_peak_probe_f32(long iterations, float *sink);

#ifdef __cplusplus
}
#endif
#endif
