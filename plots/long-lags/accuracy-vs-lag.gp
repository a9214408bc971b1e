# Temporal order: test accuracy against the lag: drawn by LSTMLab from accuracy-vs-lag.dat
# Redraw (writes accuracy-vs-lag.png and accuracy-vs-lag.svg):  gnuplot accuracy-vs-lag.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' accuracy-vs-lag.gp
# Each series is one block of accuracy-vs-lag.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1000,620 noenhanced font "Sans,11"; set output "accuracy-vs-lag.png" }
  if (format eq "svg") { set terminal svg size 1000,620 noenhanced font "Sans,11" background "white"; set output "accuracy-vs-lag.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  # Panel 1: Temporal order: test accuracy against the lag
  reset
  set title "Temporal order: test accuracy against the lag"
  set xlabel "lag L (steps from the second mark to the answer)"
  set ylabel "test accuracy (mean ± sd over seeds)"
  set grid
  set colorsequence podo
  set key bottom left opaque box
  set logscale x 2.0
  set format x "%g"
  set format y "%g"
  set yrange [0.0:1.05]
  plot "accuracy-vs-lag.dat" index 0 using 1:2:3 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 title "tanh RNN", \
       "accuracy-vs-lag.dat" index 1 using 1:2:3 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 title "LSTM, b_f = 1.00", \
       "accuracy-vs-lag.dat" index 2 using 1:2:3 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 title "LSTM, b_f = 3.00", \
       0.25 with lines dashtype 2 linewidth 1.5 linecolor rgb "gray40" title "chance (0.25)", \
       0.9 with lines dashtype 2 linewidth 1.5 linecolor rgb "gray40" title "learned (0.90)"
  unset output
}
