// `import LSTMLab` gives a student everything: matrices, layers, optimisers, data sets, training, charts, notebooks,
// and numbers and tables as text (LabText).
@_exported import Datasets
@_exported import FileSafety
@_exported import Gnuplot
@_exported import LabMath
@_exported import LabText
@_exported import Notebook
@_exported import Optimizers
@_exported import Recurrent
@_exported import Training
