// LabKernels: the few loops where LSTMLab spends its time, in C so that they are compiled once, fully optimised,
// for both Float (f32) and Double (f64). Everything is row-major. Swift reaches them through one file per module, the
// only Swift files that touch raw pointers: LabMath's Kernels.swift (products, column sums, transpose, threads),
// Recurrent's RecurrentKernels.swift (the recurrences, softmax) and Optimizers' OptimizerKernels.swift (Adam).
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

/// The same product with a chosen thread use: 1 keeps it on the calling thread; 2 shares a product of 4 million
/// floating-point operations (2mnk) or more with a helper thread; 0 is what `lab_gemm_f32/f64` do: share such a
/// product only when a second core looks free (see lab_set_threads). The calling thread takes over any part the helper has
/// not started. The result is the same bits whatever the thread use and whoever computes which part.
void lab_gemm_threads_f32(int threads, bool transA, bool transB, long m, long n, long k, float alpha, const float *A,
                          long lda, const float *B, long ldb, float beta, float *C, long ldc);
void lab_gemm_threads_f64(int threads, bool transA, bool transB, long m, long n, long k, double alpha,
                          const double *A, long lda, const double *B, long ldb, double beta, double *C, long ldc);

/// A product whose right operand is packed once and used many times (the recurrent kernel U, at every time step):
/// lab_gemm_prepack packs op(B) (k x n; B^T when transB) into `packed`, which holds lab_gemm_prepacked_size(k, n)
/// scalars; lab_gemm_prepacked then computes C = alpha * A * op(B) + beta * C (A m x k, not transposed) on the
/// calling thread. The packed layout is the tile kernel's own, so the sums are those of lab_gemm_f32/f64's tile
/// kernel (in the same order).
long lab_gemm_prepacked_size_f32(long k, long n);
long lab_gemm_prepacked_size_f64(long k, long n);
void lab_gemm_prepack_f32(bool transB, long k, long n, const float *B, long ldb, float *packed);
void lab_gemm_prepack_f64(bool transB, long k, long n, const double *B, long ldb, double *packed);
void lab_gemm_prepacked_f32(long m, long n, long k, float alpha, const float *A, long lda, const float *packed,
                            float beta, float *C, long ldc);
void lab_gemm_prepacked_f64(long m, long n, long k, double alpha, const double *A, long lda, const double *packed,
                            double beta, double *C, long ldc);

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
/// Whether this CPU (and its operating system) runs the AVX-512 kernels (AVX-512F and VL besides AVX2+FMA).
bool lab_cpu_has_avx512(void);
/// The instruction set of the matrix products: 0 portable (16-byte vectors), 1 AVX2+FMA, 2 AVX-512 — the best this
/// CPU has, at most the limit set by lab_limit_instruction_set.
int lab_instruction_set(void);
/// Caps the products' instruction set (0, 1 or 2; 2, the default, lets the CPU decide): tests compare the kernels of
/// each set, benchmarks time them. Process-wide. The pointwise loops pick their own (the loader, once).
void lab_limit_instruction_set(int limit);

/// Sets flush-to-zero and denormals-are-zero on the calling thread (x86-64; elsewhere nothing) and returns the
/// previous control word; lab_restore_float_control puts it back; lab_float_control reads it. Every Float kernel
/// entry point runs this way (cpu.c says why); the Double kernels keep gradual underflow.
unsigned lab_flush_subnormals(void);
unsigned lab_float_control(void);
void lab_restore_float_control(unsigned before);

/// The instruction set the products use now: "AVX-512", "AVX2+FMA" or "portable (16-byte vectors)".
const char *lab_gemm_instruction_set(void);

/// Asks the C allocator (glibc) to keep freed memory for reuse instead of returning it to the system: blocks up to
/// 32 MiB come from the heap rather than fresh mappings, and up to 1 GiB of free heap stays mapped. Training
/// allocates and frees megabyte matrices every step; without this each step pays about one page fault per 4 KiB
/// touched (at T = 20, B = 64 about 1000 faults, a third of the step). Process-wide: call it once at the start of a
/// program that trains. Returns false (and changes nothing) where the C library is not glibc.
bool lab_keep_freed_memory(void);

/// A floating-point throughput probe: `iterations` rounds of independent fused multiply-adds on Float vectors, with
/// the instruction set of the fast kernels, enough independent chains to hide the FMA latency. Returns the number of
/// floating-point operations done (2 per multiply-add per lane); time it to get the peak FLOP/s of one core.
/// `sink` receives a value that depends on every result, so the compiler cannot drop the work.
double lab_fma_peak_probe_f32(long iterations, float *sink);

// ---- Fused pointwise loops of the recurrent layers (pointwise.c). All matrices row-major and contiguous. ----

/// LSTM forward, one time step over B rows: from z = x_t W + h_{t-1} U (B x 4H, blocks i f g o, only read) writes
/// gates = i = sigmoid(z_i + b_i), f = sigmoid(z_f + b_f), g = tanh(z_g + b_g), o = sigmoid(z_o + b_o) (B x 4H, a
/// different array); c = f * cPrev + i * g, tanhC = tanh(c), h = o * tanhC (each B x H).
void lab_lstm_forward_step_f32(long B, long H, const float *z, float *gates, const float *bias, const float *cPrev,
                               float *c, float *tanhC, float *h);
void lab_lstm_forward_step_f64(long B, long H, const double *z, double *gates, const double *bias,
                               const double *cPrev, double *c, double *tanhC, double *h);

/// LSTM backward, one time step: from dh = dL/dh_t and dc = dL/dc_t arriving from step t+1, writes
/// dz = dL/dz_t (B x 4H) and replaces dc by dL/dc_{t-1} (formulas in pointwise.c).
void lab_lstm_backward_step_f32(long B, long H, const float *gates, const float *cPrev, const float *tanhC,
                                const float *dh, float *dc, float *dz);
void lab_lstm_backward_step_f64(long B, long H, const double *gates, const double *cPrev, const double *tanhC,
                                const double *dh, double *dc, double *dz);

/// LSTM forward over all `steps` steps of a time-major batch of B rows per step (recurrence.c): x (steps*B x F),
/// W (F x 4H), U (H x 4H), bias (1 x 4H); gates (steps*B x 4H) gets the activations i f g o of
/// z_t = x_t W + h_{t-1} U + b; cells ((steps+1)*B x H) holds c_0 in its first B rows and gets c_1 .. c_T;
/// tanhC (steps*B x H) gets tanh(c_t); states ((steps+1)*B x H) holds h_0 in its first B rows and gets h_1 .. h_T.
/// The batch is shared with a helper thread when it pays (see lab_set_threads); results are the same bits either way.
void lab_lstm_forward_f32(long steps, long B, long F, long H, const float *x, const float *W, const float *U,
                          const float *bias, float *gates, float *cells, float *tanhC, float *states);
void lab_lstm_forward_f64(long steps, long B, long F, long H, const double *x, const double *W, const double *U,
                          const double *bias, double *gates, double *cells, double *tanhC, double *states);

/// LSTM backward through time over the tape of lab_lstm_forward (gates = activations, cells with c_0 first, tanhC),
/// for an input x (steps*B x F) and states (rows 0 ..< steps*B: h_0 .. h_{T-1}, the state before each step):
/// dHidden (steps*B x H) holds the loss's direct gradient dL/dh_t on entry and the total one on exit
/// (dHidden_{t-1} += dz_t U^T); dc (B x H) holds dL/dc_T from later steps on entry and dL/dc_0 on exit. U is the
/// recurrent kernel (H x 4H). dW = x^T dZ (F x 4H), dU = [h_0 .. h_{T-1}]^T dZ (H x 4H) and db = column sums of dZ
/// (1 x 4H) are accumulated inside the time loop (every step, or every chunk of about 64 rows of dz when a band of
/// the batch has fewer rows) and written (gradientBeta 0) or added to (1). dZ (steps*B x 4H) gets every dz_t when not
/// NULL; NULL keeps only a step's (or a chunk's) at a time. When `before` (B x H) is not NULL it gets dz_1 U^T (the
/// gradient of the state before the first step): written when beforeBeta is 0, added when 1.
void lab_lstm_backward_f32(long steps, long B, long F, long H, const float *gates, const float *cells,
                           const float *tanhC, const float *U, const float *x, const float *states, float *dHidden,
                           float *dc, float *dZ, float *before, float beforeBeta, float *dW, float *dU, float *db,
                           float gradientBeta);
void lab_lstm_backward_f64(long steps, long B, long F, long H, const double *gates, const double *cells,
                           const double *tanhC, const double *U, const double *x, const double *states,
                           double *dHidden, double *dc, double *dZ, double *before, double beforeBeta, double *dW,
                           double *dU, double *db, double gradientBeta);

/// How the recurrences use the cores: 0 (the default) shares a large enough batch with a helper thread when the
/// CPU time the system used lately says a second core is free; 1 never shares; 2 always shares (a recurrence of any
/// batch of 2 rows or more, a product above the size threshold; tests use it to check that sharing changes no bit).
/// Process-wide.
void lab_set_threads(int threads);
int lab_threads(void);

/// Which replicate of a lesson this process runs (LabMath's SeedReplicate): 0, the default, uses every seed as
/// written; N > 0 makes every seeded generator mix N into its seed. Process-wide, one atomic word.
void lab_set_seed_replicate(unsigned long long replicate);
unsigned long long lab_seed_replicate(void);

/// How many parts of shared work (bands of a batch, blocks of a product) the helper thread has run since the
/// program started: tests use it to check that sharing happened.
long lab_helper_parts(void);

/// tanh RNN forward, one time step: h = tanh(z + bias), z = x_t W + h_{t-1} U (B x H each, distinct arrays).
void lab_rnn_forward_step_f32(long B, long H, const float *z, const float *bias, float *h);
void lab_rnn_forward_step_f64(long B, long H, const double *z, const double *bias, double *h);

/// dz = dy * (1 - y^2) over count values (backward through y = tanh(z)).
void lab_tanh_backward_f32(long count, const float *y, const float *dy, float *dz);
void lab_tanh_backward_f64(long count, const double *y, const double *dy, double *dz);

/// out[j] = sum over rows r of A[r][j], summed in row order (a large matrix's columns are split between the calling
/// thread and the helper, which changes no bit).
void lab_column_sums_f32(long rows, long columns, const float *A, float *out);
void lab_column_sums_f64(long rows, long columns, const double *A, double *out);

/// A[r][j] += v[j] for every row r.
void lab_add_row_vector_f32(long rows, long columns, float *A, const float *v);
void lab_add_row_vector_f64(long rows, long columns, double *A, const double *v);

/// Mean softmax cross-entropy over B rows of C logits with integer labels in 0..<C (log-sum-exp); writes the
/// gradient w.r.t. the logits, (softmax - onehot) / B, and returns the loss.
float lab_softmax_cross_entropy_f32(long B, long C, const float *logits, const long *labels, float *grad);
double lab_softmax_cross_entropy_f64(long B, long C, const double *logits, const long *labels, double *grad);

/// The same with target rows Y (one-hot or distributions): loss = -(1/B) sum y log softmax(z),
/// grad = (softmax(z) * rowsum(y) - y) / B.
float lab_softmax_cross_entropy_targets_f32(long B, long C, const float *logits, const float *targets, float *grad);
double lab_softmax_cross_entropy_targets_f64(long B, long C, const double *logits, const double *targets,
                                             double *grad);

/// Row-wise softmax of B rows of C logits (max subtracted first).
void lab_softmax_rows_f32(long B, long C, const float *logits, float *probabilities);
void lab_softmax_rows_f64(long B, long C, const double *logits, double *probabilities);

/// One Adam update of n parameters p with gradients g and moments m, v (all updated in place):
/// m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2, p -= alpha m / (sqrt(v) + eps), evaluated one operation at a
/// time in that order (no fused multiply-add).
void lab_adam_update_f32(long n, float *p, const float *g, float *m, float *v, float alpha, float b1, float b2,
                         float eps);
void lab_adam_update_f64(long n, double *p, const double *g, double *m, double *v, double alpha, double b1,
                         double b2, double eps);

/// out (columns x rows) = A^T for a row-major rows x columns A.
void lab_transpose_f32(long rows, long columns, const float *A, float *out);
void lab_transpose_f64(long rows, long columns, const double *A, double *out);

/// Flushes standard output; 0 when everything written so far reached its destination, else the errno of the failure
/// (ENOSPC for `> /dev/full`, EPIPE for a closed pipe), or -1 when an earlier write failed (its errno is gone), so a
/// command can exit non-zero when its output was lost.
int lab_flush_standard_output(void);

/// Makes standard output line-buffered (before anything is written), so that output into a file or a pipe arrives a
/// line at a time, as it does on a terminal: a long benchmark run to a file keeps what it has measured.
void lab_line_buffer_standard_output(void);

#ifdef __cplusplus
}
#endif
#endif
