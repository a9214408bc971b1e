// LabKernels' use of a second core (threads.c), for the kernels' own files; LabKernels.h has the public switch.
#ifndef LAB_THREADS_H
#define LAB_THREADS_H

#include <stdbool.h>

/// Runs run(context, part) for every part in 0 ..< parts and returns when all are done: on the calling thread alone,
/// or, when `share` and LabKernels' helper thread is free, on both; the two claim parts one at a time, so a helper
/// that does not get a core soon costs nothing but the parts it has claimed.
void lab_run_parts(void (*run)(void *context, long part), void *context, long parts, bool share);

/// Whether a second core looks free for the helper: everything but the helper itself (the caller included) kept
/// fewer than cores - 1/2 cores busy over the last quarter second or so (Linux /proc/stat; elsewhere the load
/// average).
bool lab_second_core_free(void);

#endif
