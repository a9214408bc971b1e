# Throughput against B (T = 64): drawn by LSTMLab from throughput.dat
# Redraw (writes throughput.png and throughput.svg):  gnuplot throughput.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' throughput.gp
# Each series is one block of throughput.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 900,600 noenhanced font "Sans,11"; set output "throughput.png" }
  if (format eq "svg") { set terminal svg size 900,600 noenhanced font "Sans,11" background "white"; set output "throughput.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  # Panel 1: Throughput against B (T = 64)
  reset
  set title "Throughput against B (T = 64)"
  set xlabel "batch size B (sequences)"
  set ylabel "sequences per second"
  set grid
  set colorsequence podo
  set key bottom right opaque box
  set logscale x 2.0
  set format x "%g"
  set format y "%g"
  set yrange [0.0:*]
  plot "throughput.dat" index 0 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 title "measured (fastest of 15 rounds)", \
       "throughput.dat" index 1 using 1:2 with lines linewidth 2 title "model A: B / (a + b*T + c*T*B)", \
       "throughput.dat" index 2 using 1:2 with lines linewidth 2 title "model B (with the knee)", \
       11654.099087489745 with lines dashtype 2 linewidth 1.5 linecolor rgb "gray40" title "model A's ceiling 1 / (c*T)"
  unset output
}
