# Gradient reaching step 1 from a loss at step T: drawn by LSTMLab from gradient-vs-length.dat
# Redraw (writes gradient-vs-length.png and gradient-vs-length.svg):  gnuplot gradient-vs-length.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' gradient-vs-length.gp
# Each series is one block of gradient-vs-length.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1100,600 noenhanced font "Sans,11"; set output "gradient-vs-length.png" }
  if (format eq "svg") { set terminal svg size 1100,600 noenhanced font "Sans,11" background "white"; set output "gradient-vs-length.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  # Panel 1: Gradient reaching step 1 from a loss at step T
  reset
  set title "Gradient reaching step 1 from a loss at step T"
  set xlabel "sequence length T (steps)"
  set ylabel "‖dL/dh_1‖ / ‖dL/dh_T‖"
  set grid
  set key outside right top opaque box
  set format x "%g"
  set xrange [-9.600000000000001:519.6]
  set logscale y 10.0
  set format y "%g"
  set yrange [2.0595897459209018e-168:6.597908226246208e+16]
  plot "gradient-vs-length.dat" index 0 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "tanh RNN, ρ = 0.500", \
       "gradient-vs-length.dat" index 1 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#D55E00" title "tanh RNN, ρ = 0.950", \
       "gradient-vs-length.dat" index 2 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#009E73" title "tanh RNN, ρ = 1.50", \
       "gradient-vs-length.dat" index 3 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#CC79A7" title "LSTM, b_f = 0", \
       "gradient-vs-length.dat" index 4 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#56B4E9" title "LSTM, b_f = 1.00", \
       "gradient-vs-length.dat" index 5 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#E69F00" title "LSTM, b_f = 3.00"
  unset output
}
