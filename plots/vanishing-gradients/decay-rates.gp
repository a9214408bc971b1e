# Decay factor per step: measured against the forward-pass estimate: drawn by LSTMLab from decay-rates.dat
# Redraw (writes decay-rates.png and decay-rates.svg):  gnuplot decay-rates.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' decay-rates.gp
# Each series is one block of decay-rates.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1000,650 noenhanced font "Sans,11"; set output "decay-rates.png" }
  if (format eq "svg") { set terminal svg size 1000,650 noenhanced font "Sans,11" background "white"; set output "decay-rates.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  # Panel 1: Decay factor per step: measured against the forward-pass estimate
  reset
  set title "Decay factor per step: measured against the forward-pass estimate"
  set xlabel "estimate from the forward pass: ρ · rms tanh'(z) (RNN) or mean forget gate f̄ (LSTM)"
  set ylabel "measured factor per step, exp(slope of ln ‖dL/dh_{T-k}‖)"
  set grid
  set colorsequence podo
  set key top left opaque box
  set format x "%g"
  set format y "%g"
  plot "decay-rates.dat" index 0 using 1:2 with lines linewidth 2 title "measured = estimate", \
       "decay-rates.dat" index 1 using 1:2 with points pointtype 7 pointsize 0.8 title "tanh RNN, ρ = 0.500, 0.950, 1.50", \
       "decay-rates.dat" index 2 using 1:2 with points pointtype 7 pointsize 0.8 title "LSTM, b_f = 0, 1.00, 3.00", \
       "decay-rates.dat" index 3 using 1:2 with points pointtype 7 pointsize 0.8 title "Pascanu's bound for the RNN: ‖U‖₂ = ρ"
  unset output
}
