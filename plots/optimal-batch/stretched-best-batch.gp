# Stretched regimes (information fixed): the best batch size against T: drawn by LSTMLab from stretched-best-batch.dat
# Redraw (writes stretched-best-batch.png and stretched-best-batch.svg):  gnuplot stretched-best-batch.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' stretched-best-batch.gp
# Each series is one block of stretched-best-batch.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1650,600 noenhanced font "Sans,11"; set output "stretched-best-batch.png" }
  if (format eq "svg") { set terminal svg size 1650,600 noenhanced font "Sans,11" background "white"; set output "stretched-best-batch.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  set multiplot layout 1,3 title "Stretched regimes (information fixed): the best batch size against T"
  # Panel 1: Fixed epochs
  reset
  set title "Fixed epochs"
  set xlabel "sequence length T (log scale)"
  set ylabel "batch size B (log scale)"
  set grid
  set key below opaque box
  set bmargin 8
  set logscale x 2.0
  set format x "%g"
  set xrange [12.307692307692307:166.4]
  set logscale y 2.0
  set format y "%g"
  set yrange [0.6666666666666666:1019.5499659193249]
  plot "stretched-best-batch.dat" index 0 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "best B (bar: all B within 1 SE)", \
       "stretched-best-batch.dat" index 1 using 1:2 with points pointtype 6 pointsize 1.3 linewidth 1.5 linecolor rgb "#D55E00" title "best B of each replicate (parabola fit)", \
       "stretched-best-batch.dat" index 2 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#009E73" title "B_crit from steps to target (95% CI)", \
       "stretched-best-batch.dat" index 3 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#CC79A7" title "noise scale B_simple (3 runs, 95% CI)"
  # Panel 2: Fixed time
  reset
  set title "Fixed time"
  set xlabel "sequence length T (log scale)"
  set ylabel "batch size B (log scale)"
  set grid
  set key below opaque box
  set bmargin 6
  set logscale x 2.0
  set format x "%g"
  set xrange [12.307692307692307:166.4]
  set xtics (16.0, 32.0, 64.0, 128.0)
  set logscale y 2.0
  set format y "%g"
  set yrange [0.6666666666666666:1019.5499659193249]
  plot "stretched-best-batch.dat" index 4 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "best B (bar: all B within 1 SE)", \
       "stretched-best-batch.dat" index 5 using 1:2 with points pointtype 6 pointsize 1.3 linewidth 1.5 linecolor rgb "#D55E00" title "best B of each replicate (parabola fit)"
  # Panel 3: Fixed memory
  reset
  set title "Fixed memory"
  set xlabel "sequence length T (log scale)"
  set ylabel "batch size B (log scale)"
  set grid
  set key below opaque box
  set bmargin 7
  set logscale x 2.0
  set format x "%g"
  set xrange [12.307692307692307:166.4]
  set xtics (16.0, 32.0, 64.0, 128.0)
  set logscale y 2.0
  set format y "%g"
  set yrange [0.6666666666666666:1019.5499659193249]
  plot "stretched-best-batch.dat" index 6 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "best B (bar: all B within 1 SE)", \
       "stretched-best-batch.dat" index 7 using 1:2 with points pointtype 6 pointsize 1.3 linewidth 1.5 linecolor rgb "#D55E00" title "best B of each replicate (parabola fit)", \
       "stretched-best-batch.dat" index 8 using 1:2 with lines linewidth 1.5 dashtype (2,5) linecolor rgb "#606060" title "largest B of the grid that fits 1.91 MiB"
  unset multiplot
  unset output
}
