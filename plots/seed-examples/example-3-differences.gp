# Each B against B = 8, paired by repetition and fold: drawn by LSTMLab from example-3-differences.dat
# Redraw (writes example-3-differences.png and example-3-differences.svg):  gnuplot example-3-differences.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' example-3-differences.gp
# Each series is one block of example-3-differences.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1500,500 noenhanced font "Sans,11"; set output "example-3-differences.png" }
  if (format eq "svg") { set terminal svg size 1500,500 noenhanced font "Sans,11" background "white"; set output "example-3-differences.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  set multiplot layout 1,3 title "Each B against B = 8, paired by repetition and fold"
  # Panel 1: random labels (the article's data)
  reset
  set title "random labels (the article's data)"
  set xlabel "batch size B"
  set ylabel "accuracy(B) - accuracy(B = 8)"
  set grid
  set key below opaque box
  set bmargin 7
  set logscale x 2.0
  set format x "%g"
  set xrange [11.2:89.6]
  set format y "%g"
  set yrange [-0.07782480398180477:0.056824103555047314]
  plot "example-3-differences.dat" index 0 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "10 epochs, 95% interval", \
       "example-3-differences.dat" index 1 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#D55E00" title "equal updates, 95% interval", \
       0.0 with lines linewidth 1.5 dashtype (5,5) linecolor rgb "#707070" title "no difference"
  # Panel 2: volatility regimes (GARCH, 3 classes)
  reset
  set title "volatility regimes (GARCH, 3 classes)"
  set xlabel "batch size B"
  set ylabel "accuracy(B) - accuracy(B = 8)"
  set grid
  set key below opaque box
  set bmargin 7
  set logscale x 2.0
  set format x "%g"
  set xrange [11.2:89.6]
  set format y "%g"
  set yrange [-0.11185216014450705:0.04934654938350266]
  plot "example-3-differences.dat" index 2 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "10 epochs, 95% interval", \
       "example-3-differences.dat" index 3 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#D55E00" title "equal updates, 95% interval", \
       0.0 with lines linewidth 1.5 dashtype (5,5) linecolor rgb "#707070" title "no difference"
  # Panel 3: ItalyPowerDemand (real data)
  reset
  set title "ItalyPowerDemand (real data)"
  set xlabel "batch size B"
  set ylabel "accuracy(B) - accuracy(B = 8)"
  set grid
  set key below opaque box
  set bmargin 7
  set logscale x 2.0
  set format x "%g"
  set xrange [11.2:89.6]
  set format y "%g"
  set yrange [-0.037702319807776975:0.026591374476681393]
  plot "example-3-differences.dat" index 4 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "10 epochs, 95% interval", \
       "example-3-differences.dat" index 5 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#D55E00" title "equal updates, 95% interval", \
       0.0 with lines linewidth 1.5 dashtype (5,5) linecolor rgb "#707070" title "no difference"
  unset multiplot
  unset output
}
