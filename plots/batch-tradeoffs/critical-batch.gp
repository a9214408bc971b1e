# B_simple along the B0 run (T = 50): drawn by LSTMLab from critical-batch.dat
# Redraw (writes critical-batch.png and critical-batch.svg):  gnuplot critical-batch.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' critical-batch.gp
# Each series is one block of critical-batch.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 900,640 noenhanced font "Sans,11"; set output "critical-batch.png" }
  if (format eq "svg") { set terminal svg size 900,640 noenhanced font "Sans,11" background "white"; set output "critical-batch.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  # Panel 1: B_simple along the B0 run (T = 50)
  reset
  set title "B_simple along the B0 run (T = 50)"
  set xlabel "updates at B0 = 32 (log scale)"
  set ylabel "B_simple = tr(Σ)/|G|² (sequences, log scale)"
  set grid
  set key below opaque box
  set bmargin 12
  set logscale x 2.0
  set format x "%g"
  set xrange [1.5583291593209998:1314.2281191044137]
  set logscale y 10.0
  set format y "%g"
  set yrange [2.7391659684556027:586.4582342622625]
  set ytics (5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0)
  plot "critical-batch.dat" index 0 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "seed 1", \
       "critical-batch.dat" index 1 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#D55E00" title "seed 2", \
       "critical-batch.dat" index 2 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#009E73" title "seed 3", \
       "critical-batch.dat" index 3 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#CC79A7" title "seed 4", \
       "critical-batch.dat" index 4 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#56B4E9" title "seed 5", \
       "critical-batch.dat" index 5 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#E69F00" title "seed 6", \
       "critical-batch.dat" index 6 using 1:2 with points pointtype 6 pointsize 1.3 linewidth 1.5 linecolor rgb "#000000" title "B_simple where the run reached the target", \
       86.35681453288821 with lines linewidth 1.5 dashtype (14,5,3,5) linecolor rgb "#202020" title "B_crit fitted from updates to target (geometric mean over seeds)"
  unset output
}
