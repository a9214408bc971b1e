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
  set key top left opaque box
  set logscale x 2.0
  set format x "%g"
  set xrange [13.928809012737984:588.1335577584819]
  set xtics (16.0, 32.0, 64.0, 128.0, 256.0, 512.0)
  set logscale y 10.0
  set format y "%g"
  set yrange [0.13158131823941407:16.80132919073166]
  set ytics (0.2, 0.5, 1.0, 2.0, 5.0, 10.0)
  plot "tape.dat" index 0 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "full", \
       "tape.dat" index 1 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#D55E00" title "truncated, k = 32", \
       "tape.dat" index 2 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#009E73" title "checkpointed, k = ceil(√T)"
  # Panel 2: against B (T = 64)
  reset
  set title "against B (T = 64)"
  set xlabel "batch size B (sequences)"
  set ylabel "tape (MiB)"
  set grid
  set key top left opaque box
  set logscale x 2.0
  set format x "%g"
  set xrange [0.8467453123625271:75.58353033148994]
  set xtics (1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0)
  set logscale y 10.0
  set format y "%g"
  set yrange [0.014856235511248782:8.931471596639724]
  set ytics (0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0)
  plot "tape.dat" index 3 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "full", \
       "tape.dat" index 4 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#D55E00" title "truncated, k = 32", \
       "tape.dat" index 5 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#009E73" title "checkpointed, k = ceil(√T)"
  unset multiplot
  unset output
}
