# Volatility regimes (information grows with T): cost of reaching the target accuracy against B: drawn by LSTMLab from regimes-steps.dat
# Redraw (writes regimes-steps.png and regimes-steps.svg):  gnuplot regimes-steps.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' regimes-steps.gp
# Each series is one block of regimes-steps.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1650,540 noenhanced font "Sans,11"; set output "regimes-steps.png" }
  if (format eq "svg") { set terminal svg size 1650,540 noenhanced font "Sans,11" background "white"; set output "regimes-steps.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  set multiplot layout 1,3 title "Volatility regimes (information grows with T): cost of reaching the target accuracy against B"
  # Panel 1: steps (updates) to the target B_crit at T = 16: 153, 32: 98, 64: 51, 128: 87
  reset
  set title "steps (updates) to the target\nB_crit at T = 16: 153, 32: 98, 64: 51, 128: 87"
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
  set yrange [16.514962426381178:2858.91912376428]
  set ytics (20.0, 50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0)
  plot "regimes-steps.dat" index 0 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "T = 16", \
       "regimes-steps.dat" index 1 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#D55E00" title "T = 32", \
       "regimes-steps.dat" index 2 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#009E73" title "T = 64", \
       "regimes-steps.dat" index 3 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#CC79A7" title "T = 128"
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
  set yrange [928.3579133848128:6415.890254634415]
  set ytics (1000.0, 2000.0, 5000.0)
  plot "regimes-steps.dat" index 4 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "T = 16", \
       "regimes-steps.dat" index 5 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#D55E00" title "T = 32", \
       "regimes-steps.dat" index 6 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#009E73" title "T = 64", \
       "regimes-steps.dat" index 7 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#CC79A7" title "T = 128"
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
  set yrange [0.004309764414145842:0.14424692964884867]
  set ytics (0.005, 0.01, 0.02, 0.05, 0.1)
  plot "regimes-steps.dat" index 8 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "T = 16", \
       "regimes-steps.dat" index 9 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#D55E00" title "T = 32", \
       "regimes-steps.dat" index 10 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#009E73" title "T = 64", \
       "regimes-steps.dat" index 11 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#CC79A7" title "T = 128"
  unset multiplot
  unset output
}
