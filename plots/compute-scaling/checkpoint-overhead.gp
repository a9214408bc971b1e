# Time of a checkpointed update / time of a full one (B = 16): drawn by LSTMLab from checkpoint-overhead.dat
# Redraw (writes checkpoint-overhead.png and checkpoint-overhead.svg):  gnuplot checkpoint-overhead.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' checkpoint-overhead.gp
# Each series is one block of checkpoint-overhead.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 900,600 noenhanced font "Sans,11"; set output "checkpoint-overhead.png" }
  if (format eq "svg") { set terminal svg size 900,600 noenhanced font "Sans,11" background "white"; set output "checkpoint-overhead.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  # Panel 1: Time of a checkpointed update / time of a full one (B = 16)
  reset
  set title "Time of a checkpointed update / time of a full one (B = 16)"
  set xlabel "sequence length T (steps)"
  set ylabel "time ratio"
  set grid
  set key top right opaque box
  set logscale x 2.0
  set format x "%g"
  set xrange [58.892009639992004:556.4082496133415]
  set xtics (64.0, 128.0, 256.0, 512.0)
  set format y "%g"
  set yrange [1.0:1.7500247136136855]
  plot "checkpoint-overhead.dat" index 0 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "measured", \
       "checkpoint-overhead.dat" index 1 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#D55E00" title "1 + forward / full (one extra forward pass)"
  unset output
}
