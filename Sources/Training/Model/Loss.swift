/// The loss a model is compiled with.
///
/// - `categoricalCrossEntropy`: L = -(1/B) sum_b log p_b[y_b], the mean over the batch of minus the log probability
///   the softmax output gives the true class. Labels are class indices 0 ..< C; this is the same number as Keras's
///   `categorical_crossentropy` on one-hot labels (`to_categorical(y)`) and as `sparse_categorical_crossentropy` on
///   the indices. It is computed from the logits with log-sum-exp, never from rounded probabilities. With C classes,
///   a model that knows nothing scores log C (0.6931 for two classes).
public enum Loss: String, Sendable, Codable {
  case categoricalCrossEntropy
}
