import LabMath
import XCTest

@testable import Recurrent

/// An LSTM with one feature and one hidden unit (F = H = 1) over T = 2 steps, worked out by hand.
///
/// Weights (gate order i, f, g, o): W = [0.5, -0.3, 0.8, 0.2], U = [0.1, 0.4, -0.6, 0.3], b = [0.05, 1, -0.1, 0.2];
/// input x_1 = 0.7, x_2 = -1.2; initial state h_0 = 0.2, c_0 = -0.4; loss L = 1.5 h_1 + h_2.
///
/// The numbers below were computed with python3's math module from the scalar equations (no library code):
///   step t: z_k = x_t W_k + h_{t-1} U_k + b_k, i = s(z_i), f = s(z_f), g = tanh(z_g), o = s(z_o),
///           c_t = f c_{t-1} + i g, h_t = o tanh(c_t)
///   step 1: z = [0.42, 0.87, 0.34, 0.40]  ->  i = 0.603483249864726, f = 0.704745697998091, g = 0.327477394808705,
///           o = 0.598687660112452, c_1 = 0.704745698 * (-0.4) + 0.603483250 * 0.327477395 = -0.0842711567228449,
///           h_1 = 0.598687660 * tanh(-0.0842711567) = -0.0503330092384395
///   step 2: i = 0.364697435044291, f = 0.792468035287944, g = -0.773828192277337, o = 0.486228508317406,
///           c_2 = -0.348995354888100, h_2 = -0.163122017344625
///   backward by the chain rule, from dL/dh_2 = 1, dL/dc_3 = 0:
///     dc_t = dc_{t+1} f_{t+1} + dh_t o_t (1 - tanh^2 c_t)
///     dz_i = dc_t g i(1-i), dz_f = dc_t c_{t-1} f(1-f), dz_g = dc_t i (1-g^2), dz_o = dh_t tanh(c_t) o(1-o)
///     dh_{t-1} = (direct 1.5 at t-1 = 1) + sum_k dz_k U_k,  dx_t = sum_k dz_k W_k
///   giving dL/dh_1 = 1.5 + dz_2 . U = 1.426848408028123, and the gradients asserted below;
///   python3 also confirmed each against a central difference (largest difference 6e-11).
final class HandWorkedLSTMTests: XCTestCase {
  func testOneUnitLSTMOverTwoStepsMatchesTheHandComputation() throws {
    let lstm = try LSTM<Double>(
      W: Matrix([[0.5, -0.3, 0.8, 0.2]]), U: Matrix([[0.1, 0.4, -0.6, 0.3]]), b: Matrix([[0.05, 1.0, -0.1, 0.2]]))
    let x = Matrix<Double>([[0.7], [-1.2]])
    let tape = try lstm.forward(x, steps: 2, h0: Matrix([[0.2]]), c0: Matrix([[-0.4]]))
    let e = 1e-13
    XCTAssertEqual(tape.hidden[0, 0], -0.05033300923843952, accuracy: e)
    XCTAssertEqual(tape.hidden[1, 0], -0.16312201734462484, accuracy: e)
    XCTAssertEqual(tape.cellStates[1, 0], -0.08427115672284488, accuracy: e)
    XCTAssertEqual(tape.cellStates[2, 0], -0.34899535488810035, accuracy: e)
    let gates1 = [0.6034832498647263, 0.7047456979980911, 0.3274773948087053, 0.598687660112452]
    let gates2 = [0.364697435044291, 0.792468035287944, -0.7738281922773366, 0.4862285083174056]
    for k in 0..<4 {
      XCTAssertEqual(tape.gates[0, k], gates1[k], accuracy: e)
      XCTAssertEqual(tape.gates[1, k], gates2[k], accuracy: e)
    }
    XCTAssertEqual(tape.tanhCells[0, 0], -0.08407223430826256, accuracy: e)
    XCTAssertEqual(tape.tanhCells[1, 0], -0.3354842724239037, accuracy: e)
    XCTAssertEqual(1.5 * tape.hidden[0, 0] + tape.hidden[1, 0], -0.23862153120228413, accuracy: e)

    let g = lstm.backward(tape, hiddenGradient: Matrix([[1.5], [1.0]]))
    let expected: [(String, Matrix<Double>, [Double])] = [
      ("dW", g.dW, [0.1581217726322067, -0.06216433756159042, 0.3730867692736534, 0.08039403551704356]),
      ("dU", g.dU, [0.022546634558313006, -0.01951065036706896, 0.12506460368956712, -0.0015459749803089107]),
      ("db", g.db, [0.015898597842096754, -0.10503870834397339, 0.7043463465325659, -0.11262872088579731]),
      ("dX", g.dX, [0.5835542649866697, -0.0031420205135360042]),
      ("dHidden", g.dHidden, [1.426848408028123, 1.0]),
      ("dh0", g.dh0, [-0.42367045576678136]),
      ("dc0", g.dc0, [0.8387541568236142]),
    ]
    for (name, actual, values) in expected {
      XCTAssertEqual(actual.count, values.count, name)
      for (a, v) in zip(actual.scalars, values) { XCTAssertEqual(a, v, accuracy: e, name) }
    }
  }
}
