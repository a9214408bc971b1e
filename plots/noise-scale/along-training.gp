# B_simple along training: drawn by LSTMLab from along-training.dat
# Redraw (writes along-training.png and along-training.svg):  gnuplot along-training.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' along-training.gp
# Each series is one block of along-training.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1650,520 noenhanced font "Sans,11"; set output "along-training.png" }
  if (format eq "svg") { set terminal svg size 1650,520 noenhanced font "Sans,11" background "white"; set output "along-training.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  set multiplot layout 1,3
  # Panel 1: B_simple along training
  reset
  set title "B_simple along training"
  set xlabel "epoch"
  set ylabel "B_simple (sequences, log scale)"
  set grid
  set colorsequence podo
  set key top left opaque box
  set format x "%g"
  set logscale y 10.0
  set format y "%g"
  plot "along-training.dat" index 0 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 title "T = 10", \
       "along-training.dat" index 1 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 title "T = 20", \
       "along-training.dat" index 2 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 title "T = 50", \
       "along-training.dat" index 3 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 title "T = 100", \
       "along-training.dat" index 4 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 title "T = 200"
  # Panel 2: B_simple against the training loss
  reset
  set title "B_simple against the training loss"
  set xlabel "training loss (nats, log scale)"
  set ylabel "B_simple (sequences, log scale)"
  set grid
  set colorsequence podo
  set key bottom left opaque box
  set logscale x 10.0
  set format x "%g"
  set logscale y 10.0
  set format y "%g"
  plot "along-training.dat" index 5 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 title "T = 10", \
       "along-training.dat" index 6 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 title "T = 20", \
       "along-training.dat" index 7 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 title "T = 50", \
       "along-training.dat" index 8 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 title "T = 100", \
       "along-training.dat" index 9 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 title "T = 200"
  # Panel 3: The cheap estimator against per-sequence gradients
  reset
  set title "The cheap estimator against per-sequence gradients"
  set xlabel "per-sequence B_simple at the end of the epoch (log)"
  set ylabel "two-batch estimate during the epoch (log)"
  set grid
  set colorsequence podo
  set key top left opaque box
  set logscale x 10.0
  set format x "%g"
  set logscale y 10.0
  set format y "%g"
  plot "along-training.dat" index 10 using 1:2 with points pointtype 7 pointsize 0.8 title "one run, one epoch", \
       "along-training.dat" index 11 using 1:2 with lines linewidth 2 title "equal"
  unset multiplot
  unset output
}
