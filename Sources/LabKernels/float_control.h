// The Float kernels' floating-point mode: flush-to-zero and denormals-are-zero from entry to exit (cpu.c says why);
// the Double kernels keep IEEE gradual underflow. Inside a macro defined for both types, write
// LAB_FLOAT_MODE_BEGIN_##SUFFIX at the top of an entry point and LAB_FLOAT_MODE_END_##SUFFIX before each return.
#ifndef LAB_FLOAT_CONTROL_H
#define LAB_FLOAT_CONTROL_H

#include "LabKernels.h"

#define LAB_FLOAT_MODE_BEGIN_f32 const unsigned labSavedFloatControl = lab_flush_subnormals();
#define LAB_FLOAT_MODE_END_f32 lab_restore_float_control(labSavedFloatControl);
#define LAB_FLOAT_MODE_BEGIN_f64
#define LAB_FLOAT_MODE_END_f64

#endif
