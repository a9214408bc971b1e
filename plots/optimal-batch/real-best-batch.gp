# Real: ItalyPowerDemand resampled: the best batch size against T: drawn by LSTMLab from real-best-batch.dat
# Redraw (writes real-best-batch.png and real-best-batch.svg):  gnuplot real-best-batch.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' real-best-batch.gp
# Each series is one block of real-best-batch.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1650,540 noenhanced font "Sans,11"; set output "real-best-batch.png" }
  if (format eq "svg") { set terminal svg size 1650,540 noenhanced font "Sans,11" background "white"; set output "real-best-batch.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  set multiplot layout 1,3 title "Real: ItalyPowerDemand resampled: the best batch size against T"
  # Panel 1: Fixed epochs
  reset
  set title "Fixed epochs"
  set xlabel "sequence length T (log scale)"
  set ylabel "batch size B (log scale)"
  set grid
  set colorsequence podo
  set key top left opaque box
  set logscale x 2.0
  set format x "%g"
  set xrange [17.142857142857142:134.39999999999998]
  set logscale y 2.0
  set format y "%g"
  set yrange [2.0:2048.0]
  plot "real-best-batch.dat" index 0 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 title "best B (cross-validated mean)", \
       "real-best-batch.dat" index 1 using 1:2 with lines linewidth 2 title "within 1 SE of the best: largest", \
       "real-best-batch.dat" index 2 using 1:2 with lines linewidth 2 title "within 1 SE of the best: smallest", \
       "real-best-batch.dat" index 3 using 1:2 with points pointtype 7 pointsize 0.8 title "best B of each fold"
  # Panel 2: Fixed time
  reset
  set title "Fixed time"
  set xlabel "sequence length T (log scale)"
  set ylabel "batch size B (log scale)"
  set grid
  set colorsequence podo
  set key top left opaque box
  set logscale x 2.0
  set format x "%g"
  set xrange [17.142857142857142:134.39999999999998]
  set logscale y 2.0
  set format y "%g"
  set yrange [2.0:2048.0]
  plot "real-best-batch.dat" index 4 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 title "best B (cross-validated mean)", \
       "real-best-batch.dat" index 5 using 1:2 with lines linewidth 2 title "within 1 SE of the best: largest", \
       "real-best-batch.dat" index 6 using 1:2 with lines linewidth 2 title "within 1 SE of the best: smallest", \
       "real-best-batch.dat" index 7 using 1:2 with points pointtype 7 pointsize 0.8 title "best B of each fold"
  # Panel 3: Fixed memory
  reset
  set title "Fixed memory"
  set xlabel "sequence length T (log scale)"
  set ylabel "batch size B (log scale)"
  set grid
  set colorsequence podo
  set key top left opaque box
  set logscale x 2.0
  set format x "%g"
  set xrange [17.142857142857142:134.39999999999998]
  set logscale y 2.0
  set format y "%g"
  set yrange [2.0:2048.0]
  plot "real-best-batch.dat" index 8 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 title "best B (cross-validated mean)", \
       "real-best-batch.dat" index 9 using 1:2 with lines linewidth 2 title "within 1 SE of the best: largest", \
       "real-best-batch.dat" index 10 using 1:2 with lines linewidth 2 title "within 1 SE of the best: smallest", \
       "real-best-batch.dat" index 11 using 1:2 with points pointtype 7 pointsize 0.8 title "best B of each fold"
  unset multiplot
  unset output
}
