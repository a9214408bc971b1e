# How much of the loss's gradient reaches k steps back (T = 200): drawn by LSTMLab from gradient-vs-distance.dat
# Redraw (writes gradient-vs-distance.png and gradient-vs-distance.svg):  gnuplot gradient-vs-distance.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' gradient-vs-distance.gp
# Each series is one block of gradient-vs-distance.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1500,650 noenhanced font "Sans,11"; set output "gradient-vs-distance.png" }
  if (format eq "svg") { set terminal svg size 1500,650 noenhanced font "Sans,11" background "white"; set output "gradient-vs-distance.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  set multiplot layout 1,2 title "How much of the loss's gradient reaches k steps back (T = 200)"
  # Panel 1: tanh RNN, U = ρ · orthogonal (seed 1; fit over k = 10 ... 100, dash-dot)
  reset
  set title "tanh RNN, U = ρ · orthogonal (seed 1; fit over k = 10 ... 100, dash-dot)"
  set xlabel "distance k = T - t from the loss (steps)"
  set ylabel "‖dL/dh_t‖ / ‖dL/dh_T‖"
  set grid
  set key bottom left opaque box
  set format x "%g"
  set xrange [-7.96:206.96]
  set logscale y 10.0
  set format y "%g"
  set yrange [6.653723195873889e-68:13859724.471848683]
  plot "gradient-vs-distance.dat" index 0 using 1:2 with lines linewidth 2 linecolor rgb "#0072B2" title "tanh RNN, ρ = 0.500", \
       "gradient-vs-distance.dat" index 1 using 1:2 with lines linewidth 1.5 dashtype (14,5,3,5) linecolor rgb "#202020" title "fit: 0.474 per step", \
       "gradient-vs-distance.dat" index 2 using 1:2 with lines linewidth 2 linecolor rgb "#D55E00" title "tanh RNN, ρ = 0.950", \
       "gradient-vs-distance.dat" index 3 using 1:2 with lines linewidth 1.5 dashtype (14,5,3,5) linecolor rgb "#202020" title "fit: 0.828 per step", \
       "gradient-vs-distance.dat" index 4 using 1:2 with lines linewidth 2 linecolor rgb "#009E73" title "tanh RNN, ρ = 1.50", \
       "gradient-vs-distance.dat" index 5 using 1:2 with lines linewidth 1.5 dashtype (14,5,3,5) linecolor rgb "#202020" title "fit: 1.05 per step"
  # Panel 2: LSTM, forget-gate bias b_f (seed 1; fit over k = 10 ... 100, dash-dot)
  reset
  set title "LSTM, forget-gate bias b_f (seed 1; fit over k = 10 ... 100, dash-dot)"
  set xlabel "distance k = T - t from the loss (steps)"
  set ylabel "‖dL/dh_t‖ / ‖dL/dh_T‖"
  set grid
  set key bottom left opaque box
  set format x "%g"
  set xrange [-7.96:206.96]
  set logscale y 10.0
  set format y "%g"
  set yrange [9.48929077801207e-48:64.35287181252612]
  plot "gradient-vs-distance.dat" index 6 using 1:2 with lines linewidth 2 linecolor rgb "#CC79A7" title "LSTM, b_f = 0", \
       "gradient-vs-distance.dat" index 7 using 1:2 with lines linewidth 1.5 dashtype (14,5,3,5) linecolor rgb "#202020" title "fit: 0.597 per step", \
       "gradient-vs-distance.dat" index 8 using 1:2 with lines linewidth 2 linecolor rgb "#56B4E9" title "LSTM, b_f = 1.00", \
       "gradient-vs-distance.dat" index 9 using 1:2 with lines linewidth 1.5 dashtype (14,5,3,5) linecolor rgb "#202020" title "fit: 0.858 per step", \
       "gradient-vs-distance.dat" index 10 using 1:2 with lines linewidth 2 linecolor rgb "#E69F00" title "LSTM, b_f = 3.00", \
       "gradient-vs-distance.dat" index 11 using 1:2 with lines linewidth 1.5 dashtype (14,5,3,5) linecolor rgb "#202020" title "fit: 1.00 per step"
  unset multiplot
  unset output
}
