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
/// op(A) is m x k (A is m x k with leading dimension lda, or k x m when transA);
/// op(B) is k x n (B is k x n with leading dimension ldb, or n x k when transB); C is m x n with leading dimension ldc.
/// When beta == 0, C is overwritten and never read (NaNs in C do not leak through).
void lab_gemm_f32(bool transA, bool transB, long m, long n, long k, float alpha, const float *A, long lda,
                  const float *B, long ldb, float beta, float *C, long ldc);
void lab_gemm_f64(bool transA, bool transB, long m, long n, long k, double alpha, const double *A, long lda,
                  const double *B, long ldb, double beta, double *C, long ldc);

/// The plain triple loop, kept as the reference the fast kernels are tested against.
void lab_gemm_reference_f32(bool transA, bool transB, long m, long n, long k, float alpha, const float *A, long lda,
                            const float *B, long ldb, float beta, float *C, long ldc);
void lab_gemm_reference_f64(bool transA, bool transB, long m, long n, long k, double alpha, const double *A,
                            long lda, const double *B, long ldb, double beta, double *C, long ldc);

#ifdef __cplusplus
}
#endif
#endif
