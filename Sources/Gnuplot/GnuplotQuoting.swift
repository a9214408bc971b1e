import LabText

/// Text as a gnuplot string literal: `"` ... `"` with backslash escapes, so quotes, backslashes and line breaks
/// in titles, labels and file names cannot end the string early or inject commands.
///
/// Inside double quotes gnuplot understands `\\`, `\"`, `\n` and `\t`; other control characters are dropped
/// (`Quoting.stringLiteral` in LabText does the work). Terminals run with `noenhanced` text, so `_`, `^`, `@`, `{`
/// and `}` print as themselves (`x_t` stays `x_t`).
package func gnuplotQuoted(_ text: String) -> String {
  Quoting.stringLiteral(text, otherControlCharacters: .dropped)
}
