// The FMA throughput probe behind the benchmark's "peak": the most floating-point operations per second one core
// does with the instruction set of the fast kernels, measured rather than taken from a data sheet.
#include "LabKernels.h"

// CHAINS independent accumulators: acc = acc * m + a per round. Each is a dependency chain, so CHAINS must be at
// least (FMA latency x FMA units), 4 x 2 = 8 on current x86 cores; 12 leaves margin and fits 16 registers.
#define CHAINS 12

#define DEFINE_PROBE(NAME, V, LANES, ATTR)                                                                      \
  static ATTR double NAME(long iterations, float *sink) {                                                      \
    V acc[CHAINS];                                                                                              \
    const V m = (V){0} + 0.999999f, a = (V){0} + 1e-7f;                                                         \
    for (int c = 0; c < CHAINS; c++) acc[c] = (V){0} + (float)c;                                                \
    for (long it = 0; it < iterations; it++)                                                                    \
      for (int c = 0; c < CHAINS; c++) acc[c] = acc[c] * m + a;                                                 \
    float s = 0;                                                                                                \
    for (int c = 0; c < CHAINS; c++)                                                                            \
      for (int l = 0; l < LANES; l++) s += acc[c][l];                                                           \
    *sink = s;                                                                                                  \
    return 2.0 * LANES * CHAINS * (double)iterations;                                                           \
  }

typedef float probe_f32x4 __attribute__((vector_size(16)));
DEFINE_PROBE(probe_portable, probe_f32x4, 4, )

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
typedef float probe_f32x8 __attribute__((vector_size(32)));
DEFINE_PROBE(probe_avx2, probe_f32x8, 8, __attribute__((target("avx2,fma"))))
typedef float probe_f32x16 __attribute__((vector_size(64)));
DEFINE_PROBE(probe_avx512, probe_f32x16, 16, __attribute__((target("avx512f,avx2,fma"))))
#endif

double lab_fma_peak_probe_f32(long iterations, float *sink) {
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
  switch (lab_instruction_set()) {
  case 2: return probe_avx512(iterations, sink);
  case 1: return probe_avx2(iterations, sink);
  default: break;
  }
#endif
  return probe_portable(iterations, sink);
}
