/// Recurrent: the layers LSTMLab trains and the backpropagation through time that trains them.
///
/// - `LSTM` and `RNN` (tanh) over time-major batches (T*B x F), with an explicit tape (`LSTMTape`, `RNNTape`) that
///   knows its size in bytes, and full BPTT by hand (`backward`), truncated BPTT (`truncatedGradients`) and
///   checkpointed BPTT (`checkpointedGradients`).
/// - `Dense`, `softmaxCrossEntropy` (integer labels or one-hot targets, log-sum-exp).
/// - `RecurrentInitializer` (Keras and PyTorch defaults, forget-gate bias, spectral radius), `spectralRadius(of:)`.
/// The per-element work of a training step runs in the C kernels of LabKernels (reached through `RecurrentKernels` and `LossKernels` in RecurrentKernels.swift).
import LabMath

/// Namespace marker for the module (see the module comment above).
public enum RecurrentModule {}
