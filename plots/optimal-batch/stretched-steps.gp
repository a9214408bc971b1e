# Stretched regimes (information fixed): cost of reaching the target accuracy against B: drawn by LSTMLab from stretched-steps.dat
# Redraw (writes stretched-steps.png and stretched-steps.svg):  gnuplot stretched-steps.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' stretched-steps.gp
# Each series is one block of stretched-steps.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1650,540 noenhanced font "Sans,11"; set output "stretched-steps.png" }
  if (format eq "svg") { set terminal svg size 1650,540 noenhanced font "Sans,11" background "white"; set output "stretched-steps.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  set multiplot layout 1,3 title "Stretched regimes (information fixed): cost of reaching the target accuracy against B"
  # Panel 1: steps (updates) to the target B_crit at T = 16: 153, 32: 151, 64: 100, 128: 169
  reset
  set title "steps (updates) to the target\nB_crit at T = 16: 153, 32: 151, 64: 100, 128: 169"
  set xlabel "batch size B (log scale)"
  set ylabel "steps (updates) to reach the target (log scale)"
  set grid
  set key top right opaque box
  set logscale x 2.0
  set format x "%g"
  set xrange [0.8235910172675731:155.416945202566]
  set xtics (1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0)
  set logscale y 10.0
  set format y "%g"
  set yrange [15.587607511845883:1640.9513917417125]
  set ytics (20.0, 50.0, 100.0, 200.0, 500.0, 1000.0)
  plot "stretched-steps.dat" index 0 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "T = 16", \
       "stretched-steps.dat" index 1 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#D55E00" title "T = 32", \
       "stretched-steps.dat" index 2 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#009E73" title "T = 64", \
       "stretched-steps.dat" index 3 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#CC79A7" title "T = 128"
  # Panel 2: examples to the target
  reset
  set title "examples to the target"
  set xlabel "batch size B (log scale)"
  set ylabel "examples to reach the target (log scale)"
  set grid
  set key top left opaque box
  set logscale x 2.0
  set format x "%g"
  set xrange [0.8235910172675731:155.416945202566]
  set xtics (1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0)
  set logscale y 10.0
  set format y "%g"
  set yrange [1133.5338524573783:3474.4969221630804]
  set ytics (1500.0, 2000.0, 2500.0, 3000.0)
  plot "stretched-steps.dat" index 4 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "T = 16", \
       "stretched-steps.dat" index 5 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#D55E00" title "T = 32", \
       "stretched-steps.dat" index 6 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#009E73" title "T = 64", \
       "stretched-steps.dat" index 7 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#CC79A7" title "T = 128"
  # Panel 3: CPU seconds (one thread, budget's costs) to the target
  reset
  set title "CPU seconds (one thread, budget's costs) to the target"
  set xlabel "batch size B (log scale)"
  set ylabel "CPU seconds to reach the target (log scale)"
  set grid
  unset key
  set logscale x 2.0
  set format x "%g"
  set xrange [0.8235910172675731:155.416945202566]
  set xtics (1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0)
  set logscale y 10.0
  set format y "%g"
  set yrange [0.005041159652187006:0.09052180570492081]
  set ytics (0.01, 0.02, 0.05)
  plot "stretched-steps.dat" index 8 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "T = 16", \
       "stretched-steps.dat" index 9 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#D55E00" title "T = 32", \
       "stretched-steps.dat" index 10 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#009E73" title "T = 64", \
       "stretched-steps.dat" index 11 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#CC79A7" title "T = 128"
  unset multiplot
  unset output
}
