// LabKernels' second thread: one helper, started on first use, that takes a share of a kernel's work (a band of a
// batch's sequences, a block of a large product) while the calling thread does the rest. A caller offers a job only
// when the helper is idle and a core looks free; both threads then claim parts one at a time until none is left.
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "LabKernels.h"
#include "threads.h"

// A job: `parts` calls of run(context, part); the caller and the helper claim parts from `next`.
typedef struct {
  void (*run)(void *context, long part);
  void *context;
  long parts;
  atomic_long next, finished;
  unsigned floatControl;  // the caller's floating-point control word (lab_float_control), which the helper adopts
} lab_job;

static pthread_once_t helperOnce = PTHREAD_ONCE_INIT;
static bool helperStarted = false;
static pthread_mutex_t helperMutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t helperWake = PTHREAD_COND_INITIALIZER;
static bool helperSleeping = false;            // guarded by helperMutex
static _Atomic(lab_job *) posted = NULL;       // the job offered to the helper, NULL when none
static atomic_bool helperBusy = false;         // a caller owns the helper (from posting until the helper lets go)
static atomic_int threadSetting = 0;           // lab_set_threads
static _Atomic(double) helperCpuSeconds = 0;   // CPU time the helper thread has used, renewed as it goes
static atomic_long helperParts = 0;            // parts the helper has run (lab_helper_parts)

static void lab_note_helper_cpu(void) {
  struct timespec t;
  if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t) == 0)
    atomic_store(&helperCpuSeconds, (double)t.tv_sec + 1e-9 * (double)t.tv_nsec);
}

// Claims and runs parts of the job until none is left; returns how many this thread ran.
static long lab_job_work(lab_job *job) {
  long ran = 0;
  for (long part; (part = atomic_fetch_add(&job->next, 1)) < job->parts; ran++) {
    job->run(job->context, part);
    atomic_fetch_add(&job->finished, 1);
  }
  return ran;
}

long lab_helper_parts(void) { return atomic_load(&helperParts); }

static inline void lab_pause(void) {
#if defined(__x86_64__)
  __builtin_ia32_pause();
#endif
}

// Waits for a job (spinning for about 50 microseconds after the last one, since the backward pass follows the
// forward pass closely, then sleeping), takes it, works on it, lets go.
static void *lab_helper_main(void *unused) {
  (void)unused;
  for (;;) {
    lab_job *job = NULL;
    for (int spin = 0; spin < 20000 && (job = atomic_load(&posted)) == NULL; spin++) lab_pause();
    if (job == NULL) {
      lab_note_helper_cpu();
      pthread_mutex_lock(&helperMutex);
      helperSleeping = true;
      while ((job = atomic_load(&posted)) == NULL) pthread_cond_wait(&helperWake, &helperMutex);
      helperSleeping = false;
      pthread_mutex_unlock(&helperMutex);
    }
    // The caller may have finished every part and withdrawn the job meanwhile; then it is not ours to touch.
    if (!atomic_compare_exchange_strong(&posted, &job, NULL)) continue;
    // The parts run under the caller's floating-point control (flush-to-zero for the Float kernels), so that a row's
    // numbers are the same bits whichever thread computes them.
    const unsigned own = lab_float_control();
    lab_restore_float_control(job->floatControl);
    const long ran = lab_job_work(job);
    lab_restore_float_control(own);
    atomic_fetch_add(&helperParts, ran);
    atomic_store(&helperBusy, false);  // the last access to the job
    lab_note_helper_cpu();
  }
  return NULL;
}

static void lab_helper_start(void) {
  pthread_attr_t attributes;
  pthread_t thread;
  if (pthread_attr_init(&attributes) != 0) return;
  helperStarted = pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED) == 0 &&
                  pthread_create(&thread, &attributes, lab_helper_main, NULL) == 0;
  pthread_attr_destroy(&attributes);
}

void lab_set_threads(int threads) { atomic_store(&threadSetting, threads < 0 ? 0 : threads); }

int lab_threads(void) { return atomic_load(&threadSetting); }

void lab_run_parts(void (*run)(void *, long), void *context, long parts, bool share) {
  lab_job job = {run, context, parts, 0, 0, lab_float_control()};
  bool expected = false;
  if (share) {
    pthread_once(&helperOnce, lab_helper_start);
    share = helperStarted && atomic_compare_exchange_strong(&helperBusy, &expected, true);
  }
  if (share) {
    atomic_store(&posted, &job);
    pthread_mutex_lock(&helperMutex);
    if (helperSleeping) pthread_cond_signal(&helperWake);
    pthread_mutex_unlock(&helperMutex);
  }
  lab_job_work(&job);
  if (!share) return;
  // A part the helper claimed and is finishing: spin a little, then give the core away (the helper may be waiting
  // for one when the machine is busier than it looked).
  for (long spins = 0; atomic_load(&job.finished) < parts; spins++) {
    if (spins < 4096) lab_pause();
    else sched_yield();
  }
  lab_job *mine = &job;
  if (atomic_compare_exchange_strong(&posted, &mine, NULL)) {
    atomic_store(&helperBusy, false);  // the helper never took it
  } else {
    while (atomic_load(&helperBusy)) sched_yield();  // it took it: wait until it no longer reads `job`
  }
}


// ---- Is a second core free? ----------------------------------------------------------------------------------

static double lab_seconds(clockid_t clock) {
  struct timespec t;
  clock_gettime(clock, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

// CPU seconds all processes have spent busy since boot (Linux /proc/stat: every state but idle and iowait), or -1.
static double lab_busy_seconds_everyone(void) {
#if defined(__linux__)
  FILE *file = fopen("/proc/stat", "r");
  if (file == NULL) return -1;
  unsigned long long v[10] = {0};
  const int read = fscanf(file, "cpu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0], &v[1], &v[2], &v[3],
                          &v[4], &v[5], &v[6], &v[7], &v[8], &v[9]);
  fclose(file);
  if (read < 5) return -1;
  unsigned long long busy = 0;
  for (int i = 0; i < 8 && i < read; i++)
    if (i != 3 && i != 4) busy += v[i];  // user nice system [idle iowait] irq softirq steal (guest is inside user)
  return (double)busy / (double)sysconf(_SC_CLK_TCK);
#else
  return -1;
#endif
}

// The answer is renewed at most every quarter second from the CPU time every process used since the last renewal,
// except the helper thread's own: the calling thread and everything else that runs (another training of this
// process, a compiler) leave a second core free when together they kept less than cores - 1/2 busy. Before the
// first window, and where /proc/stat is missing, the 1-minute load average decides the same way.
bool lab_second_core_free(void) {
  static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
  static double windowStart = -1, everyoneAtStart = 0, helperAtStart = 0;
  static atomic_bool answer = false;
  static _Atomic(double) answeredAt = -1;
  const double now = lab_seconds(CLOCK_MONOTONIC);
  if (atomic_load(&answeredAt) >= 0 && now - atomic_load(&answeredAt) < 0.25) return atomic_load(&answer);
  if (pthread_mutex_trylock(&mutex) != 0) return atomic_load(&answer);  // another thread is renewing it
  const long cores = sysconf(_SC_NPROCESSORS_ONLN);
  const double everyone = lab_busy_seconds_everyone(), helper = atomic_load(&helperCpuSeconds);
  bool free;
  if (cores < 2) {
    free = false;
  } else if (everyone >= 0 && windowStart >= 0 && now - windowStart >= 0.05) {
    const double busy = (everyone - everyoneAtStart) - (helper - helperAtStart);
    free = busy / (now - windowStart) < (double)cores - 0.5;
  } else {
    double load[1];
    free = getloadavg(load, 1) == 1 && load[0] < (double)cores - 0.5;
  }
  atomic_store(&answer, free);
  if (everyone >= 0) windowStart = now, everyoneAtStart = everyone, helperAtStart = helper;
  atomic_store(&answeredAt, now);
  pthread_mutex_unlock(&mutex);
  return free;
}
