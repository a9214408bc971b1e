# time = a + b*T + c*T*B, fitted: drawn by LSTMLab from cost-model.dat
# Redraw (writes cost-model.png and cost-model.svg):  gnuplot cost-model.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' cost-model.gp
# Each series is one block of cost-model.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1300,560 noenhanced font "Sans,11"; set output "cost-model.png" }
  if (format eq "svg") { set terminal svg size 1300,560 noenhanced font "Sans,11" background "white"; set output "cost-model.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  set multiplot layout 1,2 title "time = a + b*T + c*T*B, fitted"
  # Panel 1: Models against the measurements
  reset
  set title "Models against the measurements"
  set xlabel "predicted time per update (ms)"
  set ylabel "measured time per update (ms)"
  set grid
  set key top left opaque box
  set logscale x 10.0
  set format x "%g"
  set xrange [0.12918273767142086:34.75825068394493]
  set xtics (0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0)
  set logscale y 10.0
  set format y "%g"
  set yrange [0.12918273767142086:34.75825068394493]
  set ytics (0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0)
  plot "cost-model.dat" index 0 using 1:2 with points pointtype 6 pointsize 1.3 linewidth 1.5 linecolor rgb "#0072B2" title "model A", \
       "cost-model.dat" index 1 using 1:2 with points pointtype 6 pointsize 1.3 linewidth 1.5 linecolor rgb "#D55E00" title "model B", \
       "cost-model.dat" index 2 using 1:2 with lines linewidth 1.5 dashtype (5,5) linecolor rgb "#707070" title "measured = predicted"
  # Panel 2: Relative residuals
  reset
  set title "Relative residuals"
  set xlabel "T*B (sequence-steps per update)"
  set ylabel "(measured - predicted) / predicted (%)"
  set grid
  set key outside right top opaque box
  set logscale x 2.0
  set format x "%g"
  set xrange [51.26847216573579:20452.64771320399]
  set xtics (64.0, 128.0, 256.0, 512.0, 1024.0, 2048.0, 4096.0, 8192.0, 16384.0)
  set format y "%g"
  set yrange [-9.318069573683484:22.618900792260103]
  plot "cost-model.dat" index 3 using 1:2 with points pointtype 6 pointsize 1.3 linewidth 1.5 linecolor rgb "#0072B2" title "model A", \
       "cost-model.dat" index 4 using 1:2 with points pointtype 6 pointsize 1.3 linewidth 1.5 linecolor rgb "#D55E00" title "model B", \
       0.0 with lines linewidth 1.5 dashtype (5,5) linecolor rgb "#707070" title "no error"
  unset multiplot
  unset output
}
