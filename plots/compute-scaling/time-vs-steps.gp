# Time per update against T (B = 32): drawn by LSTMLab from time-vs-steps.dat
# Redraw (writes time-vs-steps.png and time-vs-steps.svg):  gnuplot time-vs-steps.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' time-vs-steps.gp
# Each series is one block of time-vs-steps.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 900,600 noenhanced font "Sans,11"; set output "time-vs-steps.png" }
  if (format eq "svg") { set terminal svg size 900,600 noenhanced font "Sans,11" background "white"; set output "time-vs-steps.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  # Panel 1: Time per update against T (B = 32)
  reset
  set title "Time per update against T (B = 32)"
  set xlabel "sequence length T (steps)"
  set ylabel "time per update (ms)"
  set grid
  set key top left opaque box
  set format x "%g"
  set xrange [0.0:532.48]
  set format y "%g"
  set yrange [0.0:31.357103136119488]
  plot "time-vs-steps.dat" index 0 using 1:2 with points pointtype 6 pointsize 1.3 linewidth 1.5 linecolor rgb "#0072B2" title "fastest of 25 rounds", \
       "time-vs-steps.dat" index 1 using 1:2 with points pointtype 6 pointsize 1.3 linewidth 1.5 linecolor rgb "#D55E00" title "median", \
       "time-vs-steps.dat" index 2 using 1:2 with lines linewidth 1.5 dashtype (14,5,3,5) linecolor rgb "#202020" title "least-squares line: -0.43 ms + 55.8 µs * T"
  unset output
}
