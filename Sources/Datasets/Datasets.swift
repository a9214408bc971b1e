/// The Datasets module of LSTMLab: the data every lesson trains on.
///
/// - Containers: `LabeledSequences` (one part: sequences T_i x F, labels, class names) and `Dataset` (train + test),
///   `timeMajorBatch(indices:)` turns chosen sequences into the T*B x F time-major matrix of the Recurrent layers.
/// - Files: `TSReader` (UEA/UCR `.ts`), `UCRTSVReader` (UCR `.tsv`), `Dataset.named("GunPoint")` for the sets in
///   data/, `Dataset.load(path:)` for any file, `DataDirectory` to find data/, `MarketData` for the S&P 500 and VIX
///   CSV files.
/// - Synthetic tasks with the sequence length T as a parameter (`SequenceTask`): `RandomLabelsTask` (the seed
///   article's noise), `VolatilityRegimeTask` (GARCH(1,1) returns), `TemporalOrderTask` (Hochreiter and Schmidhuber
///   task 6a), `AddingProblemTask` (the adding problem as a classification); on real data, `MarketVolatilityTask`
///   (S&P 500 windows labelled by realised volatility, split in time order).
/// - Preprocessing: `Normalizer` (per-channel z-score fitted on train), `resampled(to:)` (linear interpolation to a
///   fixed T), `paddedTimeMajorBatch` (padding with a mask), `interpolatingMissingValues()`.
/// - Splits: `StratifiedKFold`, `stratifiedSplit`, `forwardChainingSplits` (windows of one series), `minibatches`.
public enum DatasetsModule {}
