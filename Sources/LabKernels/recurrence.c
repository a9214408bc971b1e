// The LSTM's time loops, forward and backward, over all T steps of a time-major batch (rows t*B ..< (t+1)*B of every
// matrix are step t), with the batch shared between the calling thread and a helper thread.
//
// Sequences of a batch never interact inside a layer: row b of h_t depends only on row b of h_{t-1}. So the B rows
// are cut into two bands, and each thread runs the whole recurrence over its band, T steps without ever waiting for
// the other (one hand-over per pass, not one per step). A row's numbers do not depend on its band: the product
// kernel sums each element in the same order whatever the number of rows, so results are the same bits alone or
// shared. Per step t (LabKernels.h has the shapes):
//
//   forward    z_t  = [x_t | h_{t-1}] [W; U] (+ b in the pointwise loop)   one product, then the fused loop
//   backward   dz_t = the fused loop on dL/dh_t, dc_t                 dHidden_{t-1} += dz_t U^T
//              dW += x_t^T dz_t, dU += h_{t-1}^T dz_t, db += column sums of dz_t   while dz_t is in the cache
//              (a band of fewer than 64 rows sums a few steps at a time, about 64 rows of dz per product)
//
// The parameter gradients are summed per band (each band's own sums, added band 0 + band 1 at the end): the bands
// are the same on one thread or two, so those sums are the same bits either way, and dz_t is never written out and
// read back (T*B x 4H: 262 MB at T = 1000, B = 256) unless the caller wants dZ for dx = dZ W^T.
//
// The Float loops run with subnormals flushed to zero (float_control.h; cpu.c says why), on both threads.
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "LabKernels.h"
#include "float_control.h"
#include "threads.h"

// Whether to share a recurrence: with lab_set_threads(2) always (B >= 2); automatically when each band gets at least
// 4 rows, the per-step products add up to about 4 million floating-point operations or more (a few hundred
// microseconds, against a hand-over of a few) and a second core looks free.
static bool lab_share_recurrence(long T, long B, long H) {
  const int setting = lab_threads();
  if (setting == 1 || B < 2) return false;
  if (setting >= 2) return true;  // forced: any batch of two rows or more (tests check it changes no bit)
  if (B < 8 || 2.0 * (double)T * (double)B * (double)H * (double)(4 * H) < 4e6) return false;
  return lab_second_core_free();
}

// The band of rows `part` of 2 takes: [start, end).
static inline void lab_band(long B, long part, long *start, long *end) {
  const long half = (B / 2 + 1) / 2 * 2;  // even, so that the product's row tiles split alike
  *start = part == 0 ? 0 : half;
  *end = part == 0 ? half : B;
}

// ---- The loops ------------------------------------------------------------------------------------------------

#define DEFINE_LSTM_RECURRENCE(T, SUFFIX)                                                                       \
  /* op(B) (k x n) packed for lab_gemm_prepacked, in memory the caller frees; aborts if there is none. */      \
  static T *lab_pack_##SUFFIX(bool transB, long k, long n, const T *B, long ldb) {                              \
    T *packed = aligned_alloc(64, ((size_t)lab_gemm_prepacked_size_##SUFFIX(k, n) * sizeof(T) + 63) / 64 * 64); \
    if (packed == NULL) abort();                                                                                \
    lab_gemm_prepack_##SUFFIX(transB, k, n, B, ldb, packed);                                                    \
    return packed;                                                                                              \
  }                                                                                                             \
                                                                                                                \
  typedef struct {                                                                                              \
    long steps, B, F, H;                                                                                        \
    T *gates, *cells, *tanhC, *states;                                                                          \
    const T *x, *packedWU, *bias; /* [W; U] ((F+H) x 4H) packed */                                              \
  } lab_lstm_forward_job_##SUFFIX;                                                                              \
                                                                                                                \
  static void lab_lstm_forward_rows_##SUFFIX(const lab_lstm_forward_job_##SUFFIX *j, long r0, long r1) {      \
    const long B = j->B, F = j->F, H = j->H, G = 4 * H, K = F + H, rows = r1 - r0;                             \
    if (rows <= 0) return;                                                                                      \
    /* [x_t | h_{t-1}] of the band (rows x (F + H)), then z_t (rows x 4H): small, so they stay in the L1 cache */ \
    T *xh = malloc((size_t)(rows * (K + G)) * sizeof(T)), *z = xh + rows * K;                                   \
    if (xh == NULL) abort();                                                                                    \
    for (long t = 0; t < j->steps; t++) {                                                                       \
      const long now = t * B + r0, next = (t + 1) * B + r0; /* row of step t; of h_t, c_t in the state blocks */ \
      for (long r = 0; r < rows; r++) {                                                                         \
        memcpy(xh + r * K, j->x + (now + r) * F, (size_t)F * sizeof(T));                                       \
        memcpy(xh + r * K + F, j->states + (now + r) * H, (size_t)H * sizeof(T));                               \
      }                                                                                                         \
      lab_gemm_prepacked_##SUFFIX(rows, G, K, 1, xh, K, j->packedWU, 0, z, G); /* z_t = [x_t | h] [W; U] */      \
      lab_lstm_forward_step_##SUFFIX(rows, H, z, j->gates + now * G, j->bias, j->cells + now * H,               \
                                          j->cells + next * H, j->tanhC + now * H, j->states + next * H);       \
    }                                                                                                           \
    free(xh);                                                                                                   \
  }                                                                                                             \
                                                                                                                \
  static void lab_lstm_forward_band_##SUFFIX(void *context, long part) {                                        \
    long r0, r1;                                                                                                \
    lab_band(((lab_lstm_forward_job_##SUFFIX *)context)->B, part, &r0, &r1);                                    \
    lab_lstm_forward_rows_##SUFFIX(context, r0, r1);                                                            \
  }                                                                                                             \
                                                                                                                \
  void lab_lstm_forward_##SUFFIX(long steps, long B, long F, long H, const T *x, const T *W, const T *U,        \
                                 const T *bias, T *gates, T *cells, T *tanhC, T *states) {                      \
    LAB_FLOAT_MODE_BEGIN_##SUFFIX                                                                               \
    T *stacked = malloc((size_t)((F + H) * 4 * H) * sizeof(T)); /* [W; U]: the rows of W, then those of U */   \
    if (stacked == NULL) abort();                                                                               \
    memcpy(stacked, W, (size_t)(F * 4 * H) * sizeof(T));                                                        \
    memcpy(stacked + F * 4 * H, U, (size_t)(H * 4 * H) * sizeof(T));                                            \
    T *packed = lab_pack_##SUFFIX(false, F + H, 4 * H, stacked, 4 * H);                                         \
    free(stacked);                                                                                              \
    lab_lstm_forward_job_##SUFFIX job = {steps, B, F, H, gates, cells, tanhC, states, x, packed, bias};        \
    const bool share = lab_share_recurrence(steps, B, H);                                                       \
    if (share) lab_run_parts(lab_lstm_forward_band_##SUFFIX, &job, 2, true);                                    \
    else lab_lstm_forward_rows_##SUFFIX(&job, 0, B);                                                            \
    free(packed);                                                                                               \
    LAB_FLOAT_MODE_END_##SUFFIX                                                                                 \
  }                                                                                                             \
                                                                                                                \
  typedef struct {                                                                                              \
    long steps, B, F, H;                                                                                        \
    const T *gates, *cells, *tanhC, *packedUt, *x, *states;                                                     \
    T *dHidden, *dc, *dZ, *before;                                                                              \
    T beforeBeta;                                                                                               \
    T *sums[2]; /* per band: [dW (F x 4H); dU (H x 4H); db (1 x 4H)], summed over the band's steps and rows */  \
  } lab_lstm_backward_job_##SUFFIX;                                                                             \
                                                                                                                \
  /* The band's time loop. While dz_t (rows x 4H) is still in the cache, its three parameter products are added \
     to the band's sums: dW += x_t^T dz_t, dU += h_{t-1}^T dz_t, db += column sums of dz_t, every step or every   \
     chunk of steps (few rows). dz_t also goes to dZ when the caller wants dZ (for dx = dZ W^T). */             \
  static void lab_lstm_backward_rows_##SUFFIX(const lab_lstm_backward_job_##SUFFIX *j, long part, long r0,      \
                                              long r1) {                                                        \
    const long B = j->B, F = j->F, H = j->H, G = 4 * H, K = F + H, rows = r1 - r0;                             \
    if (rows <= 0) return;                                                                                      \
    T *sumW = j->sums[part], *sumU = sumW + F * G, *sumB = sumU + H * G;                                        \
    /* A band of few rows sums `chunk` steps at a time (about 64 rows of dz per product, so that the sums' k is \
       not a handful of rows: at B = 8, a product per step read and wrote all of dU for 4 rows' worth of work);  \
       [x_t | h_{t-1}] of those steps is copied beside their dz, and one product adds [x | h]^T dz to [dW; dU]. */ \
    const long chunk = rows >= 64 ? 1 : (64 + rows - 1) / rows;                                                 \
    T *scratch = NULL, *xh = NULL;                                                                              \
    if (j->dZ == NULL || chunk > 1) {                                                                           \
      scratch = malloc((size_t)(chunk * rows * (G + K)) * sizeof(T));                                           \
      if (scratch == NULL) abort();                                                                             \
      xh = scratch + chunk * rows * G;                                                                          \
    }                                                                                                           \
    long filled = 0; /* steps of the chunk done, latest step first */                                           \
    for (long t = j->steps - 1; t >= 0; t--) {                                                                  \
      const long now = t * B + r0;                                                                              \
      T *dz = chunk > 1 ? scratch + filled * rows * G : j->dZ != NULL ? j->dZ + now * G : scratch;              \
      lab_lstm_backward_step_##SUFFIX(rows, H, j->gates + now * G, j->cells + now * H, j->tanhC + now * H,      \
                                      j->dHidden + now * H, j->dc + r0 * H, dz);                                \
      if (t > 0)                                                                                                \
        lab_gemm_prepacked_##SUFFIX(rows, H, G, 1, dz, G, j->packedUt, 1, j->dHidden + (now - B) * H, H);       \
      else if (j->before != NULL)                                                                               \
        lab_gemm_prepacked_##SUFFIX(rows, H, G, 1, dz, G, j->packedUt, j->beforeBeta, j->before + r0 * H, H);   \
      if (chunk == 1) {                                                                                         \
        lab_gemm_threads_##SUFFIX(1, true, false, F, G, rows, 1, j->x + now * F, F, dz, G, 1, sumW, G);         \
        lab_gemm_threads_##SUFFIX(1, true, false, H, G, rows, 1, j->states + now * H, H, dz, G, 1, sumU, G);    \
        for (long r = 0; r < rows; r++)                                                                         \
          for (long g = 0; g < G; g++) sumB[g] += dz[r * G + g];                                                \
        continue;                                                                                               \
      }                                                                                                         \
      if (j->dZ != NULL) memcpy(j->dZ + now * G, dz, (size_t)(rows * G) * sizeof(T));                           \
      for (long r = 0; r < rows; r++) {                                                                         \
        memcpy(xh + (filled * rows + r) * K, j->x + (now + r) * F, (size_t)F * sizeof(T));                      \
        memcpy(xh + (filled * rows + r) * K + F, j->states + (now + r) * H, (size_t)H * sizeof(T));             \
      }                                                                                                         \
      filled += 1;                                                                                              \
      if (filled < chunk && t > 0) continue;                                                                    \
      /* [dW; dU] += [x | h]^T dz over the chunk (sumW and sumU are contiguous: F + H = K rows of 4H) */         \
      const long k = filled * rows;                                                                             \
      lab_gemm_threads_##SUFFIX(1, true, false, K, G, k, 1, xh, K, scratch, G, 1, sumW, G);                     \
      for (long r = 0; r < k; r++)                                                                              \
        for (long g = 0; g < G; g++) sumB[g] += scratch[r * G + g];                                             \
      filled = 0;                                                                                               \
    }                                                                                                           \
    free(scratch);                                                                                              \
  }                                                                                                             \
                                                                                                                \
  static void lab_lstm_backward_band_##SUFFIX(void *context, long part) {                                       \
    long r0, r1;                                                                                                \
    lab_band(((lab_lstm_backward_job_##SUFFIX *)context)->B, part, &r0, &r1);                                   \
    lab_lstm_backward_rows_##SUFFIX(context, part, r0, r1);                                                     \
  }                                                                                                             \
                                                                                                                \
  void lab_lstm_backward_##SUFFIX(long steps, long B, long F, long H, const T *gates, const T *cells,           \
                                  const T *tanhC, const T *U, const T *x, const T *states, T *dHidden, T *dc, T *dZ,\
                                  T *before, T beforeBeta, T *dW, T *dU, T *db, T gradientBeta) {               \
    LAB_FLOAT_MODE_BEGIN_##SUFFIX                                                                               \
    const long G = 4 * H, size = (F + H + 1) * G;                                                               \
    T *packed = lab_pack_##SUFFIX(true, G, H, U, G); /* U^T: 4H x H */                                          \
    T *sums = calloc((size_t)(2 * size), sizeof(T));                                                            \
    if (sums == NULL) abort();                                                                                  \
    lab_lstm_backward_job_##SUFFIX job = {steps, B, F, H, gates, cells, tanhC, packed, x, states, dHidden, dc,  \
                                          dZ, before, beforeBeta, {sums, sums + size}};                         \
    /* Always the same two bands, on one thread or two, so the sums add in the same order either way. */        \
    if (lab_share_recurrence(steps, B, H)) lab_run_parts(lab_lstm_backward_band_##SUFFIX, &job, 2, true);       \
    else {                                                                                                      \
      lab_lstm_backward_band_##SUFFIX(&job, 0);                                                                 \
      lab_lstm_backward_band_##SUFFIX(&job, 1);                                                                 \
    }                                                                                                           \
    T *targets[3] = {dW, dU, db};                                                                               \
    const long sizes[3] = {F * G, H * G, G};                                                                    \
    for (long m = 0, offset = 0; m < 3; offset += sizes[m], m++)                                                \
      for (long i = 0; i < sizes[m]; i++) {                                                                     \
        const T total = sums[offset + i] + sums[size + offset + i]; /* band 0 + band 1 */                       \
        targets[m][i] = gradientBeta == 0 ? total : gradientBeta * targets[m][i] + total;                       \
      }                                                                                                         \
    free(sums);                                                                                                 \
    free(packed);                                                                                               \
    LAB_FLOAT_MODE_END_##SUFFIX                                                                                 \
  }

DEFINE_LSTM_RECURRENCE(float, f32)
DEFINE_LSTM_RECURRENCE(double, f64)
