import LabMath
import Optimizers
import Recurrent

/// How long a run may train and when it counts as solved: the budget of a "can this model learn this task?"
/// experiment, where a run that never finds the task must not run forever and a run that does must stop early.
///
/// Every `checkEvery` updates the run measures its accuracy on a fixed held-out batch; it is *solved* at the first
/// check where that accuracy is at least `solvedAccuracy`, and stops there. A run that is not solved stops after
/// `maximumUpdates`. Because the learning rate does not depend on the budget, one run answers every smaller budget
/// too: the run solves the task within b updates exactly when it was solved at a check u <= b
/// (``BudgetedRun/solved(within:)``).
public struct TrainingBudget: Sendable, Equatable, CustomStringConvertible {
  /// The most updates a run may take.
  public var maximumUpdates: Int
  /// Updates between two checks on the held-out batch (the resolution of "updates to solve").
  public var checkEvery: Int
  /// Held-out accuracy at which a run is solved and stops.
  public var solvedAccuracy: Double

  public init(maximumUpdates: Int, checkEvery: Int, solvedAccuracy: Double) {
    precondition(maximumUpdates >= 1 && checkEvery >= 1, "TrainingBudget: maximumUpdates and checkEvery must be positive")
    (self.maximumUpdates, self.checkEvery, self.solvedAccuracy) = (maximumUpdates, checkEvery, solvedAccuracy)
  }

  /// "at most 10000 updates, checked every 100, solved at held-out accuracy >= 0.99".
  public var description: String {
    "at most \(maximumUpdates) updates, checked every \(checkEvery), solved at held-out accuracy >= \(solvedAccuracy)"
  }
}

/// What one budgeted run did: when (if ever) it was solved, how many updates it took, and what its gradients did.
public struct BudgetedRun: Sendable, Equatable {
  /// The update at whose check the held-out accuracy first reached the solved level; nil if it never did.
  public var updatesToSolve: Int?
  /// Updates applied (`updatesToSolve`, the budget, or fewer when the loss stopped being finite).
  public var updates: Int
  /// Held-out accuracy at the last check (nan when no check ran).
  public var heldOutAccuracy: Double
  /// Fraction of updates whose gradient the clipping rule changed (global norm above the threshold).
  public var clippedFraction: Double
  /// Mean training loss over the last `checkEvery` updates (or fewer, if the run was shorter).
  public var finalTrainingLoss: Double
  /// Whether the run stopped because a loss or gradient norm was not finite.
  public var diverged: Bool

  public init(
    updatesToSolve: Int?, updates: Int, heldOutAccuracy: Double, clippedFraction: Double, finalTrainingLoss: Double,
    diverged: Bool
  ) {
    self.updatesToSolve = updatesToSolve
    self.updates = updates
    self.heldOutAccuracy = heldOutAccuracy
    self.clippedFraction = clippedFraction
    self.finalTrainingLoss = finalTrainingLoss
    self.diverged = diverged
  }

  /// Whether the run was solved at a check no later than update `budget`: what the same run would have reported
  /// with `maximumUpdates = budget` (the optimiser's schedule does not see the budget).
  public func solved(within budget: Int) -> Bool { updatesToSolve.map { $0 <= budget } ?? false }
}

/// A batch for a last-step classifier: time-major x (T*B x F), its T, one label per sequence.
public typealias ClassifierBatch<Scalar: LabScalar> = (x: Matrix<Scalar>, steps: Int, labels: [Int])

/// What one update's gradient computation returns: the gradients in the order of `LastStepClassifier.parameters`,
/// the batch's mean loss, and how many sequences the head classified right.
public typealias ClassifierGradients<Scalar: LabScalar> = (gradients: [Matrix<Scalar>], loss: Double, correct: Int)

extension LastStepClassifier {
  /// Trains this classifier on fresh batches until a held-out batch says it has solved the task, or the budget ends.
  ///
  /// Update u = 1, 2, ...: take `nextBatch(u)`, compute the gradients (`gradients`, by default full BPTT through
  /// ``lossAndGradients(_:steps:labels:)``), clip them with `clipping`, and let `optimizer` step. After every
  /// `budget.checkEvery`-th update, measure the accuracy on `heldOut`; stop when it reaches `budget.solvedAccuracy`.
  /// A non-finite loss or gradient norm stops the run as diverged (nothing is applied from that batch).
  ///
  /// Pass another `gradients` for truncated or checkpointed BPTT; it receives the classifier and one batch.
  public mutating func trainUntilSolved<O: Optimizer>(
    optimizer: inout O, clipping: GradientClipping, budget: TrainingBudget, heldOut: ClassifierBatch<Scalar>,
    nextBatch: (Int) throws -> ClassifierBatch<Scalar>,
    gradients: ((LastStepClassifier, ClassifierBatch<Scalar>) throws -> ClassifierGradients<Scalar>)? = nil
  ) throws -> BudgetedRun where O.Scalar == Scalar {
    let computeGradients = gradients ?? { net, batch in
      let pass = try net.lossAndGradients(batch.x, steps: batch.steps, labels: batch.labels)
      return (pass.parameterGradients, Double(pass.loss), pass.head.correct)
    }
    var clipped = 0, recentLosses: [Double] = []
    var heldOutAccuracy = Double.nan
    var updatesToSolve: Int? = nil, diverged = false
    var update = 0
    while update < budget.maximumUpdates {
      let batch = try nextBatch(update + 1)
      var (g, loss, _) = try computeGradients(self, batch)
      let norm = clipping.clip(&g)
      guard loss.isFinite, norm.isFinite else {
        diverged = true
        break
      }
      if case .globalNorm(let threshold) = clipping, norm > threshold { clipped += 1 }
      var parameters = self.parameters
      try optimizer.update(&parameters, gradients: g)
      self.parameters = parameters
      update += 1
      recentLosses.append(loss)
      if recentLosses.count > budget.checkEvery { recentLosses.removeFirst() }
      if update % budget.checkEvery == 0 {
        heldOutAccuracy = try accuracy(heldOut.x, steps: heldOut.steps, labels: heldOut.labels)
        if heldOutAccuracy >= budget.solvedAccuracy {
          updatesToSolve = update
          break
        }
      }
    }
    return BudgetedRun(
      updatesToSolve: updatesToSolve, updates: update, heldOutAccuracy: heldOutAccuracy,
      clippedFraction: update == 0 ? 0 : Double(clipped) / Double(update),
      finalTrainingLoss: recentLosses.isEmpty ? .nan : recentLosses.reduce(0, +) / Double(recentLosses.count),
      diverged: diverged)
  }
}
