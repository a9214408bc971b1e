// Matrix products, row-major: C = alpha * op(A) * op(B) + beta * C.
// The reference is one template instantiated for float (f32) and double (f64); the fast kernels are
// gemm_template.h compiled for AVX2+FMA and for any CPU, chosen at run time (cpu.c).
#include <pthread.h>
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

// ---- Entry points: trivial cases, the split between two threads, the instruction set ---------------------------

// Products of at least this many floating-point operations (2mnk; 256 x 256 x 256 is 33.5 million) are split between
// two threads: about 0.3 ms of work or more, so that starting and joining a thread (tens of microseconds) stays
// small beside the half it saves.
#define LAB_GEMM_PARALLEL_FLOPS 3.0e7

// One part of a product: what gemm_part needs, and whether it succeeded.
#define DEFINE_GEMM_JOB(T, SUFFIX)                                                                              \
  typedef struct {                                                                                              \
    bool avx2, dot, transA, transB;                                                                             \
    long m, n, k;                                                                                               \
    T alpha, beta;                                                                                              \
    const T *A, *B;                                                                                             \
    T *C;                                                                                                       \
    long lda, ldb, ldc;                                                                                         \
    bool done;                                                                                                  \
  } gemm_job_##SUFFIX;                                                                                          \
                                                                                                                \
  static void gemm_job_run_##SUFFIX(gemm_job_##SUFFIX *j) {                                                     \
    j->done = LAB_AVX2_OR_PORTABLE(j->avx2, gemm_part_##SUFFIX, j->dot, j->transA, j->transB, j->m, j->n, j->k, \
                                   j->alpha, j->A, j->lda, j->B, j->ldb, j->beta, j->C, j->ldc);                \
  }                                                                                                             \
                                                                                                                \
  static void *gemm_job_thread_##SUFFIX(void *job) {                                                            \
    gemm_job_run_##SUFFIX((gemm_job_##SUFFIX *)job);                                                            \
    return NULL;                                                                                                \
  }

// C = alpha * op(A) * op(B) + beta * C on up to `threads` threads with the AVX2 or the portable kernels.
// With two threads, a large product is cut into two halves of C, each computed exactly as it would be alone: by
// columns (whole panels of 16) when C is wide, else by rows; the caller computes one half while a new thread computes
// the other. Empty products scale C by beta. Falls back to the reference if a packing buffer cannot be allocated.
#define DEFINE_GEMM_DRIVER(T, SUFFIX)                                                                           \
  static void gemm_driver_##SUFFIX(bool avx2, int threads, bool transA, bool transB, long m, long n, long k,    \
                                   T alpha, const T *A, long lda, const T *B, long ldb, T beta, T *C,           \
                                   long ldc) {                                                                  \
    if (m <= 0 || n <= 0) return;                                                                               \
    if (k <= 0 || alpha == 0) {                                                                                 \
      for (long i = 0; i < m; i++)                                                                              \
        for (long j = 0; j < n; j++) C[i * ldc + j] = beta == 0 ? 0 : beta * C[i * ldc + j];                    \
      return;                                                                                                   \
    }                                                                                                           \
    const bool dot = LAB_AVX2_OR_PORTABLE(avx2, uses_dot_##SUFFIX, transA, transB, m, n, k);                    \
    gemm_job_##SUFFIX whole = {avx2, dot, transA, transB, m, n, k, alpha, beta, A, B, C, lda, ldb, ldc, false}; \
    gemm_job_##SUFFIX parts[2] = {whole, whole};                                                                \
    const bool split = threads >= 2 && 2.0 * (double)m * (double)n * (double)k >= LAB_GEMM_PARALLEL_FLOPS &&    \
                       (n >= 128 || m >= 24);                                                                   \
    if (split && n >= 128) {                                                                                    \
      const long n0 = (n / 2 + 15) / 16 * 16;                                                                   \
      parts[0].n = n0;                                                                                          \
      parts[1].n = n - n0;                                                                                      \
      parts[1].B = transB ? B + n0 * ldb : B + n0;                                                              \
      parts[1].C = C + n0;                                                                                      \
    } else if (split) {                                                                                         \
      const long m0 = (m / 2 + 5) / 6 * 6;                                                                      \
      parts[0].m = m0;                                                                                          \
      parts[1].m = m - m0;                                                                                      \
      parts[1].A = transA ? A + m0 : A + m0 * lda;                                                              \
      parts[1].C = C + m0 * ldc;                                                                                \
    }                                                                                                           \
    pthread_t helper;                                                                                           \
    const bool threaded = split && pthread_create(&helper, NULL, gemm_job_thread_##SUFFIX, &parts[1]) == 0;     \
    if (split) {                                                                                                \
      gemm_job_run_##SUFFIX(&parts[0]);                                                                         \
      if (threaded) pthread_join(helper, NULL);                                                                 \
      else gemm_job_run_##SUFFIX(&parts[1]);                                                                    \
    } else {                                                                                                    \
      gemm_job_run_##SUFFIX(&parts[0]);                                                                         \
    }                                                                                                           \
    for (int p = 0; p < (split ? 2 : 1); p++)                                                                   \
      if (!parts[p].done)                                                                                       \
        lab_gemm_reference_##SUFFIX(transA, transB, parts[p].m, parts[p].n, k, alpha, parts[p].A, lda,          \
                                    parts[p].B, ldb, beta, parts[p].C, ldc);                                    \
  }

#if LAB_X86_64
#define LAB_AVX2_OR_PORTABLE(avx2, name, ...) ((avx2) ? name##_avx2(__VA_ARGS__) : name##_portable(__VA_ARGS__))
#define LAB_USE_AVX2 lab_cpu_has_avx2_fma()
#else
#define LAB_AVX2_OR_PORTABLE(avx2, name, ...) name##_portable(__VA_ARGS__)
#define LAB_USE_AVX2 false
#endif

DEFINE_GEMM_JOB(float, f32)
DEFINE_GEMM_JOB(double, f64)
DEFINE_GEMM_DRIVER(float, f32)
DEFINE_GEMM_DRIVER(double, f64)

#define DEFINE_GEMM_ENTRIES(T, SUFFIX)                                                                          \
  void lab_gemm_##SUFFIX(bool transA, bool transB, long m, long n, long k, T alpha, const T *A, long lda,        \
                         const T *B, long ldb, T beta, T *C, long ldc) {                                        \
    gemm_driver_##SUFFIX(LAB_USE_AVX2, 2, transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);        \
  }                                                                                                             \
  void lab_gemm_threads_##SUFFIX(int threads, bool transA, bool transB, long m, long n, long k, T alpha,        \
                                 const T *A, long lda, const T *B, long ldb, T beta, T *C, long ldc) {          \
    gemm_driver_##SUFFIX(LAB_USE_AVX2, threads, transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);  \
  }                                                                                                             \
  void lab_gemm_portable_##SUFFIX(bool transA, bool transB, long m, long n, long k, T alpha, const T *A,        \
                                  long lda, const T *B, long ldb, T beta, T *C, long ldc) {                     \
    gemm_driver_##SUFFIX(false, 2, transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);               \
  }

DEFINE_GEMM_ENTRIES(float, f32)
DEFINE_GEMM_ENTRIES(double, f64)
