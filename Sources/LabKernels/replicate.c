// The process-wide seed replicate (LabMath's SeedReplicate): one atomic word, set once by a lesson's --replicate N
// before its work starts and read by every seeded generator the lesson builds, on any thread.
#include <stdatomic.h>

#include "LabKernels.h"

static _Atomic(unsigned long long) seedReplicate = 0;

void lab_set_seed_replicate(unsigned long long replicate) { atomic_store(&seedReplicate, replicate); }

unsigned long long lab_seed_replicate(void) { return atomic_load_explicit(&seedReplicate, memory_order_relaxed); }
