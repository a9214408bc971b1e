// Standard output for Swift: flushing it at exit (the command line), and line buffering (the benchmark). Swift 6 cannot read the C global `stdout` (shared mutable
// state), so the check that buffered output really reached its destination lives here.
#include <errno.h>
#include <stdio.h>

#include "LabKernels.h"

int lab_flush_standard_output(void) {
  errno = 0;
  const int flushed = fflush(stdout);
  if (flushed != 0) return errno != 0 ? errno : EIO;
  if (ferror(stdout)) return -1;  // an earlier write failed; its errno is gone
  return 0;
}

void lab_line_buffer_standard_output(void) { setvbuf(stdout, NULL, _IOLBF, 0); }
