# What one gradient computation adds to the process at its peak (B = 16): drawn by LSTMLab from peak.dat
# Redraw (writes peak.png and peak.svg):  gnuplot peak.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' peak.gp
# Each series is one block of peak.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1300,560 noenhanced font "Sans,11"; set output "peak.png" }
  if (format eq "svg") { set terminal svg size 1300,560 noenhanced font "Sans,11" background "white"; set output "peak.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  set multiplot layout 1,2 title "What one gradient computation adds to the process at its peak (B = 16)"
  # Panel 1: Full BPTT
  reset
  set title "Full BPTT"
  set xlabel "sequence length T (steps)"
  set ylabel "memory (MiB)"
  set grid
  set key top left opaque box
  set logscale x 2.0
  set format x "%g"
  set xrange [114.56320907878046:2288.204058771906]
  set xtics (128.0, 256.0, 512.0, 1024.0, 2048.0)
  set logscale y 10.0
  set format y "%g"
  set yrange [3.068909565058872:120.36004210686822]
  set ytics (5.0, 10.0, 20.0, 50.0, 100.0)
  plot "peak.dat" index 0 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "measured growth of the process", \
       "peak.dat" index 1 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#D55E00" title "calculator: tape + workspace", \
       "peak.dat" index 2 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#009E73" title "tape"
  # Panel 2: Truncated and checkpointed BPTT
  reset
  set title "Truncated and checkpointed BPTT"
  set xlabel "sequence length T (steps)"
  set ylabel "memory (MiB)"
  set grid
  set key below opaque box
  set bmargin 8
  set logscale x 2.0
  set format x "%g"
  set xrange [114.56320907878046:2288.204058771906]
  set xtics (128.0, 256.0, 512.0, 1024.0, 2048.0)
  set logscale y 10.0
  set format y "%g"
  set yrange [0.588221646456878:22.607909780547992]
  set ytics (1.0, 2.0, 5.0, 10.0, 20.0)
  plot "peak.dat" index 3 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#CC79A7" title "truncated, k = 32: measured growth", \
       "peak.dat" index 4 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#56B4E9" title "truncated, k = 32: calculator", \
       "peak.dat" index 5 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#E69F00" title "checkpointed, k = ceil(√T): measured growth", \
       "peak.dat" index 6 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#000000" title "checkpointed, k = ceil(√T): calculator"
  unset multiplot
  unset output
}
