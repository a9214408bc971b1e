# Updates until solved: median over the solved runs, bars from the fastest to the slowest (n in the legend): drawn by LSTMLab from updates-to-solve.dat
# Redraw (writes updates-to-solve.png and updates-to-solve.svg):  gnuplot updates-to-solve.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' updates-to-solve.gp
# Each series is one block of updates-to-solve.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1000,620 noenhanced font "Sans,11"; set output "updates-to-solve.png" }
  if (format eq "svg") { set terminal svg size 1000,620 noenhanced font "Sans,11" background "white"; set output "updates-to-solve.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  # Panel 1: Updates until solved: median over the solved runs, bars from the fastest to the slowest (n in the legend)
  reset
  set title "Updates until solved: median over the solved runs, bars from the fastest to the slowest (n in the legend)"
  set xlabel "lag L (steps; doubling)"
  set ylabel "updates to solve (log)"
  set grid
  set key below opaque box
  set bmargin 9
  set logscale x 2.0
  set format x "%g"
  set xrange [4.023714922773199:198.8212423977168]
  set logscale y 10.0
  set format y "%g"
  set yrange [40.450957352065636:12360.646885270022]
  plot "updates-to-solve.dat" index 0 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "tanh RNN (n = 10, 10, 8, 4, 1, 0)", \
       "updates-to-solve.dat" index 1 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#D55E00" title "LSTM, b_f = 1 (n = 10, 10, 10, 0)", \
       "updates-to-solve.dat" index 2 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#009E73" title "LSTM, b_f = 3 (n = 10, 10, 10, 10, 7, 0)", \
       "updates-to-solve.dat" index 3 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#CC79A7" title "LSTM, b_f = 5 (n = 10, 10, 10, 10, 10, 1)", \
       10000.0 with lines linewidth 1.5 dashtype (5,5) linecolor rgb "#707070" title "budget (10000 updates)"
  unset output
}
