import LabKernels

/// The machine's floating-point ceiling, for sanity checks of measured throughput: `iterations` rounds of independent
/// fused multiply-adds on Float vectors, with the instruction set of the fast kernels and enough independent chains
/// to hide the FMA latency. Returns the number of floating-point operations done (2 per multiply-add per lane); divide
/// by the time it took on one thread to get one core's peak FLOP/s. No code on one core does useful arithmetic faster.
public func fmaPeakProbe(iterations: Int) -> Double {
  var sink: Float = 0  // receives a value that depends on every result, so the C compiler cannot drop the work
  return lab_fma_peak_probe_f32(iterations, &sink)
}
