// Which instruction set the fast kernels use: checked at run time, so one binary runs everywhere and uses AVX-512 or
// AVX2+FMA where the CPU has it.
#include <stdlib.h>

#include "LabKernels.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

bool lab_cpu_has_avx2_fma(void) {
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
  return false;
#endif
}

bool lab_cpu_has_avx512(void) {
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
  __builtin_cpu_init();  // the feature checks include the operating system's support for the 64-byte registers
  return lab_cpu_has_avx2_fma() && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl");
#else
  return false;
#endif
}

// The highest instruction set the products may use (lab_limit_instruction_set); 2 lets the CPU decide.
static _Atomic int lab_instruction_set_limit = 2;

void lab_limit_instruction_set(int limit) { lab_instruction_set_limit = limit < 0 ? 0 : (limit > 2 ? 2 : limit); }

int lab_instruction_set(void) {
  static _Atomic int detected = -1;  // the CPU's best, found once
  int best = detected;
  if (best < 0) {
    best = lab_cpu_has_avx512() ? 2 : lab_cpu_has_avx2_fma() ? 1 : 0;
    detected = best;
  }
  const int limit = lab_instruction_set_limit;
  return best < limit ? best : limit;
}

const char *lab_gemm_instruction_set(void) {
  switch (lab_instruction_set()) {
  case 2: return "AVX-512";
  case 1: return "AVX2+FMA";
  default: return "portable (16-byte vectors)";
  }
}

// glibc serves allocations above its mmap threshold (128 KiB at first, raised as large blocks are freed) with fresh
// mappings, and returns freed memory at the top of the heap beyond its trim threshold to the system. A training step
// allocates several T*B-row matrices (the tape, dZ: megabytes) and frees them at the end, so every step would map
// or grow, touch page by page (one page fault per 4 KiB, about 1000 per step at T = 20, B = 64) and give back the
// same memory. Keeping it cuts that to nothing after the first step.
//
// The mmap threshold cannot go above 32 MiB, so a tape larger than that (T*B above about 32,000 sequence-steps at
// H = 64) was still mapped afresh every step: page faults and the kernel's zero-filling were a fifth of an LSTM
// forward + backward at T = 1000, B = 256, and the forward pass alone took 3.5x as long (lstmlab-bench --profile-lstm
// 1000,256 --threads 1, alternating runs: 3.48 and 3.72 s against 2.02 and 2.17 s with no mappings). So large blocks
// come from the heap too (M_MMAP_MAX 0), where a step's freed tape is reused by the next.
bool lab_keep_freed_memory(void) {
#if defined(__GLIBC__)
  const int mmapThreshold = 32 << 20;  // glibc's largest allowed value on 64-bit systems
  const int trimThreshold = 1 << 30, topPad = 64 << 20;
  return mallopt(M_MMAP_THRESHOLD, mmapThreshold) == 1 && mallopt(M_TRIM_THRESHOLD, trimThreshold) == 1 &&
         mallopt(M_TOP_PAD, topPad) == 1 && mallopt(M_MMAP_MAX, 0) == 1;
#else
  return false;
#endif
}

// Subnormal numbers (below the smallest normal, 1.2e-38 in Float) cost x86 cores a microcode assist of a hundred
// cycles or more per instruction that meets one. Over a long sequence the backpropagated gradient decays through that
// range (an LSTM keeping 0.86 per step is there after about 570 steps), and backward passes at T = 600, B = 256 took
// 14 times as long as with the subnormals flushed (lstmlab-bench --profile-lstm 600,256 --threads 1: 23.2 s against
// 1.70 s). So the Float kernels run with flush-to-zero (results below the smallest normal become 0) and
// denormals-are-zero (such inputs read as 0), as GPUs do; the Double kernels keep IEEE gradual underflow (gradient
// checks, the vanishing-gradients lesson's tiny norms). The mode is per thread: set on entry, restored on exit.
// Elsewhere than x86-64 these do nothing.
unsigned lab_flush_subnormals(void) {
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
  const unsigned before = __builtin_ia32_stmxcsr();
  __builtin_ia32_ldmxcsr(before | 0x8040u);  // FTZ (bit 15) | DAZ (bit 6)
  return before;
#else
  return 0;
#endif
}

unsigned lab_float_control(void) {
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
  return __builtin_ia32_stmxcsr();
#else
  return 0;
#endif
}

void lab_restore_float_control(unsigned before) {
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
  __builtin_ia32_ldmxcsr(before);
#else
  (void)before;
#endif
}
