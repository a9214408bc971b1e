# The same runs against three clocks: epochs, updates, seconds: drawn by LSTMLab from curves.dat
# Redraw (writes curves.png and curves.svg):  gnuplot curves.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' curves.gp
# Each series is one block of curves.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1500,1260 noenhanced font "Sans,11"; set output "curves.png" }
  if (format eq "svg") { set terminal svg size 1500,1260 noenhanced font "Sans,11" background "white"; set output "curves.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  set multiplot layout 3,3 title "The same runs against three clocks: epochs, updates, seconds"
  # Panel 1: constant lr: loss vs epochs
  reset
  set title "constant lr: loss vs epochs"
  set xlabel "epochs (examples seen / N)"
  set ylabel "validation loss (nats)"
  set grid
  set colorsequence podo
  set key top right opaque box
  set format x "%g"
  set format y "%g"
  plot "curves.dat" index 0 using 1:2 with lines linewidth 2 title "B = 4", \
       "curves.dat" index 1 using 1:2 with lines linewidth 2 title "B = 16", \
       "curves.dat" index 2 using 1:2 with lines linewidth 2 title "B = 64", \
       "curves.dat" index 3 using 1:2 with lines linewidth 2 title "B = 256"
  # Panel 2: constant lr: loss vs updates
  reset
  set title "constant lr: loss vs updates"
  set xlabel "updates (log scale)"
  set ylabel "validation loss (nats)"
  set grid
  set colorsequence podo
  unset key
  set logscale x 10.0
  set format x "%g"
  set format y "%g"
  plot "curves.dat" index 4 using 1:2 with lines linewidth 2 title "B = 4", \
       "curves.dat" index 5 using 1:2 with lines linewidth 2 title "B = 16", \
       "curves.dat" index 6 using 1:2 with lines linewidth 2 title "B = 64", \
       "curves.dat" index 7 using 1:2 with lines linewidth 2 title "B = 256"
  # Panel 3: constant lr: loss vs time
  reset
  set title "constant lr: loss vs time"
  set xlabel "training time (s, cpu, log scale)"
  set ylabel "validation loss (nats)"
  set grid
  set colorsequence podo
  unset key
  set logscale x 10.0
  set format x "%g"
  set format y "%g"
  plot "curves.dat" index 8 using 1:2 with lines linewidth 2 title "B = 4", \
       "curves.dat" index 9 using 1:2 with lines linewidth 2 title "B = 16", \
       "curves.dat" index 10 using 1:2 with lines linewidth 2 title "B = 64", \
       "curves.dat" index 11 using 1:2 with lines linewidth 2 title "B = 256"
  # Panel 4: linear lr: loss vs epochs
  reset
  set title "linear lr: loss vs epochs"
  set xlabel "epochs (examples seen / N)"
  set ylabel "validation loss (nats)"
  set grid
  set colorsequence podo
  set key top right opaque box
  set format x "%g"
  set format y "%g"
  plot "curves.dat" index 12 using 1:2 with lines linewidth 2 title "B = 4", \
       "curves.dat" index 13 using 1:2 with lines linewidth 2 title "B = 16", \
       "curves.dat" index 14 using 1:2 with lines linewidth 2 title "B = 64", \
       "curves.dat" index 15 using 1:2 with lines linewidth 2 title "B = 256"
  # Panel 5: linear lr: loss vs updates
  reset
  set title "linear lr: loss vs updates"
  set xlabel "updates (log scale)"
  set ylabel "validation loss (nats)"
  set grid
  set colorsequence podo
  unset key
  set logscale x 10.0
  set format x "%g"
  set format y "%g"
  plot "curves.dat" index 16 using 1:2 with lines linewidth 2 title "B = 4", \
       "curves.dat" index 17 using 1:2 with lines linewidth 2 title "B = 16", \
       "curves.dat" index 18 using 1:2 with lines linewidth 2 title "B = 64", \
       "curves.dat" index 19 using 1:2 with lines linewidth 2 title "B = 256"
  # Panel 6: linear lr: loss vs time
  reset
  set title "linear lr: loss vs time"
  set xlabel "training time (s, cpu, log scale)"
  set ylabel "validation loss (nats)"
  set grid
  set colorsequence podo
  unset key
  set logscale x 10.0
  set format x "%g"
  set format y "%g"
  plot "curves.dat" index 20 using 1:2 with lines linewidth 2 title "B = 4", \
       "curves.dat" index 21 using 1:2 with lines linewidth 2 title "B = 16", \
       "curves.dat" index 22 using 1:2 with lines linewidth 2 title "B = 64", \
       "curves.dat" index 23 using 1:2 with lines linewidth 2 title "B = 256"
  # Panel 7: sqrt lr: loss vs epochs
  reset
  set title "sqrt lr: loss vs epochs"
  set xlabel "epochs (examples seen / N)"
  set ylabel "validation loss (nats)"
  set grid
  set colorsequence podo
  set key top right opaque box
  set format x "%g"
  set format y "%g"
  plot "curves.dat" index 24 using 1:2 with lines linewidth 2 title "B = 4", \
       "curves.dat" index 25 using 1:2 with lines linewidth 2 title "B = 16", \
       "curves.dat" index 26 using 1:2 with lines linewidth 2 title "B = 64", \
       "curves.dat" index 27 using 1:2 with lines linewidth 2 title "B = 256"
  # Panel 8: sqrt lr: loss vs updates
  reset
  set title "sqrt lr: loss vs updates"
  set xlabel "updates (log scale)"
  set ylabel "validation loss (nats)"
  set grid
  set colorsequence podo
  unset key
  set logscale x 10.0
  set format x "%g"
  set format y "%g"
  plot "curves.dat" index 28 using 1:2 with lines linewidth 2 title "B = 4", \
       "curves.dat" index 29 using 1:2 with lines linewidth 2 title "B = 16", \
       "curves.dat" index 30 using 1:2 with lines linewidth 2 title "B = 64", \
       "curves.dat" index 31 using 1:2 with lines linewidth 2 title "B = 256"
  # Panel 9: sqrt lr: loss vs time
  reset
  set title "sqrt lr: loss vs time"
  set xlabel "training time (s, cpu, log scale)"
  set ylabel "validation loss (nats)"
  set grid
  set colorsequence podo
  unset key
  set logscale x 10.0
  set format x "%g"
  set format y "%g"
  plot "curves.dat" index 32 using 1:2 with lines linewidth 2 title "B = 4", \
       "curves.dat" index 33 using 1:2 with lines linewidth 2 title "B = 16", \
       "curves.dat" index 34 using 1:2 with lines linewidth 2 title "B = 64", \
       "curves.dat" index 35 using 1:2 with lines linewidth 2 title "B = 256"
  unset multiplot
  unset output
}
