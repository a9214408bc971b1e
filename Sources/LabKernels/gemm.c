// Matrix products, row-major: C = alpha * op(A) * op(B) + beta * C.
// The reference is one template instantiated for float (f32) and double (f64); the fast kernels are
// gemm_template.h compiled for AVX2+FMA and for any CPU, chosen at run time (cpu.c).
#include <stdlib.h>

#include "LabKernels.h"
#include "float_control.h"
#include "threads.h"

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

// At most this many rows of C read B in place (when B is not transposed) instead of copying it into panels first.
#ifndef LAB_GEMM_DIRECT_M
#define LAB_GEMM_DIRECT_M 64
#endif

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
#define GDIRECT_M LAB_GEMM_DIRECT_M
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
#define GDIRECT_M LAB_GEMM_DIRECT_M
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
#define GDIRECT_M LAB_GEMM_DIRECT_M
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
#define GDIRECT_M LAB_GEMM_DIRECT_M
#include "gemm_template.h"

typedef float lab_f32x16 __attribute__((vector_size(64)));
typedef double lab_f64x8 __attribute__((vector_size(64)));

// AVX-512: 64-byte vectors, a 6 x 32 (f32) or 6 x 16 (f64) register tile, the same 12 accumulators in registers
// twice as wide. Each element of C is summed over p in the same order as with AVX2 (the same blocks of k, the same
// fused multiply-adds, the dot kernel's 64 bytes of lanes), so the two give the same bits (GEMMKernelTests); the
// portable kernel has no FMA on x86-64 and rounds differently. On this project's 2-core Xeon the LSTM's per-step products ran 1.7x as fast as with AVX2
// (m = 64, n = 256, k = 69: 18 against 32 microseconds).
#define GT float
#define GV lab_f32x16
#define GVL 16
#define GMR 6
#define GNV 2
#define GNAME(x) x##_f32_avx512
#define GATTR __attribute__((target("avx512f,avx512vl,avx2,fma")))
#define GDOT_M 32
#define GDOT_N 8
#define GDIRECT_M LAB_GEMM_DIRECT_M
#include "gemm_template.h"

// AVX-512, narrow: a 12 x 16 tile (one vector per row, still 12 accumulators) for the packed products with at most
// 16 columns, where the 6 x 32 tile computes 16 columns of padding: the backward's dz_t U^T at H = 16 (4H x 16), which
// took as long as a product twice as wide. Each element of C is summed over p in the same order as in the 6 x 32
// tile: the same bits, in half the time (m = 128, n = 16, k = 64).
#define GT float
#define GV lab_f32x16
#define GVL 16
#define GMR 12
#define GNV 1
#define GNAME(x) x##_f32_avx512narrow
#define GATTR __attribute__((target("avx512f,avx512vl,avx2,fma")))
#define GDOT_M 32
#define GDOT_N 8
#define GDIRECT_M LAB_GEMM_DIRECT_M
#include "gemm_template.h"

#define GT double
#define GV lab_f64x8
#define GVL 8
#define GMR 6
#define GNV 2
#define GNAME(x) x##_f64_avx512
#define GATTR __attribute__((target("avx512f,avx512vl,avx2,fma")))
#define GDOT_M 32
#define GDOT_N 8
#define GDIRECT_M LAB_GEMM_DIRECT_M
#include "gemm_template.h"
#endif

// ---- Entry points: trivial cases, sharing the work with a second thread, the instruction set -------------------

// Products of at least this many floating-point operations (2mnk; 256 x 256 x 256 is 33.5 million) are shared with
// the helper thread: about 50 microseconds of work or more on one core, so that handing a part over (a few
// microseconds with the persistent helper of threads.c) stays small beside what it takes over. In a training step
// that is dU and dW over all steps from T*B of about 1000 rows on.
#define LAB_GEMM_PARALLEL_FLOPS 4.0e6
// Such a product is cut into this many chunks of C (whole panels of columns when C is wide, else bands of rows);
// into 2 when A is transposed, because each chunk copies all of op(A) it needs (dU = Hprev^T dZ: all of it).
#define LAB_GEMM_CHUNKS 8

// A product shared between the calling thread and LabKernels' helper thread (threads.c): both claim chunks of C
// until none is left, so when the other core is busy the caller simply computes every chunk itself. The chunks are
// fixed by the shape, and each is computed exactly as it would be alone, so the result is the same bits whoever
// computes which chunk.
#define DEFINE_GEMM_SHARED(T, SUFFIX)                                                                           \
  typedef struct {                                                                                              \
    int isa; /* lab_instruction_set */                                                                          \
    bool dot, transA, transB, byColumns;                                                                  \
    long m, n, k, lda, ldb, ldc, width;                                                                         \
    T alpha, beta;                                                                                              \
    const T *A, *B;                                                                                             \
    T *C;                                                                                                       \
  } gemm_shared_##SUFFIX;                                                                                       \
                                                                                                                \
  /* C[rows or columns of chunk c]: the same product on a block of C; the reference if no buffer. */           \
  static void gemm_chunk_##SUFFIX(void *context, long c) {                                                      \
    const gemm_shared_##SUFFIX *s = context;                                                                    \
    const long start = c * s->width;                                                                            \
    const long end = start + s->width < (s->byColumns ? s->n : s->m) ? start + s->width                         \
                                                                      : (s->byColumns ? s->n : s->m);           \
    long m = s->m, n = s->n;                                                                                    \
    const T *A = s->A, *B = s->B;                                                                               \
    T *C = s->C;                                                                                                \
    if (s->byColumns) {                                                                                         \
      n = end - start;                                                                                          \
      B = s->transB ? B + start * s->ldb : B + start;                                                           \
      C = C + start;                                                                                            \
    } else {                                                                                                    \
      m = end - start;                                                                                          \
      A = s->transA ? A + start : A + start * s->lda;                                                           \
      C = C + start * s->ldc;                                                                                   \
    }                                                                                                           \
    const bool done = LAB_BY_ISA(s->isa, gemm_part_##SUFFIX, s->dot, s->transA, s->transB, m, n,     \
                                           s->k, s->alpha, A, s->lda, B, s->ldb, s->beta, C, s->ldc);           \
    if (!done)                                                                                                  \
      lab_gemm_reference_##SUFFIX(s->transA, s->transB, m, n, s->k, s->alpha, A, s->lda, B, s->ldb, s->beta,    \
                                  C, s->ldc);                                                                   \
  }                                                                                                             \
                                                                                                                \
  /* Computes the product in chunks, shared with the helper thread when it is free. */                          \
  static void gemm_shared_run_##SUFFIX(int isa,   bool dot, bool transA, bool transB, long m, long n, long k,    \
                                       T alpha, const T *A, long lda, const T *B, long ldb, T beta, T *C,       \
                                       long ldc) {                                                              \
    const bool byColumns = n >= 128;                                                                            \
    const long extent = byColumns ? n : m, quantum = byColumns ? (isa == 2 ? 32 : 16) : 6;                                        \
    const long chunks = transA && byColumns ? 2 : LAB_GEMM_CHUNKS;                                              \
    long width = (extent + chunks - 1) / chunks;                                                                \
    width = (width + quantum - 1) / quantum * quantum;                                                          \
    gemm_shared_##SUFFIX s = {isa, dot,  transA, transB, byColumns, m, n, k, lda, ldb, ldc, width, alpha, beta,  \
                              A, B, C};                                                                         \
    lab_run_parts(gemm_chunk_##SUFFIX, &s, (extent + width - 1) / width, true);                                 \
  }

// C = beta * C: an empty product (k = 0 or alpha = 0); beta 0 writes zeros without reading C.
#define DEFINE_SCALE_C(T, SUFFIX)                                                                               \
  static void scale_c_##SUFFIX(long m, long n, T beta, T *C, long ldc) {                                        \
    for (long i = 0; i < m; i++)                                                                                \
      for (long j = 0; j < n; j++) C[i * ldc + j] = beta == 0 ? 0 : beta * C[i * ldc + j];                      \
  }

DEFINE_SCALE_C(float, f32)
DEFINE_SCALE_C(double, f64)

// C = alpha * op(A) * op(B) + beta * C, shared with the helper thread when the product is large and `threads` is 2
// or more, or 0 (automatic: lab_set_threads's setting, and when that is automatic too, whether a second core looks
// free); `threads` 1 keeps it on the caller.
// Empty products scale C by beta. Falls back to the reference if a packing buffer cannot be allocated.
#define DEFINE_GEMM_DRIVER(T, SUFFIX)                                                                           \
  static void gemm_driver_body_##SUFFIX(int isa, int threads,   bool transA, bool transB, long m, long n,       \
                                        long k, T alpha, const T *A, long lda, const T *B, long ldb, T beta,    \
                                        T *C, long ldc) {                                                       \
    if (m <= 0 || n <= 0) return;                                                                               \
    if (k <= 0 || alpha == 0) {                                                                                 \
      scale_c_##SUFFIX(m, n, beta, C, ldc);                                                                     \
      return;                                                                                                   \
    }                                                                                                           \
    const bool dot = LAB_BY_ISA(isa, uses_dot_##SUFFIX, transA, transB, m, n, k);                    \
    const int use = threads != 0 ? threads : lab_threads();                                                    \
    const bool share = use != 1 && 2.0 * (double)m * (double)n * (double)k >= LAB_GEMM_PARALLEL_FLOPS &&        \
                       (n >= 128 || m >= 24) && (use >= 2 || lab_second_core_free());                           \
    if (share) {                                                                                                \
      gemm_shared_run_##SUFFIX(isa, dot,  transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);         \
      return;                                                                                                   \
    }                                                                                                           \
    const bool done = LAB_BY_ISA(isa, gemm_part_##SUFFIX, dot, transA, transB, m, n, k, alpha, A,    \
                                           lda, B, ldb, beta, C, ldc);                                          \
    if (!done) lab_gemm_reference_##SUFFIX(transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);       \
  }                                                                                                             \
  static void gemm_driver_##SUFFIX(int isa, int threads,   bool transA, bool transB, long m, long n, long k,    \
                                   T alpha, const T *A, long lda, const T *B, long ldb, T beta, T *C,           \
                                   long ldc) {                                                                  \
    LAB_FLOAT_MODE_BEGIN_##SUFFIX                                                                               \
    gemm_driver_body_##SUFFIX(isa, threads,  transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);      \
    LAB_FLOAT_MODE_END_##SUFFIX                                                                                 \
  }

// The kernels of instruction set `isa` (lab_instruction_set: 0 portable, 1 AVX2+FMA, 2 AVX-512).
#if LAB_X86_64
#define LAB_BY_ISA(isa, name, ...)                                                                                \
  ((isa) == 2 ? name##_avx512(__VA_ARGS__) : (isa) == 1 ? name##_avx2(__VA_ARGS__) : name##_portable(__VA_ARGS__))
#define LAB_ISA lab_instruction_set()
#else
#define LAB_BY_ISA(isa, name, ...) name##_portable(__VA_ARGS__)
#define LAB_ISA 0
#endif

DEFINE_GEMM_SHARED(float, f32)
DEFINE_GEMM_SHARED(double, f64)
DEFINE_GEMM_DRIVER(float, f32)
DEFINE_GEMM_DRIVER(double, f64)

#define DEFINE_GEMM_ENTRIES(T, SUFFIX)                                                                          \
  void lab_gemm_##SUFFIX(bool transA, bool transB, long m, long n, long k, T alpha, const T *A, long lda,        \
                         const T *B, long ldb, T beta, T *C, long ldc) {                                        \
    gemm_driver_##SUFFIX(LAB_ISA, 0, transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);        \
  }                                                                                                             \
  void lab_gemm_threads_##SUFFIX(int threads, bool transA, bool transB, long m, long n, long k, T alpha,        \
                                 const T *A, long lda, const T *B, long ldb, T beta, T *C, long ldc) {          \
    gemm_driver_##SUFFIX(LAB_ISA, threads, transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);  \
  }                                                                                                             \
  void lab_gemm_portable_##SUFFIX(bool transA, bool transB, long m, long n, long k, T alpha, const T *A,        \
                                  long lda, const T *B, long ldb, T beta, T *C, long ldc) {                     \
    gemm_driver_##SUFFIX(0, 0, transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);               \
  }

DEFINE_GEMM_ENTRIES(float, f32)
DEFINE_GEMM_ENTRIES(double, f64)

// ---- Products with a packed right operand (the recurrent kernel, packed once per pass) --------------------------

// The packed products of at most 16 columns take the narrow AVX-512 tile (Float only): the size, the packing and the
// product all decide it from n, so the three always agree on the layout.
#if LAB_X86_64
#define LAB_NARROW_f32(n) (LAB_ISA == 2 && (n) <= 16)
#define LAB_NARROW_CALL_f32(name, ...) name##_f32_avx512narrow(__VA_ARGS__)
#else
#define LAB_NARROW_f32(n) 0
#define LAB_NARROW_CALL_f32(name, ...) 0
#endif
#define LAB_NARROW_f64(n) 0
#define LAB_NARROW_CALL_f64(name, ...) 0

#define DEFINE_GEMM_PREPACKED(T, SUFFIX)                                                                        \
  long lab_gemm_prepacked_size_##SUFFIX(long k, long n) {                                                       \
    if (LAB_NARROW_##SUFFIX(n)) return LAB_NARROW_CALL_##SUFFIX(prepacked_size, k, n);                          \
    return LAB_BY_ISA(LAB_ISA, prepacked_size_##SUFFIX, k, n);                                   \
  }                                                                                                             \
  void lab_gemm_prepack_##SUFFIX(bool transB, long k, long n, const T *B, long ldb, T *packed) {                \
    if (k <= 0 || n <= 0) return;                                                                               \
    if (LAB_NARROW_##SUFFIX(n)) LAB_NARROW_CALL_##SUFFIX(prepack_b, transB, k, n, B, ldb, packed);              \
    else LAB_BY_ISA(LAB_ISA, prepack_b_##SUFFIX, transB, k, n, B, ldb, packed);                                 \
  }                                                                                                             \
  void lab_gemm_prepacked_##SUFFIX(long m, long n, long k, T alpha, const T *A, long lda, const T *packed,       \
                                   T beta, T *C, long ldc) {                                                    \
    if (m <= 0 || n <= 0) return;                                                                               \
    if (k <= 0 || alpha == 0) {                                                                                 \
      scale_c_##SUFFIX(m, n, beta, C, ldc);                                                                     \
      return;                                                                                                   \
    }                                                                                                           \
    LAB_FLOAT_MODE_BEGIN_##SUFFIX                                                                               \
    if (LAB_NARROW_##SUFFIX(n)) LAB_NARROW_CALL_##SUFFIX(gemm_prepacked, m, n, k, alpha, A, lda, packed, beta, C, ldc); \
    else LAB_BY_ISA(LAB_ISA, gemm_prepacked_##SUFFIX, m, n, k, alpha, A, lda, packed, beta, C, ldc);            \
    LAB_FLOAT_MODE_END_##SUFFIX                                                                                 \
  }

DEFINE_GEMM_PREPACKED(float, f32)
DEFINE_GEMM_PREPACKED(double, f64)
