import LSTMLab

/// Bytes as MiB with one decimal.
func mebibytes(_ bytes: Int) -> String { NumberText.fixed(Double(bytes) / 1_048_576, decimals: 1) }
