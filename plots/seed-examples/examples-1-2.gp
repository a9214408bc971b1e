# Accuracy per epoch on random labels: drawn by LSTMLab from examples-1-2.dat
# Redraw (writes examples-1-2.png and examples-1-2.svg):  gnuplot examples-1-2.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' examples-1-2.gp
# Each series is one block of examples-1-2.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 900,600 noenhanced font "Sans,11"; set output "examples-1-2.png" }
  if (format eq "svg") { set terminal svg size 900,600 noenhanced font "Sans,11" background "white"; set output "examples-1-2.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  # Panel 1: Accuracy per epoch on random labels
  reset
  set title "Accuracy per epoch on random labels"
  set xlabel "epoch"
  set ylabel "accuracy"
  set grid
  set key top right opaque box
  set format x "%g"
  set xrange [0.64:10.36]
  set format y "%g"
  set yrange [0.3:0.8]
  plot "examples-1-2.dat" index 0 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "Example 1 training", \
       "examples-1-2.dat" index 1 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#D55E00" title "Example 1 validation", \
       "examples-1-2.dat" index 2 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#009E73" title "Example 2 training", \
       "examples-1-2.dat" index 3 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#CC79A7" title "Example 2 validation", \
       0.5 with lines linewidth 1.5 dashtype (10,6) linecolor rgb "#404040" title "chance (1/2)"
  unset output
}
