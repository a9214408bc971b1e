# Longest lag learned against the truncation window: drawn by LSTMLab from longest-lag.dat
# Redraw (writes longest-lag.png and longest-lag.svg):  gnuplot longest-lag.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' longest-lag.gp
# Each series is one block of longest-lag.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 950,600 noenhanced font "Sans,11"; set output "longest-lag.png" }
  if (format eq "svg") { set terminal svg size 950,600 noenhanced font "Sans,11" background "white"; set output "longest-lag.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  # Panel 1: Longest lag learned against the truncation window
  reset
  set title "Longest lag learned against the truncation window"
  set xlabel "truncation window k (steps; k ≥ 33 is full BPTT)"
  set ylabel "longest lag L learned (mean test accuracy ≥ 0.90)"
  set grid
  set colorsequence podo
  set key top left opaque box
  set logscale x 2.0
  set format x "%g"
  set format y "%g"
  plot "longest-lag.dat" index 0 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 title "measured, LSTM, b_f = 1.00", \
       "longest-lag.dat" index 1 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 title "measured, LSTM, b_f = 3.00", \
       "longest-lag.dat" index 2 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 title "longest lag tried with both marks inside the window (k ≥ L + 4)"
  unset output
}
