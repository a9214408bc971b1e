# The BPTT tape, measured: drawn by LSTMLab from tape.dat
# Redraw (writes tape.png and tape.svg):  gnuplot tape.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' tape.gp
# Each series is one block of tape.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1300,520 noenhanced font "Sans,11"; set output "tape.png" }
  if (format eq "svg") { set terminal svg size 1300,520 noenhanced font "Sans,11" background "white"; set output "tape.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  set multiplot layout 1,2 title "The BPTT tape, measured"
  # Panel 1: against T (B = 16)
  reset
  set title "against T (B = 16)"
  set xlabel "sequence length T (steps)"
  set ylabel "tape (MiB)"
  set grid
  set colorsequence podo
  set key top left opaque box
  set logscale x 2.0
  set format x "%g"
  set logscale y 10.0
  set format y "%g"
  plot "tape.dat" index 0 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 title "full", \
       "tape.dat" index 1 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 title "truncated, k = 32", \
       "tape.dat" index 2 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 title "checkpointed, k = ceil(√T)"
  # Panel 2: against B (T = 64)
  reset
  set title "against B (T = 64)"
  set xlabel "batch size B (sequences)"
  set ylabel "tape (MiB)"
  set grid
  set colorsequence podo
  set key top left opaque box
  set logscale x 2.0
  set format x "%g"
  set logscale y 10.0
  set format y "%g"
  plot "tape.dat" index 3 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 title "full", \
       "tape.dat" index 4 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 title "truncated, k = 32", \
       "tape.dat" index 5 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 title "checkpointed, k = ceil(√T)"
  unset multiplot
  unset output
}
