# Validation accuracy against three clocks: drawn by LSTMLab from accuracy-curves.dat
# Redraw (writes accuracy-curves.png and accuracy-curves.svg):  gnuplot accuracy-curves.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' accuracy-curves.gp
# Each series is one block of accuracy-curves.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1500,1260 noenhanced font "Sans,11"; set output "accuracy-curves.png" }
  if (format eq "svg") { set terminal svg size 1500,1260 noenhanced font "Sans,11" background "white"; set output "accuracy-curves.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  set multiplot layout 3,3 title "Validation accuracy against three clocks"
  # Panel 1: constant lr: accuracy vs epochs
  reset
  set title "constant lr: accuracy vs epochs"
  set xlabel "epochs (examples seen / N)"
  set ylabel "validation accuracy"
  set grid
  set colorsequence podo
  set key bottom right opaque box
  set format x "%g"
  set format y "%g"
  set yrange [0.0:1.0]
  plot "accuracy-curves.dat" index 0 using 1:2 with lines linewidth 2 title "B = 4", \
       "accuracy-curves.dat" index 1 using 1:2 with lines linewidth 2 title "B = 16", \
       "accuracy-curves.dat" index 2 using 1:2 with lines linewidth 2 title "B = 64", \
       "accuracy-curves.dat" index 3 using 1:2 with lines linewidth 2 title "B = 256", \
       0.3333333333333333 with lines dashtype 2 linewidth 1.5 linecolor rgb "gray40" title "chance"
  # Panel 2: constant lr: accuracy vs updates
  reset
  set title "constant lr: accuracy vs updates"
  set xlabel "updates (log scale)"
  set ylabel "validation accuracy"
  set grid
  set colorsequence podo
  unset key
  set logscale x 10.0
  set format x "%g"
  set format y "%g"
  set yrange [0.0:1.0]
  plot "accuracy-curves.dat" index 4 using 1:2 with lines linewidth 2 title "B = 4", \
       "accuracy-curves.dat" index 5 using 1:2 with lines linewidth 2 title "B = 16", \
       "accuracy-curves.dat" index 6 using 1:2 with lines linewidth 2 title "B = 64", \
       "accuracy-curves.dat" index 7 using 1:2 with lines linewidth 2 title "B = 256", \
       0.3333333333333333 with lines dashtype 2 linewidth 1.5 linecolor rgb "gray40" title "chance"
  # Panel 3: constant lr: accuracy vs time
  reset
  set title "constant lr: accuracy vs time"
  set xlabel "training time (s, cpu, log scale)"
  set ylabel "validation accuracy"
  set grid
  set colorsequence podo
  unset key
  set logscale x 10.0
  set format x "%g"
  set format y "%g"
  set yrange [0.0:1.0]
  plot "accuracy-curves.dat" index 8 using 1:2 with lines linewidth 2 title "B = 4", \
       "accuracy-curves.dat" index 9 using 1:2 with lines linewidth 2 title "B = 16", \
       "accuracy-curves.dat" index 10 using 1:2 with lines linewidth 2 title "B = 64", \
       "accuracy-curves.dat" index 11 using 1:2 with lines linewidth 2 title "B = 256", \
       0.3333333333333333 with lines dashtype 2 linewidth 1.5 linecolor rgb "gray40" title "chance"
  # Panel 4: linear lr: accuracy vs epochs
  reset
  set title "linear lr: accuracy vs epochs"
  set xlabel "epochs (examples seen / N)"
  set ylabel "validation accuracy"
  set grid
  set colorsequence podo
  set key bottom right opaque box
  set format x "%g"
  set format y "%g"
  set yrange [0.0:1.0]
  plot "accuracy-curves.dat" index 12 using 1:2 with lines linewidth 2 title "B = 4", \
       "accuracy-curves.dat" index 13 using 1:2 with lines linewidth 2 title "B = 16", \
       "accuracy-curves.dat" index 14 using 1:2 with lines linewidth 2 title "B = 64", \
       "accuracy-curves.dat" index 15 using 1:2 with lines linewidth 2 title "B = 256", \
       0.3333333333333333 with lines dashtype 2 linewidth 1.5 linecolor rgb "gray40" title "chance"
  # Panel 5: linear lr: accuracy vs updates
  reset
  set title "linear lr: accuracy vs updates"
  set xlabel "updates (log scale)"
  set ylabel "validation accuracy"
  set grid
  set colorsequence podo
  unset key
  set logscale x 10.0
  set format x "%g"
  set format y "%g"
  set yrange [0.0:1.0]
  plot "accuracy-curves.dat" index 16 using 1:2 with lines linewidth 2 title "B = 4", \
       "accuracy-curves.dat" index 17 using 1:2 with lines linewidth 2 title "B = 16", \
       "accuracy-curves.dat" index 18 using 1:2 with lines linewidth 2 title "B = 64", \
       "accuracy-curves.dat" index 19 using 1:2 with lines linewidth 2 title "B = 256", \
       0.3333333333333333 with lines dashtype 2 linewidth 1.5 linecolor rgb "gray40" title "chance"
  # Panel 6: linear lr: accuracy vs time
  reset
  set title "linear lr: accuracy vs time"
  set xlabel "training time (s, cpu, log scale)"
  set ylabel "validation accuracy"
  set grid
  set colorsequence podo
  unset key
  set logscale x 10.0
  set format x "%g"
  set format y "%g"
  set yrange [0.0:1.0]
  plot "accuracy-curves.dat" index 20 using 1:2 with lines linewidth 2 title "B = 4", \
       "accuracy-curves.dat" index 21 using 1:2 with lines linewidth 2 title "B = 16", \
       "accuracy-curves.dat" index 22 using 1:2 with lines linewidth 2 title "B = 64", \
       "accuracy-curves.dat" index 23 using 1:2 with lines linewidth 2 title "B = 256", \
       0.3333333333333333 with lines dashtype 2 linewidth 1.5 linecolor rgb "gray40" title "chance"
  # Panel 7: sqrt lr: accuracy vs epochs
  reset
  set title "sqrt lr: accuracy vs epochs"
  set xlabel "epochs (examples seen / N)"
  set ylabel "validation accuracy"
  set grid
  set colorsequence podo
  set key bottom right opaque box
  set format x "%g"
  set format y "%g"
  set yrange [0.0:1.0]
  plot "accuracy-curves.dat" index 24 using 1:2 with lines linewidth 2 title "B = 4", \
       "accuracy-curves.dat" index 25 using 1:2 with lines linewidth 2 title "B = 16", \
       "accuracy-curves.dat" index 26 using 1:2 with lines linewidth 2 title "B = 64", \
       "accuracy-curves.dat" index 27 using 1:2 with lines linewidth 2 title "B = 256", \
       0.3333333333333333 with lines dashtype 2 linewidth 1.5 linecolor rgb "gray40" title "chance"
  # Panel 8: sqrt lr: accuracy vs updates
  reset
  set title "sqrt lr: accuracy vs updates"
  set xlabel "updates (log scale)"
  set ylabel "validation accuracy"
  set grid
  set colorsequence podo
  unset key
  set logscale x 10.0
  set format x "%g"
  set format y "%g"
  set yrange [0.0:1.0]
  plot "accuracy-curves.dat" index 28 using 1:2 with lines linewidth 2 title "B = 4", \
       "accuracy-curves.dat" index 29 using 1:2 with lines linewidth 2 title "B = 16", \
       "accuracy-curves.dat" index 30 using 1:2 with lines linewidth 2 title "B = 64", \
       "accuracy-curves.dat" index 31 using 1:2 with lines linewidth 2 title "B = 256", \
       0.3333333333333333 with lines dashtype 2 linewidth 1.5 linecolor rgb "gray40" title "chance"
  # Panel 9: sqrt lr: accuracy vs time
  reset
  set title "sqrt lr: accuracy vs time"
  set xlabel "training time (s, cpu, log scale)"
  set ylabel "validation accuracy"
  set grid
  set colorsequence podo
  unset key
  set logscale x 10.0
  set format x "%g"
  set format y "%g"
  set yrange [0.0:1.0]
  plot "accuracy-curves.dat" index 32 using 1:2 with lines linewidth 2 title "B = 4", \
       "accuracy-curves.dat" index 33 using 1:2 with lines linewidth 2 title "B = 16", \
       "accuracy-curves.dat" index 34 using 1:2 with lines linewidth 2 title "B = 64", \
       "accuracy-curves.dat" index 35 using 1:2 with lines linewidth 2 title "B = 256", \
       0.3333333333333333 with lines dashtype 2 linewidth 1.5 linecolor rgb "gray40" title "chance"
  unset multiplot
  unset output
}
