# Updates until the run learned the task: drawn by LSTMLab from updates-vs-lag.dat
# Redraw (writes updates-vs-lag.png and updates-vs-lag.svg):  gnuplot updates-vs-lag.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' updates-vs-lag.gp
# Each series is one block of updates-vs-lag.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1000,620 noenhanced font "Sans,11"; set output "updates-vs-lag.png" }
  if (format eq "svg") { set terminal svg size 1000,620 noenhanced font "Sans,11" background "white"; set output "updates-vs-lag.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  # Panel 1: Updates until the run learned the task
  reset
  set title "Updates until the run learned the task"
  set xlabel "lag L (steps)"
  set ylabel "updates (median over the runs that learned)"
  set grid
  set colorsequence podo
  set key top left opaque box
  set logscale x 2.0
  set format x "%g"
  set logscale y 10.0
  set format y "%g"
  plot "updates-vs-lag.dat" index 0 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 title "tanh RNN", \
       "updates-vs-lag.dat" index 1 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 title "LSTM, b_f = 1.00", \
       "updates-vs-lag.dat" index 2 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 title "LSTM, b_f = 3.00"
  unset output
}
