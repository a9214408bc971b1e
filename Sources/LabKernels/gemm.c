// Matrix products, row-major: C = alpha * op(A) * op(B) + beta * C.
// One template, instantiated for float (f32) and double (f64).
#include "LabKernels.h"

#define A_AT(i, p) (transA ? A[(p) * lda + (i)] : A[(i) * lda + (p)])
#define B_AT(p, j) (transB ? B[(j) * ldb + (p)] : B[(p) * ldb + (j)])

// The reference: C[i][j] = alpha * sum_p op(A)[i][p] * op(B)[p][j] + beta * C[i][j], summed in order p = 0..k-1.
#define DEFINE_GEMM_REFERENCE(T, SUFFIX)                                                                        \
  void lab_gemm_reference_##SUFFIX(bool transA, bool transB, long m, long n, long k, T alpha, const T *A,       \
                                   long lda, const T *B, long ldb, T beta, T *C, long ldc) {                     \
    for (long i = 0; i < m; i++)                                                                                \
      for (long j = 0; j < n; j++) {                                                                            \
        T sum = 0;                                                                                              \
        for (long p = 0; p < k; p++) sum += A_AT(i, p) * B_AT(p, j);                                            \
        C[i * ldc + j] = alpha * sum + (beta == 0 ? 0 : beta * C[i * ldc + j]);                                 \
      }                                                                                                         \
  }

// The working kernel. For each row i of C: scale it by beta, then add alpha * op(A)[i][p] * op(B)[p][:] for every
// p. When op(B) rows are contiguous (B not transposed) the inner loop is a contiguous axpy that the compiler
// vectorises; with B transposed, each C[i][j] is a dot product of contiguous rows when A is not transposed.
#define DEFINE_GEMM(T, SUFFIX)                                                                                  \
  void lab_gemm_##SUFFIX(bool transA, bool transB, long m, long n, long k, T alpha, const T *A, long lda,        \
                         const T *B, long ldb, T beta, T *C, long ldc) {                                        \
    for (long i = 0; i < m; i++) {                                                                              \
      T *restrict c = C + i * ldc;                                                                              \
      if (beta == 0) {                                                                                          \
        for (long j = 0; j < n; j++) c[j] = 0;                                                                  \
      } else if (beta != 1) {                                                                                   \
        for (long j = 0; j < n; j++) c[j] *= beta;                                                              \
      }                                                                                                         \
      if (!transB) {                                                                                            \
        for (long p = 0; p < k; p++) {                                                                          \
          const T a = alpha * A_AT(i, p);                                                                       \
          const T *restrict b = B + p * ldb;                                                                    \
          for (long j = 0; j < n; j++) c[j] += a * b[j];                                                        \
        }                                                                                                       \
      } else if (!transA) {                                                                                     \
        const T *restrict a = A + i * lda;                                                                      \
        for (long j = 0; j < n; j++) {                                                                          \
          const T *restrict b = B + j * ldb;                                                                    \
          T sum = 0;                                                                                            \
          for (long p = 0; p < k; p++) sum += a[p] * b[p];                                                      \
          c[j] += alpha * sum;                                                                                  \
        }                                                                                                       \
      } else {                                                                                                  \
        for (long j = 0; j < n; j++) {                                                                          \
          T sum = 0;                                                                                            \
          for (long p = 0; p < k; p++) sum += A[p * lda + i] * B[j * ldb + p];                                  \
          c[j] += alpha * sum;                                                                                  \
        }                                                                                                       \
      }                                                                                                         \
    }                                                                                                           \
  }

DEFINE_GEMM_REFERENCE(float, f32)
DEFINE_GEMM_REFERENCE(double, f64)
DEFINE_GEMM(float, f32)
DEFINE_GEMM(double, f64)
