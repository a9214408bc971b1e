import LabMath

/// Small synthetic data for the Training tests.
enum TestData {
  /// An easy task that needs memory: the class is the sign of feature 0 at the *first* step (+-1 plus a little
  /// noise); every other value is standard normal noise, so the model must carry the first step to the end.
  static func firstStepSign(count: Int, steps: Int, features: Int = 2, seed: UInt64) -> (x: [Matrix<Float>], y: [Int]) {
    var rng = SeededGenerator(seed: seed)
    var x: [Matrix<Float>] = [], y: [Int] = []
    for _ in 0..<count {
      let label = rng.nextInt(below: 2)
      var sequence: Matrix<Float> = rng.normalMatrix(rows: steps, columns: features)
      sequence[0, 0] = (label == 1 ? 1 : -1) + 0.1 * rng.normal()
      x.append(sequence)
      y.append(label)
    }
    return (x, y)
  }

  /// Pure noise with random labels (the seed article's data): nothing to learn.
  static func randomLabels(count: Int, steps: Int, features: Int, seed: UInt64) -> (x: [Matrix<Float>], y: [Int]) {
    var rng = SeededGenerator(seed: seed)
    let x: [Matrix<Float>] = (0..<count).map { _ in rng.uniformMatrix(rows: steps, columns: features, 0, 1) }
    return (x, (0..<count).map { _ in rng.nextInt(below: 2) })
  }
}
