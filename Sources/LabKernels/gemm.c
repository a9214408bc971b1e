// Matrix products, row-major: C = alpha * op(A) * op(B) + beta * C.
// The reference is one template instantiated for float (f32) and double (f64); the fast kernels are
// gemm_template.h compiled for AVX2+FMA and for any CPU, chosen at run time (cpu.c).
#include <stdlib.h>

#include "LabKernels.h"

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define LAB_X86_64 1
#else
#define LAB_X86_64 0
#endif

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

DEFINE_GEMM_REFERENCE(float, f32)
DEFINE_GEMM_REFERENCE(double, f64)

// ---- The fast kernels, one instantiation of gemm_template.h per (type, instruction set) -------------------------

typedef float lab_f32x4 __attribute__((vector_size(16)));
typedef double lab_f64x2 __attribute__((vector_size(16)));

// Portable: 16-byte vectors (SSE2 on x86-64, NEON on arm64), a 6 x 8 (f32) or 6 x 4 (f64) register tile.
#define GT float
#define GV lab_f32x4
#define GVL 4
#define GMR 6
#define GNV 2
#define GNAME(x) x##_f32_portable
#define GATTR
#define GDOT_M 32
#define GDOT_N 8
#define GDIRECT_M 12
#include "gemm_template.h"

#define GT double
#define GV lab_f64x2
#define GVL 2
#define GMR 6
#define GNV 2
#define GNAME(x) x##_f64_portable
#define GATTR
#define GDOT_M 32
#define GDOT_N 8
#define GDIRECT_M 12
#include "gemm_template.h"

#if LAB_X86_64
typedef float lab_f32x8 __attribute__((vector_size(32)));
typedef double lab_f64x4 __attribute__((vector_size(32)));

// AVX2 + FMA: 32-byte vectors, a 6 x 16 (f32) or 6 x 8 (f64) register tile: 12 accumulators, 2 rows of B, 1 broadcast.
#define GT float
#define GV lab_f32x8
#define GVL 8
#define GMR 6
#define GNV 2
#define GNAME(x) x##_f32_avx2
#define GATTR __attribute__((target("avx2,fma")))
#define GDOT_M 32
#define GDOT_N 8
#define GDIRECT_M 12
#include "gemm_template.h"

#define GT double
#define GV lab_f64x4
#define GVL 4
#define GMR 6
#define GNV 2
#define GNAME(x) x##_f64_avx2
#define GATTR __attribute__((target("avx2,fma")))
#define GDOT_M 32
#define GDOT_N 8
#define GDIRECT_M 12
#include "gemm_template.h"
#endif

// The public entry points: empty products scale C by beta; the rest go to the best kernel this CPU runs (AVX2 true)
// or to the portable one, and to the reference should the packing buffer not be allocatable.
#define DEFINE_GEMM(NAME, T, SUFFIX, AVX2)                                                                      \
  void NAME(bool transA, bool transB, long m, long n, long k, T alpha, const T *A, long lda, const T *B,         \
            long ldb, T beta, T *C, long ldc) {                                                                 \
    if (m <= 0 || n <= 0) return;                                                                               \
    if (k <= 0 || alpha == 0) {                                                                                 \
      for (long i = 0; i < m; i++)                                                                              \
        for (long j = 0; j < n; j++) C[i * ldc + j] = beta == 0 ? 0 : beta * C[i * ldc + j];                    \
      return;                                                                                                   \
    }                                                                                                           \
    const bool done =                                                                                           \
        (AVX2) ? gemm_rows_##SUFFIX##_avx2(transA, transB, 0, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc)     \
               : gemm_rows_##SUFFIX##_portable(transA, transB, 0, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc); \
    if (!done) lab_gemm_reference_##SUFFIX(transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);       \
  }

#if LAB_X86_64
DEFINE_GEMM(lab_gemm_f32, float, f32, lab_cpu_has_avx2_fma())
DEFINE_GEMM(lab_gemm_f64, double, f64, lab_cpu_has_avx2_fma())
#else
// Without x86-64 there is no AVX2 instantiation; `false ? avx2 : portable` must still name a function.
#define gemm_rows_f32_avx2 gemm_rows_f32_portable
#define gemm_rows_f64_avx2 gemm_rows_f64_portable
DEFINE_GEMM(lab_gemm_f32, float, f32, false)
DEFINE_GEMM(lab_gemm_f64, double, f64, false)
#endif
DEFINE_GEMM(lab_gemm_portable_f32, float, f32, false)
DEFINE_GEMM(lab_gemm_portable_f64, double, f64, false)
