# Real: JapaneseVowels resampled: cost of reaching the target accuracy against B: drawn by LSTMLab from real-steps.dat
# Redraw (writes real-steps.png and real-steps.svg):  gnuplot real-steps.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' real-steps.gp
# Each series is one block of real-steps.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1650,540 noenhanced font "Sans,11"; set output "real-steps.png" }
  if (format eq "svg") { set terminal svg size 1650,540 noenhanced font "Sans,11" background "white"; set output "real-steps.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  set multiplot layout 1,3 title "Real: JapaneseVowels resampled: cost of reaching the target accuracy against B"
  # Panel 1: steps (updates) to the target B_crit at T = 16: 272, 32: 177, 64: 118, 128: 88
  reset
  set title "steps (updates) to the target\nB_crit at T = 16: 272, 32: 177, 64: 118, 128: 88"
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
  set yrange [3.1917420100177805:444.2893528103224]
  set ytics (5.0, 10.0, 20.0, 50.0, 100.0, 200.0)
  plot "real-steps.dat" index 0 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "T = 16", \
       "real-steps.dat" index 1 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#D55E00" title "T = 32", \
       "real-steps.dat" index 2 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#009E73" title "T = 64", \
       "real-steps.dat" index 3 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#CC79A7" title "T = 128"
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
  set yrange [325.56324906021064:885.9448372160833]
  set ytics (400.0, 500.0, 600.0, 700.0, 800.0)
  plot "real-steps.dat" index 4 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "T = 16", \
       "real-steps.dat" index 5 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#D55E00" title "T = 32", \
       "real-steps.dat" index 6 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#009E73" title "T = 64", \
       "real-steps.dat" index 7 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#CC79A7" title "T = 128"
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
  set yrange [0.0011988038305402928:0.020848343042850853]
  set ytics (0.002, 0.005, 0.01, 0.02)
  plot "real-steps.dat" index 8 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "T = 16", \
       "real-steps.dat" index 9 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#D55E00" title "T = 32", \
       "real-steps.dat" index 10 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#009E73" title "T = 64", \
       "real-steps.dat" index 11 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#CC79A7" title "T = 128"
  unset multiplot
  unset output
}
