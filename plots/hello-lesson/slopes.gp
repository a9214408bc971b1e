# Sigmoid and tanh saturate: drawn by LSTMLab from slopes.dat
# Redraw (writes slopes.png and slopes.svg):  gnuplot slopes.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' slopes.gp
# Each series is one block of slopes.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1200,500 noenhanced font "Sans,11"; set output "slopes.png" }
  if (format eq "svg") { set terminal svg size 1200,500 noenhanced font "Sans,11" background "white"; set output "slopes.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  set multiplot layout 1,2 title "Sigmoid and tanh saturate"
  # Panel 1: The functions
  reset
  set title "The functions"
  set xlabel "pre-activation z"
  set ylabel "f(z)"
  set grid
  set key top left opaque box
  set format x "%g"
  set xrange [-8.64:8.64]
  set format y "%g"
  set yrange [-1.0799997569240498:1.0799997569240498]
  plot "slopes.dat" index 0 using 1:2 with lines linewidth 2 linecolor rgb "#0072B2" title "sigmoid σ(z)", \
       "slopes.dat" index 1 using 1:2 with lines linewidth 2 linecolor rgb "#D55E00" title "tanh(z)"
  # Panel 2: Their slopes (log scale)
  reset
  set title "Their slopes (log scale)"
  set xlabel "pre-activation z"
  set ylabel "slope f'(z)"
  set grid
  set key below opaque box
  set bmargin 7
  set format x "%g"
  set xrange [-8.64:8.64]
  set logscale y 10.0
  set format y "%g"
  set yrange [2.508888933931007e-07:1.7941803610013622]
  plot "slopes.dat" index 2 using 1:2 with lines linewidth 2 linecolor rgb "#009E73" title "σ'(z)", \
       "slopes.dat" index 3 using 1:2 with lines linewidth 2 linecolor rgb "#CC79A7" title "tanh'(z)", \
       0.25 with lines linewidth 1.5 dashtype (5,5) linecolor rgb "#707070" title "1/4, the largest σ'"
  unset multiplot
  unset output
}
