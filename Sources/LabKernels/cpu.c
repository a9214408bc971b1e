// Which instruction set the fast kernels use: checked at run time, so one binary runs everywhere and uses AVX2+FMA
// where the CPU has it.
#include "LabKernels.h"

bool lab_cpu_has_avx2_fma(void) {
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
  return false;
#endif
}

const char *lab_gemm_instruction_set(void) {
  return lab_cpu_has_avx2_fma() ? "AVX2+FMA" : "portable (16-byte vectors)";
}
