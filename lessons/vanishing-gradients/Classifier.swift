import ArgumentParser
import Foundation
import LSTMLab

// The models vanishing-gradients studies and one pass through them (the per-step gradient profile).

/// A model under study: a label for the charts, its knob (ρ for the RNN, b_f for the LSTM) and the classifier.
struct Model {
  var label: String
  var isLSTM: Bool
  var knob: Double
  var classifier: Classifier
}

/// A recurrent layer with a Dense head on the last hidden state: logits = h_T V + c, loss = softmax cross-entropy.
struct Classifier {
  enum Layer {
    case rnn(RNN<Double>)
    case lstm(LSTM<Double>)
  }
  var layer: Layer
  var head: Dense<Double>

  /// What one forward and backward pass measured.
  struct Pass {
    var loss: Double
    var accuracy: Double
    /// dL/d(every parameter), in the order of `parameters`.
    var gradients: [Matrix<Double>]
    /// ‖dL/dh_t‖ over the batch for t = 1 ... T (index t - 1).
    var hiddenNorms: [Double]
    /// Per step, what the forward pass alone predicts for the gradient's factor (without ρ for the RNN):
    /// rms over batch and units of tanh'(z_t) = 1 - h_t² for the RNN, the mean forget gate f_t for the LSTM.
    var perStepEstimate: [Double]
  }

  /// The layer's [W, U, b] followed by the head's [V, c].
  var parameters: [Matrix<Double>] {
    get {
      switch layer {
      case .rnn(let rnn): return rnn.parameters + head.parameters
      case .lstm(let lstm): return lstm.parameters + head.parameters
      }
    }
    set {
      switch layer {
      case .rnn(var rnn):
        rnn.parameters = Array(newValue[0..<3])
        layer = .rnn(rnn)
      case .lstm(var lstm):
        lstm.parameters = Array(newValue[0..<3])
        layer = .lstm(lstm)
      }
      head.parameters = Array(newValue[3..<5])
    }
  }

  /// Forward over x (T*B x F, time-major), loss at the last step, full BPTT back (Recurrent's `LastStepClassifier`).
  func pass(_ x: Matrix<Double>, steps: Int, labels: [Int]) throws -> Pass {
    let B = labels.count
    switch layer {
    case .rnn(let rnn):
      let pass = try LastStepClassifier(recurrent: rnn, head: head).lossAndGradients(x, steps: steps, labels: labels)
      let slopes = (1...steps).map { t in
        let h = pass.tape.hidden(atStep: t).scalars
        return (h.reduce(0) { $0 + (1 - $1 * $1) * (1 - $1 * $1) } / Double(h.count)).squareRoot()
      }
      return Pass(
        loss: pass.loss, accuracy: pass.accuracy, gradients: pass.parameterGradients,
        hiddenNorms: pass.recurrentGradients.hiddenGradientNorms(batchSize: B), perStepEstimate: slopes)
    case .lstm(let lstm):
      let pass = try LastStepClassifier(recurrent: lstm, head: head).lossAndGradients(x, steps: steps, labels: labels)
      let H = lstm.hiddenSize
      let forget = (0..<steps).map { t in
        var sum = 0.0
        for row in t * B..<(t + 1) * B { for j in H..<2 * H { sum += pass.tape.gates[row, j] } }  // gate blocks i, f, g, o
        return sum / Double(B * H)
      }
      return Pass(
        loss: pass.loss, accuracy: pass.accuracy, gradients: pass.parameterGradients,
        hiddenNorms: pass.recurrentGradients.hiddenGradientNorms(batchSize: B), perStepEstimate: forget)
    }
  }
}

/// What experiment 1 reads off one pass: the profile relative to the last step, and the decay rates.
struct Profile {
  var model: Model
  /// ‖dL/dh_{T-k}‖ / ‖dL/dh_T‖ for k = 0 ... T-1.
  var relative: [Double]
  /// The least-squares line ln relative[k] = fitIntercept + fitSlope k over the fit range.
  var fitIntercept: Double
  var fitSlope: Double
  /// exp(fitSlope): the factor per step over the fit range.
  var measuredFactor: Double
  /// relative[first k of the fit range]: the start-up drop near the loss, before the fit begins.
  var startUpDrop: Double
  /// The forward-pass estimate over the same steps: ρ · (geometric mean of rms tanh') for the RNN, the geometric
  /// mean of the mean forget gate for the LSTM.
  var estimatedFactor: Double

  init(model: Model, pass: Classifier.Pass, fitRange: ClosedRange<Int>) {
    self.model = model
    let T = pass.hiddenNorms.count
    let relative = (0..<T).map { k in pass.hiddenNorms[T - 1 - k] / pass.hiddenNorms[T - 1] }
    self.relative = relative
    let xs = fitRange.map(Double.init), ys = fitRange.map { Double.log(relative[$0]) }
    let line = fitLine(x: xs, y: ys)
    (fitIntercept, fitSlope) = (line.intercept, line.slope)
    measuredFactor = Double.exp(line.slope)
    startUpDrop = relative[fitRange.lowerBound]
    // Step T-k carries the factor of step t = T-k (index T-1-k) on the way from h_t to h_{t-1}.
    let logEstimate = mean(fitRange.map { k in Double.log(pass.perStepEstimate[T - 1 - k]) })
    estimatedFactor = (model.isLSTM ? 1 : model.knob) * Double.exp(logEstimate)
  }
}

/// A time-major batch (T*B x 8, Double) of temporal-order sequences and their labels.
func temporalOrderBatch(
  count: Int, steps: Int, placement: MarkPlacement, using rng: inout SeededGenerator
) throws -> (x: Matrix<Double>, labels: [Int]) {
  let part = try TemporalOrderTask(placement: placement).generate(count: count, steps: steps, using: &rng)
  let batch = try part.timeMajorBatch(indices: Array(0..<count))
  return (batch.x.converted(to: Double.self), batch.labels)
}
