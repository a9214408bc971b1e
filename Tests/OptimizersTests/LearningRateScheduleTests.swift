import Foundation
import LabMath
import Optimizers
import XCTest

final class LearningRateScheduleTests: XCTestCase {
  func testConstant() {
    XCTAssertEqual(LearningRateSchedule.constant(0.3).rate(at: 0), 0.3)
    XCTAssertEqual(LearningRateSchedule.constant(0.3).rate(at: 1000), 0.3)
  }

  func testStepDecayHalvesEveryTenUpdates() {
    let s = LearningRateSchedule.stepDecay(initial: 1, factor: 0.5, every: 10)
    XCTAssertEqual([0, 9, 10, 19, 20, 25, 30].map { s.rate(at: $0) }, [1, 1, 0.5, 0.5, 0.25, 0.25, 0.125])
  }

  func testCosineStartsAtInitialPassesTheMidpointAndStaysAtFinal() {
    let s = LearningRateSchedule.cosine(initial: 1, final: 0.2, steps: 100)
    XCTAssertEqual(s.rate(at: 0), 1, accuracy: 1e-15)
    XCTAssertEqual(s.rate(at: 50), 0.6, accuracy: 1e-15)  // cos(pi/2) = 0: halfway between 1 and 0.2
    // t = 25: 0.2 + 0.8 * (1 + cos(pi/4)) / 2 = 0.2 + 0.4 * (1 + 0.70710678...) = 0.88284271...
    XCTAssertEqual(s.rate(at: 25), 0.2 + 0.4 * (1 + 0.5.squareRoot()), accuracy: 1e-15)
    XCTAssertEqual(s.rate(at: 100), 0.2, accuracy: 1e-15)
    XCTAssertEqual(s.rate(at: 500), 0.2, accuracy: 1e-15)
  }

  func testLinearWarmupClimbsToTheInnerScheduleThenHandsOver() {
    let s = LearningRateSchedule.linearWarmup(steps: 4, then: .stepDecay(initial: 0.1, factor: 0.5, every: 2))
    let rates = (0..<8).map { s.rate(at: $0) }
    let expected = [0.025, 0.05, 0.075, 0.1, 0.1, 0.1, 0.05, 0.05]
    for (r, e) in zip(rates, expected) { XCTAssertEqual(r, e, accuracy: 1e-15) }
  }

  func testWarmupIntoCosineAndScalingCompose() {
    let s = LearningRateSchedule.linearWarmup(steps: 10, then: .cosine(initial: 1e-3, steps: 100)).scaled(by: 4)
    XCTAssertEqual(s.rate(at: 4), 4 * 1e-3 * 5 / 10, accuracy: 1e-15)
    XCTAssertEqual(s.rate(at: 60), 4 * 0.5e-3, accuracy: 1e-15)  // 50 updates into the cosine: half way
    XCTAssertEqual(s.rate(at: 110), 0, accuracy: 1e-15)
  }

  func testOptimiserFollowsItsScheduleAtEachUpdate() throws {
    // p <- p - lr_t * g with g = 1 and lr_t = 1, 1, 0.5: p = 10, 9, 8, 7.5.
    var sgd = SGD<Double>(schedule: .stepDecay(initial: 1, factor: 0.5, every: 2))
    var p = [Matrix<Double>([[10]])]
    var trace: [Double] = []
    for _ in 0..<3 {
      try sgd.update(&p, gradients: [Matrix([[1]])])
      trace.append(p[0][0, 0])
    }
    XCTAssertEqual(trace, [9, 8, 7.5])
    sgd.learningRate = 2  // replaces the schedule by a constant
    try sgd.update(&p, gradients: [Matrix([[1]])])
    XCTAssertEqual(p[0][0, 0], 5.5)
  }

  func testBatchSizeScalingRules() throws {
    XCTAssertEqual(try BatchSizeScaling.linear.learningRate(1e-3, tunedAt: 32, for: 128), 4e-3, accuracy: 1e-18)
    XCTAssertEqual(try BatchSizeScaling.squareRoot.learningRate(1e-3, tunedAt: 32, for: 128), 2e-3, accuracy: 1e-18)
    XCTAssertEqual(try BatchSizeScaling.linear.factor(from: 64, to: 16), 0.25)
    XCTAssertEqual(try BatchSizeScaling.squareRoot.factor(from: 64, to: 16), 0.5)
    let scaled = try BatchSizeScaling.squareRoot.schedule(.constant(0.01), tunedAt: 8, for: 32)
    XCTAssertEqual(scaled.rate(at: 7), 0.02, accuracy: 1e-15)
    XCTAssertThrowsError(try BatchSizeScaling.linear.factor(from: 0, to: 8))
  }
}
