# How much of the loss's gradient reaches k steps back (T = 100): drawn by LSTMLab from gradient-vs-distance.dat
# Redraw (writes gradient-vs-distance.png and gradient-vs-distance.svg):  gnuplot gradient-vs-distance.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' gradient-vs-distance.gp
# Each series is one block of gradient-vs-distance.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1400,600 noenhanced font "Sans,11"; set output "gradient-vs-distance.png" }
  if (format eq "svg") { set terminal svg size 1400,600 noenhanced font "Sans,11" background "white"; set output "gradient-vs-distance.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  set multiplot layout 1,2 title "How much of the loss's gradient reaches k steps back (T = 100)"
  # Panel 1: tanh RNN, U = ρ · orthogonal
  reset
  set title "tanh RNN, U = ρ · orthogonal"
  set xlabel "distance k = T - t from the loss (steps)"
  set ylabel "‖dL/dh_t‖ / ‖dL/dh_T‖"
  set grid
  set colorsequence podo
  set key bottom left opaque box
  set format x "%g"
  set logscale y 10.0
  set format y "%g"
  plot "gradient-vs-distance.dat" index 0 using 1:2 with lines linewidth 2 title "tanh RNN, ρ = 0.500", \
       "gradient-vs-distance.dat" index 1 using 1:2 with lines linewidth 2 title "tanh RNN, ρ = 0.950", \
       "gradient-vs-distance.dat" index 2 using 1:2 with lines linewidth 2 title "tanh RNN, ρ = 1.50"
  # Panel 2: LSTM, forget-gate bias b_f
  reset
  set title "LSTM, forget-gate bias b_f"
  set xlabel "distance k = T - t from the loss (steps)"
  set ylabel "‖dL/dh_t‖ / ‖dL/dh_T‖"
  set grid
  set colorsequence podo
  set key bottom left opaque box
  set format x "%g"
  set logscale y 10.0
  set format y "%g"
  plot "gradient-vs-distance.dat" index 3 using 1:2 with lines linewidth 2 title "LSTM, b_f = 0", \
       "gradient-vs-distance.dat" index 4 using 1:2 with lines linewidth 2 title "LSTM, b_f = 1.00", \
       "gradient-vs-distance.dat" index 5 using 1:2 with lines linewidth 2 title "LSTM, b_f = 3.00"
  unset multiplot
  unset output
}
