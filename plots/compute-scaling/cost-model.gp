# time = a + b*T + c*T*B, fitted: drawn by LSTMLab from cost-model.dat
# Redraw (writes cost-model.png and cost-model.svg):  gnuplot cost-model.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' cost-model.gp
# Each series is one block of cost-model.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1300,560 noenhanced font "Sans,11"; set output "cost-model.png" }
  if (format eq "svg") { set terminal svg size 1300,560 noenhanced font "Sans,11" background "white"; set output "cost-model.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  set multiplot layout 1,2 title "time = a + b*T + c*T*B, fitted"
  # Panel 1: Models against the measurements
  reset
  set title "Models against the measurements"
  set xlabel "predicted time per update (ms)"
  set ylabel "measured time per update (ms)"
  set grid
  set colorsequence podo
  set key top left opaque box
  set logscale x 10.0
  set format x "%g"
  set logscale y 10.0
  set format y "%g"
  plot "cost-model.dat" index 0 using 1:2 with points pointtype 7 pointsize 0.8 title "model A", \
       "cost-model.dat" index 1 using 1:2 with points pointtype 7 pointsize 0.8 title "model B", \
       "cost-model.dat" index 2 using 1:2 with lines linewidth 2 title "measured = predicted"
  # Panel 2: Relative residuals
  reset
  set title "Relative residuals"
  set xlabel "T*B (sequence-steps per update)"
  set ylabel "(measured - predicted) / predicted (%)"
  set grid
  set colorsequence podo
  set key top left opaque box
  set logscale x 2.0
  set format x "%g"
  set format y "%g"
  plot "cost-model.dat" index 3 using 1:2 with points pointtype 7 pointsize 0.8 title "model A", \
       "cost-model.dat" index 4 using 1:2 with points pointtype 7 pointsize 0.8 title "model B", \
       0.0 with lines dashtype 2 linewidth 1.5 linecolor rgb "gray40" title "no error"
  unset multiplot
  unset output
}
