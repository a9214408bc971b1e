# Example 3: batch size chosen by cross-validation: drawn by LSTMLab from example-3.dat
# Redraw (writes example-3.png and example-3.svg):  gnuplot example-3.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' example-3.gp
# Each series is one block of example-3.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1500,500 noenhanced font "Sans,11"; set output "example-3.png" }
  if (format eq "svg") { set terminal svg size 1500,500 noenhanced font "Sans,11" background "white"; set output "example-3.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  set multiplot layout 1,3 title "Example 3: batch size chosen by cross-validation"
  # Panel 1: random labels (the article's data)
  reset
  set title "random labels (the article's data)"
  set xlabel "batch size B"
  set ylabel "cross-validated accuracy"
  set grid
  set colorsequence podo
  set key bottom right opaque box
  set logscale x 2.0
  set format x "%g"
  set xrange [6.153846153846153:83.2]
  set format y "%g"
  plot "example-3.dat" index 0 using 1:2:3 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 title "mean of 3 folds, +- sd", \
       0.5 with lines dashtype 2 linewidth 1.5 linecolor rgb "gray40" title "chance", \
       0.5316227766016838 with lines dashtype 2 linewidth 1.5 linecolor rgb "gray40" title "chance + 2 standard errors"
  # Panel 2: volatility regimes (GARCH, 3 classes)
  reset
  set title "volatility regimes (GARCH, 3 classes)"
  set xlabel "batch size B"
  set ylabel "cross-validated accuracy"
  set grid
  set colorsequence podo
  set key bottom right opaque box
  set logscale x 2.0
  set format x "%g"
  set xrange [6.153846153846153:83.2]
  set format y "%g"
  plot "example-3.dat" index 1 using 1:2:3 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 title "mean of 3 folds, +- sd", \
       0.3333333333333333 with lines dashtype 2 linewidth 1.5 linecolor rgb "gray40" title "chance", \
       0.3631475730333305 with lines dashtype 2 linewidth 1.5 linecolor rgb "gray40" title "chance + 2 standard errors"
  # Panel 3: ItalyPowerDemand (real data)
  reset
  set title "ItalyPowerDemand (real data)"
  set xlabel "batch size B"
  set ylabel "cross-validated accuracy"
  set grid
  set colorsequence podo
  set key bottom right opaque box
  set logscale x 2.0
  set format x "%g"
  set xrange [6.153846153846153:83.2]
  set format y "%g"
  plot "example-3.dat" index 2 using 1:2:3 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 title "mean of 3 folds, +- sd", \
       0.5009124087591241 with lines dashtype 2 linewidth 1.5 linecolor rgb "gray40" title "chance", \
       0.5311184631330464 with lines dashtype 2 linewidth 1.5 linecolor rgb "gray40" title "chance + 2 standard errors"
  unset multiplot
  unset output
}
