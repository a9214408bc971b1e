# Example 3 repeated: held-out accuracy against B at two budgets: drawn by LSTMLab from example-3.dat
# Redraw (writes example-3.png and example-3.svg):  gnuplot example-3.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' example-3.gp
# Each series is one block of example-3.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1500,500 noenhanced font "Sans,11"; set output "example-3.png" }
  if (format eq "svg") { set terminal svg size 1500,500 noenhanced font "Sans,11" background "white"; set output "example-3.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  set multiplot layout 1,3 title "Example 3 repeated: held-out accuracy against B at two budgets"
  # Panel 1: random labels (the article's data), chance 0.50
  reset
  set title "random labels (the article's data), chance 0.50"
  set xlabel "batch size B"
  set ylabel "held-out accuracy"
  set grid
  set key below opaque box
  set bmargin 8
  set logscale x 2.0
  set format x "%g"
  set xrange [5.714285714285714:89.6]
  set format y "%g"
  set yrange [0.43181252083382005:0.5561074264494202]
  plot "example-3.dat" index 0 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "10 epochs: mean, 95% interval", \
       "example-3.dat" index 1 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#D55E00" title "equal updates: mean, 95% interval", \
       "example-3.dat" index 2 using 1:2 with points pointtype 6 pointsize 1.3 linewidth 1.5 linecolor rgb "#009E73" title "repetition 1 (the article's run)", \
       0.5 with lines linewidth 1.5 dashtype (10,6) linecolor rgb "#404040" title "chance"
  # Panel 2: volatility regimes (GARCH, 3 classes), chance 0.33
  reset
  set title "volatility regimes (GARCH, 3 classes), chance 0.33"
  set xlabel "batch size B"
  set ylabel "held-out accuracy"
  set grid
  set key below opaque box
  set bmargin 7
  set logscale x 2.0
  set format x "%g"
  set xrange [5.714285714285714:89.6]
  set format y "%g"
  set yrange [0.61652856948428:0.766902929743952]
  plot "example-3.dat" index 3 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "10 epochs: mean, 95% interval", \
       "example-3.dat" index 4 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#D55E00" title "equal updates: mean, 95% interval", \
       "example-3.dat" index 5 using 1:2 with points pointtype 6 pointsize 1.3 linewidth 1.5 linecolor rgb "#009E73" title "repetition 1 (the article's run)"
  # Panel 3: ItalyPowerDemand (real data), chance 0.50
  reset
  set title "ItalyPowerDemand (real data), chance 0.50"
  set xlabel "batch size B"
  set ylabel "held-out accuracy"
  set grid
  set key below opaque box
  set bmargin 7
  set logscale x 2.0
  set format x "%g"
  set xrange [5.714285714285714:89.6]
  set format y "%g"
  set yrange [0.9197694025231171:0.9857359256335443]
  plot "example-3.dat" index 6 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "10 epochs: mean, 95% interval", \
       "example-3.dat" index 7 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#D55E00" title "equal updates: mean, 95% interval", \
       "example-3.dat" index 8 using 1:2 with points pointtype 6 pointsize 1.3 linewidth 1.5 linecolor rgb "#009E73" title "repetition 1 (the article's run)"
  unset multiplot
  unset output
}
