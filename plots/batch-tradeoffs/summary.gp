# What each batch size reaches, and what it costs to get there: drawn by LSTMLab from summary.dat
# Redraw (writes summary.png and summary.svg):  gnuplot summary.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' summary.gp
# Each series is one block of summary.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1300,950 noenhanced font "Sans,11"; set output "summary.png" }
  if (format eq "svg") { set terminal svg size 1300,950 noenhanced font "Sans,11" background "white"; set output "summary.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  set multiplot layout 2,2 title "What each batch size reaches, and what it costs to get there"
  # Panel 1: Validation accuracy after 8 epochs
  reset
  set title "Validation accuracy after 8 epochs"
  set xlabel "batch size B (log scale)"
  set ylabel "validation accuracy"
  set grid
  set colorsequence podo
  set key bottom left opaque box
  set logscale x 2.0
  set format x "%g"
  set format y "%g"
  plot "summary.dat" index 0 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 title "constant", \
       "summary.dat" index 1 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 title "linear", \
       "summary.dat" index 2 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 title "sqrt", \
       0.3333333333333333 with lines dashtype 2 linewidth 1.5 linecolor rgb "gray40" title "chance"
  # Panel 2: Generalisation gap after 8 epochs
  reset
  set title "Generalisation gap after 8 epochs"
  set xlabel "batch size B (log scale)"
  set ylabel "validation loss - train loss (nats)"
  set grid
  set colorsequence podo
  set key top left opaque box
  set logscale x 2.0
  set format x "%g"
  set format y "%g"
  plot "summary.dat" index 3 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 title "constant", \
       "summary.dat" index 4 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 title "linear", \
       "summary.dat" index 5 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 title "sqrt", \
       0.0 with lines dashtype 2 linewidth 1.5 linecolor rgb "gray40" title "no gap"
  # Panel 3: Updates to reach the target
  reset
  set title "Updates to reach the target"
  set xlabel "batch size B (log scale)"
  set ylabel "updates (log scale)"
  set grid
  set colorsequence podo
  set key top right opaque box
  set logscale x 2.0
  set format x "%g"
  set logscale y 10.0
  set format y "%g"
  plot "summary.dat" index 6 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 title "constant", \
       "summary.dat" index 7 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 title "linear", \
       "summary.dat" index 8 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 title "sqrt", \
       "summary.dat" index 9 using 1:2 with lines linewidth 2 title "perfect scaling (updates x 1/B)", \
       "summary.dat" index 10 using 1:2 with lines linewidth 2 title "fit S_min (1 + B_crit/B), B_crit = 1.8e+02"
  # Panel 4: Epochs to reach the target
  reset
  set title "Epochs to reach the target"
  set xlabel "batch size B (log scale)"
  set ylabel "epochs (log scale)"
  set grid
  set colorsequence podo
  set key top left opaque box
  set logscale x 2.0
  set format x "%g"
  set logscale y 10.0
  set format y "%g"
  plot "summary.dat" index 11 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 title "constant", \
       "summary.dat" index 12 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 title "linear", \
       "summary.dat" index 13 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 title "sqrt", \
       "summary.dat" index 14 using 1:2 with lines linewidth 2 title "perfect scaling (same epochs)"
  unset multiplot
  unset output
}
