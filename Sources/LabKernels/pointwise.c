// Fused pointwise loops of the recurrent layers' training step, row-major. One template per loop, instantiated for
// float (f32) and double (f64). Each loop reads and writes every element once, so a time step of an LSTM costs one
// pass over its B x 4H gates in each direction besides the matrix products (see LabKernels.h for the formulas).
#include <math.h>
#include "LabKernels.h"
#include "float_control.h"
#include "threads.h"

#include <stdint.h>
#include <string.h>

// On x86-64 the gate loops are compiled three times, for the baseline (SSE2), for AVX2 with FMA and for AVX-512, and
// the loader picks the one the processor runs (GNU ifunc); elsewhere they are compiled once. Every loop is element by
// element (no sums across lanes), and the compiler fuses a * b + c written in one expression into one FMA wherever
// the instruction set has it: the AVX2 and AVX-512 clones fuse the same operations and give the same bits, while the
// baseline clone (no FMA: pre-2013 x86) rounds the product and the sum apart and differs in the last bits (checked
// by compiling this file for x86-64, x86-64-v3 and x86-64-v4: the last two agree on every output, the first does not).
#if defined(__x86_64__) && defined(__linux__) && defined(__clang__)
#define LAB_VECTOR_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define LAB_VECTOR_CLONES
#endif

// ---- Activations. Double (the gradient checks' precision) uses libm. Float (training) uses branch-free versions
// that the compiler vectorises: libm's tanhf and expf are calls it cannot vectorise, and took about a third of a
// training step's time.

// The exponential's two halves for float, shared by exp and expm1: y = n ln2 + r with |r| <= ln2/2 (ln2 split in
// two parts for an exact reduction), and e^r - 1 = r + r^2 P(r) by Cephes's degree-6 polynomial (Moshier). Returns
// e^r - 1 and sets *scale = 2^n (n in [-127, 127]; n = -127 gives 0). y must lie in [-88, 88].
static inline float lab_exp_parts_f32(float y, float *scale) {
  const float shifter = 12582912.0f;  // 1.5 * 2^23: adding it rounds to an integer in the low mantissa bits
  const float n = (y * 1.44269504088896341f + shifter) - shifter;
  float r = y - n * 0.693359375f;
  r = r - n * -2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  const int32_t bits = ((int32_t)n + 127) << 23;
  memcpy(scale, &bits, sizeof *scale);
  return p * r * r + r;
}

// exp(x) = 2^n (1 + (e^r - 1)). Relative error about 1e-7 against libm (RecurrentTests' FloatActivationTests check
// the sigmoid and tanh built on it against Double's libm over [-30, 30]); x is clamped to [-88, 88], so exp(-88) = 0 and exp(88) ~ 1.7e38 stand in for the extremes
// (sigmoid and tanh only need them to saturate).
static inline float lab_exp_f32(float x) {
  x = x < -88.0f ? -88.0f : (x > 88.0f ? 88.0f : x);
  float scale;
  const float q = lab_exp_parts_f32(x, &scale);
  return (q + 1.0f) * scale;
}

// sigmoid(x) = 1 / (1 + e^-x): e^-x overflows to the clamp for x < -88, giving 1 / 1.7e38 ~ 0.
static inline float lab_sigmoid_f32(float x) { return 1.0f / (1.0f + lab_exp_f32(-x)); }

// e^y - 1 for y <= 0 without cancellation near 0: 2^n (e^r - 1) + (2^n - 1), exact in r for n = 0 (|y| < ln2/2)
// and free of cancellation otherwise. y is clamped to -88 (the result is -1 there).
static inline float lab_expm1_nonpositive_f32(float y) {
  float scale;
  const float q = lab_exp_parts_f32(y < -88.0f ? -88.0f : y, &scale);
  return scale * q + (scale - 1.0f);
}

// tanh(x) = sign(x) (1 - e^-2|x|) / (1 + e^-2|x|) = -sign(x) m / (2 + m) with m = e^-2|x| - 1 in (-1, 0]: one
// exponential and one division, accurate near 0 because m is (no 1 - e^-2|x| cancellation).
static inline float lab_tanh_f32(float x) {
  const float a = x < 0 ? -x : x;
  const float m = lab_expm1_nonpositive_f32(-2.0f * a);
  const float t = -m / (2.0f + m);
  return x < 0 ? -t : t;
}

// The logistic sigmoid in double, 1 / (1 + exp(-x)), written so that exp never overflows.
static inline double lab_sigmoid_f64(double x) {
  if (x >= 0) return 1.0 / (1.0 + exp(-x));
  const double e = exp(x);
  return e / (1.0 + e);
}

static inline double lab_tanh_f64(double x) { return tanh(x); }

// LSTM forward, one time step. z (B x 4H, blocks i f g o) holds z - b = x_t W + h_{t-1} U and is only read; gates
// (B x 4H, another array) gets the activations i, f, g, o; c_t = f * c_{t-1} + i * g, tanhC = tanh(c_t),
// h_t = o * tanh(c_t). The rows go in blocks of LAB_FORWARD_BLOCK: first the four gates of every row of the block
// (independent across rows and units), then c, tanh(c), h of those rows. Each pass is a short chain of dependent
// operations per element, and a block's rows give the processor many such chains at once: at H = 16 a row is a single
// vector per gate, and one row at a time left the divider and the FMA units waiting (0.50 against 0.35 us per step
// at B = 8, 7.0 against 4.9 at B = 128). H = 16, 32 and 64 (the lessons' sizes) are compiled with H a constant, so
// their loops over j are unrolled. Every element takes the same operations in the same order either way: the same
// bits. The helpers take `restrict` pointers so that the compiler vectorises without run-time overlap checks.
#define LAB_FORWARD_BLOCK 8
#define DEFINE_LSTM_FORWARD(T, SUFFIX)                                                                          \
  static inline __attribute__((always_inline)) void lab_lstm_forward_gates_##SUFFIX(                          \
      long rows, long H, const T *restrict z, T *restrict a, const T *restrict bias) {                         \
    for (long r = 0; r < rows; r++) {                                                                           \
      const T *restrict zr = z + r * 4 * H;                                                                     \
      T *restrict ar = a + r * 4 * H;                                                                           \
      for (long j = 0; j < H; j++) {                                                                            \
        ar[j] = lab_sigmoid_##SUFFIX(zr[j] + bias[j]);                                                          \
        ar[H + j] = lab_sigmoid_##SUFFIX(zr[H + j] + bias[H + j]);                                              \
        ar[2 * H + j] = lab_tanh_##SUFFIX(zr[2 * H + j] + bias[2 * H + j]);                                     \
        ar[3 * H + j] = lab_sigmoid_##SUFFIX(zr[3 * H + j] + bias[3 * H + j]);                                  \
      }                                                                                                         \
    }                                                                                                           \
  }                                                                                                             \
  static inline __attribute__((always_inline)) void lab_lstm_forward_cells_##SUFFIX(                          \
      long rows, long H, const T *restrict a, const T *restrict cp, T *restrict cr, T *restrict tc,             \
      T *restrict hr) {                                                                                         \
    for (long r = 0; r < rows; r++) {                                                                           \
      const T *restrict ar = a + r * 4 * H;                                                                     \
      for (long j = 0; j < H; j++) {                                                                            \
        const long e = r * H + j;                                                                               \
        const T ct = ar[H + j] * cp[e] + ar[j] * ar[2 * H + j];                                                 \
        const T t = lab_tanh_##SUFFIX(ct);                                                                      \
        cr[e] = ct;                                                                                             \
        tc[e] = t;                                                                                              \
        hr[e] = ar[3 * H + j] * t;                                                                              \
      }                                                                                                         \
    }                                                                                                           \
  }                                                                                                             \
  static inline __attribute__((always_inline)) void lab_lstm_forward_blocks_##SUFFIX(                         \
      long B, long H, const T *z, T *gates, const T *bias, const T *cPrev, T *c, T *tanhC, T *h) {              \
    for (long r0 = 0; r0 < B; r0 += LAB_FORWARD_BLOCK) {                                                        \
      const long rows = B - r0 < LAB_FORWARD_BLOCK ? B - r0 : LAB_FORWARD_BLOCK;                               \
      lab_lstm_forward_gates_##SUFFIX(rows, H, z + r0 * 4 * H, gates + r0 * 4 * H, bias);                      \
      lab_lstm_forward_cells_##SUFFIX(rows, H, gates + r0 * 4 * H, cPrev + r0 * H, c + r0 * H, tanhC + r0 * H, \
                                      h + r0 * H);                                                              \
    }                                                                                                           \
  }                                                                                                             \
  LAB_VECTOR_CLONES void lab_lstm_forward_step_##SUFFIX(long B, long H, const T *z, T *gates, const T *bias,    \
                                                        const T *cPrev, T *c, T *tanhC, T *h) {                 \
    switch (H) {                                                                                                \
      case 16: lab_lstm_forward_blocks_##SUFFIX(B, 16, z, gates, bias, cPrev, c, tanhC, h); break;              \
      case 32: lab_lstm_forward_blocks_##SUFFIX(B, 32, z, gates, bias, cPrev, c, tanhC, h); break;              \
      case 64: lab_lstm_forward_blocks_##SUFFIX(B, 64, z, gates, bias, cPrev, c, tanhC, h); break;              \
      default: lab_lstm_forward_blocks_##SUFFIX(B, H, z, gates, bias, cPrev, c, tanhC, h);                      \
    }                                                                                                           \
  }

// LSTM backward, one time step. dh = dL/dh_t (total: direct loss gradient plus the recurrence from step t+1);
// dc holds dL/dc_t arriving from step t+1 (through c_{t+1} = f_{t+1} * c_t + ...) on entry and dL/dc_{t-1} on exit.
//   dc_t  = dc + dh * o * (1 - tanh(c_t)^2)
//   dz_i = dc_t * g * i (1 - i),  dz_f = dc_t * c_{t-1} * f (1 - f),  dz_g = dc_t * i * (1 - g^2),
//   dz_o = dh * tanh(c_t) * o (1 - o),  dc_{t-1} = dc_t * f.
#define DEFINE_LSTM_BACKWARD(T, SUFFIX)                                                                         \
  static inline __attribute__((always_inline)) void lab_lstm_backward_row_##SUFFIX(                           \
      long H, const T *restrict gi, const T *restrict gf, const T *restrict gg, const T *restrict go,           \
      const T *restrict cp, const T *restrict tc, const T *restrict dhr, T *restrict dcr, T *restrict di,       \
      T *restrict df, T *restrict dg, T *restrict dout) {                                                       \
    for (long j = 0; j < H; j++) {                                                                              \
      const T i = gi[j], f = gf[j], g = gg[j], o = go[j], t = tc[j], d = dhr[j];                                \
      const T dct = dcr[j] + d * o * ((T)1 - t * t);                                                            \
      di[j] = dct * g * i * ((T)1 - i);                                                                         \
      df[j] = dct * cp[j] * f * ((T)1 - f);                                                                     \
      dg[j] = dct * i * ((T)1 - g * g);                                                                         \
      dout[j] = d * t * o * ((T)1 - o);                                                                         \
      dcr[j] = dct * f;                                                                                         \
    }                                                                                                           \
  }                                                                                                             \
  LAB_VECTOR_CLONES void lab_lstm_backward_step_##SUFFIX(long B, long H, const T *gates, const T *cPrev,        \
                                                         const T *tanhC, const T *dh, T *dc, T *dz) {           \
    for (long r = 0; r < B; r++) {                                                                              \
      const T *g = gates + r * 4 * H;                                                                           \
      T *d = dz + r * 4 * H;                                                                                    \
      lab_lstm_backward_row_##SUFFIX(H, g, g + H, g + 2 * H, g + 3 * H, cPrev + r * H, tanhC + r * H,          \
                                     dh + r * H, dc + r * H, d, d + H, d + 2 * H, d + 3 * H);                   \
    }                                                                                                           \
  }

// tanh RNN forward, one time step: h = tanh(z + bias) with z = x_t W + h_{t-1} U (B x H each; h and z distinct).
#define DEFINE_RNN_FORWARD(T, SUFFIX)                                                                           \
  static inline __attribute__((always_inline)) void lab_rnn_forward_row_##SUFFIX(                              \
      long H, const T *restrict zr, const T *restrict bias, T *restrict hr) {                                   \
    for (long j = 0; j < H; j++) hr[j] = lab_tanh_##SUFFIX(zr[j] + bias[j]);                                    \
  }                                                                                                             \
  LAB_VECTOR_CLONES void lab_rnn_forward_step_##SUFFIX(long B, long H, const T *z, const T *bias, T *h) {       \
    for (long r = 0; r < B; r++) lab_rnn_forward_row_##SUFFIX(H, z + r * H, bias, h + r * H);                   \
  }

// Backward through y = tanh(z): dz = dy * (1 - y^2), element-wise over count values.
#define DEFINE_TANH_BACKWARD(T, SUFFIX)                                                                         \
  void lab_tanh_backward_##SUFFIX(long count, const T *y, const T *dy, T *dz) {                                 \
    LAB_FLOAT_MODE_BEGIN_##SUFFIX                                                                               \
    for (long k = 0; k < count; k++) dz[k] = dy[k] * ((T)1 - y[k] * y[k]);                                      \
    LAB_FLOAT_MODE_END_##SUFFIX                                                                                 \
  }

// out[j] = sum_r A[r][j] (the gradient of a bias broadcast over rows), summed in row order.
// (db = the column sums of dZ, T*B x 4H: a pass over megabytes, so a large one is split by columns between the
// calling thread and the helper; each column is still summed in row order.)
#define DEFINE_COLUMN_SUMS(T, SUFFIX)                                                                           \
  static void lab_column_block_sums_##SUFFIX(long rows, long columns, const T *A, T *restrict out, long j0,     \
                                             long j1) {                                                         \
    for (long j = j0; j < j1; j++) out[j] = 0;                                                                  \
    for (long r = 0; r < rows; r++) {                                                                           \
      const T *restrict a = A + r * columns;                                                                    \
      for (long j = j0; j < j1; j++) out[j] += a[j];                                                            \
    }                                                                                                           \
  }                                                                                                             \
  typedef struct { long rows, columns; const T *A; T *out; } lab_column_sums_job_##SUFFIX;                      \
  static void lab_column_sums_part_##SUFFIX(void *context, long part) {                                         \
    const lab_column_sums_job_##SUFFIX *j = context;                                                            \
    const long half = (j->columns / 2 + 7) / 8 * 8;                                                             \
    lab_column_block_sums_##SUFFIX(j->rows, j->columns, j->A, j->out, part == 0 ? 0 : half,                    \
                                   part == 0 ? half : j->columns);                                              \
  }                                                                                                             \
  void lab_column_sums_##SUFFIX(long rows, long columns, const T *A, T *out) {                                  \
    const int setting = lab_threads();                                                                          \
    const bool share = setting != 1 && columns >= 32 && rows * columns >= (1L << 18) &&                         \
                       (setting >= 2 || lab_second_core_free());                                                \
    LAB_FLOAT_MODE_BEGIN_##SUFFIX                                                                               \
    if (!share) {                                                                                               \
      lab_column_block_sums_##SUFFIX(rows, columns, A, out, 0, columns);                                        \
    } else {                                                                                                    \
      lab_column_sums_job_##SUFFIX job = {rows, columns, A, out};                                               \
      lab_run_parts(lab_column_sums_part_##SUFFIX, &job, 2, true);                                              \
    }                                                                                                           \
    LAB_FLOAT_MODE_END_##SUFFIX                                                                                 \
  }

// A[r][j] += v[j] for every row r.
#define DEFINE_ADD_ROW_VECTOR(T, SUFFIX)                                                                        \
  void lab_add_row_vector_##SUFFIX(long rows, long columns, T *A, const T *v) {                                 \
    for (long r = 0; r < rows; r++) {                                                                           \
      T *restrict a = A + r * columns;                                                                          \
      for (long j = 0; j < columns; j++) a[j] += v[j];                                                          \
    }                                                                                                           \
  }

// Softmax cross-entropy with integer labels, averaged over the B rows. For row r with m = max_j z_rj,
// log p_rj = z_rj - m - log(sum_k exp(z_rk - m)) (log-sum-exp: no overflow), loss = -(1/B) sum_r log p_r,label_r,
// grad_rj = (p_rj - [j == label_r]) / B. Labels must lie in 0..<C (checked by the caller). Returns the loss.
#define DEFINE_SOFTMAX_CE(T, SUFFIX, EXP, LOG)                                                                  \
  T lab_softmax_cross_entropy_##SUFFIX(long B, long C, const T *logits, const long *labels, T *grad) {          \
    T total = 0;                                                                                                \
    for (long r = 0; r < B; r++) {                                                                              \
      const T *restrict z = logits + r * C;                                                                     \
      T *restrict g = grad + r * C;                                                                             \
      T m = z[0];                                                                                               \
      for (long j = 1; j < C; j++) m = z[j] > m ? z[j] : m;                                                     \
      T s = 0;                                                                                                  \
      for (long j = 0; j < C; j++) {                                                                            \
        g[j] = EXP(z[j] - m);                                                                                   \
        s += g[j];                                                                                              \
      }                                                                                                         \
      const T logS = LOG(s);                                                                                    \
      total -= z[labels[r]] - m - logS;                                                                         \
      const T scale = (T)1 / (s * (T)B);                                                                        \
      for (long j = 0; j < C; j++) g[j] *= scale;                                                               \
      g[labels[r]] -= (T)1 / (T)B;                                                                              \
    }                                                                                                           \
    return total / (T)B;                                                                                        \
  }

// The same with target distributions Y (B x C, one-hot or any rows summing to 1):
// loss = -(1/B) sum_r sum_j y_rj log p_rj, grad_rj = (p_rj * sum_k y_rk - y_rj) / B.
#define DEFINE_SOFTMAX_CE_TARGETS(T, SUFFIX, EXP, LOG)                                                          \
  T lab_softmax_cross_entropy_targets_##SUFFIX(long B, long C, const T *logits, const T *targets, T *grad) {    \
    T total = 0;                                                                                                \
    for (long r = 0; r < B; r++) {                                                                              \
      const T *restrict z = logits + r * C, *restrict y = targets + r * C;                                      \
      T *restrict g = grad + r * C;                                                                             \
      T m = z[0];                                                                                               \
      for (long j = 1; j < C; j++) m = z[j] > m ? z[j] : m;                                                     \
      T s = 0;                                                                                                  \
      for (long j = 0; j < C; j++) {                                                                            \
        g[j] = EXP(z[j] - m);                                                                                   \
        s += g[j];                                                                                              \
      }                                                                                                         \
      const T logS = LOG(s);                                                                                    \
      T ySum = 0;                                                                                               \
      for (long j = 0; j < C; j++) {                                                                            \
        total -= y[j] * (z[j] - m - logS);                                                                      \
        ySum += y[j];                                                                                           \
      }                                                                                                         \
      const T scale = ySum / (s * (T)B);                                                                        \
      for (long j = 0; j < C; j++) g[j] = g[j] * scale - y[j] / (T)B;                                           \
    }                                                                                                           \
    return total / (T)B;                                                                                        \
  }

// Row-wise softmax: P_rj = exp(z_rj - m_r) / sum_k exp(z_rk - m_r).
#define DEFINE_SOFTMAX(T, SUFFIX, EXP)                                                                          \
  void lab_softmax_rows_##SUFFIX(long B, long C, const T *logits, T *probabilities) {                           \
    for (long r = 0; r < B; r++) {                                                                              \
      const T *restrict z = logits + r * C;                                                                     \
      T *restrict p = probabilities + r * C;                                                                    \
      T m = z[0];                                                                                               \
      for (long j = 1; j < C; j++) m = z[j] > m ? z[j] : m;                                                     \
      T s = 0;                                                                                                  \
      for (long j = 0; j < C; j++) {                                                                            \
        p[j] = EXP(z[j] - m);                                                                                   \
        s += p[j];                                                                                              \
      }                                                                                                         \
      const T inv = (T)1 / s;                                                                                   \
      for (long j = 0; j < C; j++) p[j] *= inv;                                                                 \
    }                                                                                                           \
  }

// out (columns x rows) = A^T (rows x columns), in tiles of 32 x 32 so both sides are read and written in cache lines.
#define DEFINE_TRANSPOSE(T, SUFFIX)                                                                             \
  void lab_transpose_##SUFFIX(long rows, long columns, const T *A, T *out) {                                    \
    for (long r0 = 0; r0 < rows; r0 += 32)                                                                      \
      for (long c0 = 0; c0 < columns; c0 += 32) {                                                               \
        const long r1 = r0 + 32 < rows ? r0 + 32 : rows, c1 = c0 + 32 < columns ? c0 + 32 : columns;           \
        for (long r = r0; r < r1; r++)                                                                          \
          for (long c = c0; c < c1; c++) out[c * rows + r] = A[r * columns + c];                                \
      }                                                                                                         \
  }

DEFINE_TRANSPOSE(float, f32)
DEFINE_TRANSPOSE(double, f64)
DEFINE_LSTM_FORWARD(float, f32)
DEFINE_LSTM_FORWARD(double, f64)
DEFINE_LSTM_BACKWARD(float, f32)
DEFINE_LSTM_BACKWARD(double, f64)
DEFINE_RNN_FORWARD(float, f32)
DEFINE_RNN_FORWARD(double, f64)
DEFINE_TANH_BACKWARD(float, f32)
DEFINE_TANH_BACKWARD(double, f64)
DEFINE_COLUMN_SUMS(float, f32)
DEFINE_COLUMN_SUMS(double, f64)
DEFINE_ADD_ROW_VECTOR(float, f32)
DEFINE_ADD_ROW_VECTOR(double, f64)
DEFINE_SOFTMAX_CE(float, f32, expf, logf)
DEFINE_SOFTMAX_CE(double, f64, exp, log)
DEFINE_SOFTMAX_CE_TARGETS(float, f32, expf, logf)
DEFINE_SOFTMAX_CE_TARGETS(double, f64, exp, log)
DEFINE_SOFTMAX(float, f32, expf)
DEFINE_SOFTMAX(double, f64, exp)

// One Adam update over n parameters, in the order of the formulas (no fused multiply-adds, so the results are the
// bits of the same formulas evaluated one operation at a time):
//   m = b1 m + (1 - b1) g,  v = b2 v + (1 - b2) g^2,  p -= alpha m / (sqrt(v) + eps)
#define DEFINE_ADAM(T, SUFFIX, SQRT)                                                                            \
  LAB_VECTOR_CLONES void lab_adam_update_##SUFFIX(long n, T *restrict p, const T *restrict g, T *restrict m,    \
                                                  T *restrict v, T alpha, T b1, T b2, T eps) {                  \
    _Pragma("STDC FP_CONTRACT OFF");                                                                            \
    const T c1 = (T)1 - b1, c2 = (T)1 - b2;                                                                     \
    for (long j = 0; j < n; j++) {                                                                              \
      const T mj = b1 * m[j] + c1 * g[j];                                                                       \
      const T vj = b2 * v[j] + c2 * g[j] * g[j];                                                                \
      m[j] = mj;                                                                                                \
      v[j] = vj;                                                                                                \
      p[j] -= alpha * mj / (SQRT(vj) + eps);                                                                    \
    }                                                                                                           \
  }

DEFINE_ADAM(float, f32, sqrtf)
DEFINE_ADAM(double, f64, sqrt)
