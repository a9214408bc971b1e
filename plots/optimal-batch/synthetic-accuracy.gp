# Synthetic: volatility regimes: accuracy against B at each T: drawn by LSTMLab from synthetic-accuracy.dat
# Redraw (writes synthetic-accuracy.png and synthetic-accuracy.svg):  gnuplot synthetic-accuracy.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' synthetic-accuracy.gp
# Each series is one block of synthetic-accuracy.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1650,520 noenhanced font "Sans,11"; set output "synthetic-accuracy.png" }
  if (format eq "svg") { set terminal svg size 1650,520 noenhanced font "Sans,11" background "white"; set output "synthetic-accuracy.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  set multiplot layout 1,3 title "Synthetic: volatility regimes: accuracy against B at each T"
  # Panel 1: Fixed epochs
  reset
  set title "Fixed epochs"
  set xlabel "batch size B (log scale)"
  set ylabel "CV accuracy (mean ± sd over folds)"
  set grid
  set colorsequence podo
  set key bottom left opaque box
  set logscale x 2.0
  set format x "%g"
  set format y "%g"
  plot "synthetic-accuracy.dat" index 0 using 1:2:3 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 title "T = 20", \
       "synthetic-accuracy.dat" index 1 using 1:2:3 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 title "T = 50", \
       "synthetic-accuracy.dat" index 2 using 1:2:3 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 title "T = 125", \
       0.3333333333333333 with lines dashtype 2 linewidth 1.5 linecolor rgb "gray40" title "chance"
  # Panel 2: Fixed time
  reset
  set title "Fixed time"
  set xlabel "batch size B (log scale)"
  set ylabel "CV accuracy (mean ± sd over folds)"
  set grid
  set colorsequence podo
  set key bottom left opaque box
  set logscale x 2.0
  set format x "%g"
  set format y "%g"
  plot "synthetic-accuracy.dat" index 3 using 1:2:3 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 title "T = 20", \
       "synthetic-accuracy.dat" index 4 using 1:2:3 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 title "T = 50", \
       "synthetic-accuracy.dat" index 5 using 1:2:3 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 title "T = 125", \
       0.3333333333333333 with lines dashtype 2 linewidth 1.5 linecolor rgb "gray40" title "chance"
  # Panel 3: Fixed memory
  reset
  set title "Fixed memory"
  set xlabel "batch size B (log scale)"
  set ylabel "CV accuracy (mean ± sd over folds)"
  set grid
  set colorsequence podo
  set key bottom left opaque box
  set logscale x 2.0
  set format x "%g"
  set format y "%g"
  plot "synthetic-accuracy.dat" index 6 using 1:2:3 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 title "T = 20", \
       "synthetic-accuracy.dat" index 7 using 1:2:3 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 title "T = 50", \
       "synthetic-accuracy.dat" index 8 using 1:2:3 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 title "T = 125", \
       0.3333333333333333 with lines dashtype 2 linewidth 1.5 linecolor rgb "gray40" title "chance"
  unset multiplot
  unset output
}
