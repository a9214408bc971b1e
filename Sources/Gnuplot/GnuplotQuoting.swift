/// Text as a gnuplot string literal: `"` ... `"` with backslash escapes, so quotes, backslashes and line breaks
/// in titles, labels and file names cannot end the string early or inject commands.
///
/// Inside double quotes gnuplot understands `\\`, `\"`, `\n` and `\t`; other control characters are dropped.
/// Terminals run with `noenhanced` text, so `_`, `^`, `@`, `{` and `}` print as themselves (`x_t` stays `x_t`).
package func gnuplotQuoted(_ text: String) -> String {
  var result = "\""
  for scalar in text.unicodeScalars {
    switch scalar {
    case "\\": result += "\\\\"
    case "\"": result += "\\\""
    case "\n": result += "\\n"
    case "\t": result += "\\t"
    case "\r": continue
    default:
      if scalar.value < 0x20 || scalar.value == 0x7F { continue }
      result.unicodeScalars.append(scalar)
    }
  }
  return result + "\""
}
