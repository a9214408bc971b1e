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
  set key bottom right opaque box
  set logscale x 2.0
  set format x "%g"
  set xrange [0.8010698775896221:319.57262051881247]
  set format y "%g"
  set yrange [0.0:18885.2174725998]
  plot "throughput.dat" index 0 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "one thread, measured (fastest of 25 rounds)", \
       "throughput.dat" index 1 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#D55E00" title "two threads (wall clock)", \
       "throughput.dat" index 2 using 1:2 with lines linewidth 2 linecolor rgb "#009E73" title "model A: B / (a + b*T + c*T*B)", \
       "throughput.dat" index 3 using 1:2 with lines linewidth 2 linecolor rgb "#CC79A7" title "model B (with the knee)", \
       10784.446877654143 with lines linewidth 1.5 dashtype (5,5) linecolor rgb "#707070" title "model A's ceiling 1 / (c*T)"
  unset output
}
