# The largest batch that fits, against sequence length: drawn by LSTMLab from largest-batch.dat
# Redraw (writes largest-batch.png and largest-batch.svg):  gnuplot largest-batch.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' largest-batch.gp
# Each series is one block of largest-batch.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1300,560 noenhanced font "Sans,11"; set output "largest-batch.png" }
  if (format eq "svg") { set terminal svg size 1300,560 noenhanced font "Sans,11" background "white"; set output "largest-batch.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  set multiplot layout 1,2 title "The largest batch that fits, against sequence length"
  # Panel 1: Full BPTT, three budgets
  reset
  set title "Full BPTT, three budgets"
  set xlabel "sequence length T (steps)"
  set ylabel "largest batch B_max"
  set grid
  set key top right opaque box
  set logscale x 2.0
  set format x "%g"
  set xrange [12.125732532083184:21618.817610103088]
  set logscale y 10.0
  set format y "%g"
  set yrange [117.5421751459618:2495077.699862315]
  plot "largest-batch.dat" index 0 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "8GiB (slope -1.00)", \
       "largest-batch.dat" index 1 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#D55E00" title "80GiB (slope -1.00)", \
       "largest-batch.dat" index 2 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#009E73" title "this machine (23.5 GiB) (slope -1.00)"
  # Panel 2: Three BPTT modes, 8GiB
  reset
  set title "Three BPTT modes, 8GiB"
  set xlabel "sequence length T (steps)"
  set ylabel "largest batch B_max"
  set grid
  set key below opaque box
  set bmargin 9
  set logscale x 2.0
  set format x "%g"
  set xrange [12.125732532083184:21618.817610103088]
  set logscale y 10.0
  set format y "%g"
  set yrange [122.99054632030519:768167.414704801]
  plot "largest-batch.dat" index 3 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#CC79A7" title "full (slope -1.00)", \
       "largest-batch.dat" index 4 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#56B4E9" title "truncated, k = 32 (slope 0.00)", \
       "largest-batch.dat" index 5 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#E69F00" title "checkpointed, k = ceil(√T) (slope -0.53)", \
       "largest-batch.dat" index 6 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#000000" title "truncated, as run here (slope -0.90)", \
       "largest-batch.dat" index 7 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#882255" title "checkpointed, as run here (slope -0.95)"
  unset multiplot
  unset output
}
