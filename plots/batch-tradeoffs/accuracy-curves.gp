# Validation accuracy against three clocks (mean of 6 seeds): drawn by LSTMLab from accuracy-curves.dat
# Redraw (writes accuracy-curves.png and accuracy-curves.svg):  gnuplot accuracy-curves.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' accuracy-curves.gp
# Each series is one block of accuracy-curves.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1500,1680 noenhanced font "Sans,11"; set output "accuracy-curves.png" }
  if (format eq "svg") { set terminal svg size 1500,1680 noenhanced font "Sans,11" background "white"; set output "accuracy-curves.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  set multiplot layout 4,3 title "Validation accuracy against three clocks (mean of 6 seeds)"
  # Panel 1: constant lr: accuracy vs epochs
  reset
  set title "constant lr: accuracy vs epochs"
  set xlabel "epochs (examples seen / N)"
  set ylabel "validation accuracy"
  set grid
  set key bottom right opaque box
  set format x "%g"
  set xrange [-0.64:16.64]
  set format y "%g"
  set yrange [0.0:1.0]
  plot "accuracy-curves.dat" index 0 using 1:2 with lines linewidth 2 linecolor rgb "#0072B2" title "B = 4", \
       "accuracy-curves.dat" index 1 using 1:2 with lines linewidth 2 linecolor rgb "#D55E00" title "B = 8", \
       "accuracy-curves.dat" index 2 using 1:2 with lines linewidth 2 linecolor rgb "#009E73" title "B = 16", \
       "accuracy-curves.dat" index 3 using 1:2 with lines linewidth 2 linecolor rgb "#CC79A7" title "B = 32", \
       "accuracy-curves.dat" index 4 using 1:2 with lines linewidth 2 linecolor rgb "#56B4E9" title "B = 64", \
       "accuracy-curves.dat" index 5 using 1:2 with lines linewidth 2 linecolor rgb "#E69F00" title "B = 128", \
       "accuracy-curves.dat" index 6 using 1:2 with lines linewidth 2 linecolor rgb "#000000" title "B = 256", \
       "accuracy-curves.dat" index 7 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#882255" title "B = 512", \
       0.3333333333333333 with lines linewidth 1.5 dashtype (10,6) linecolor rgb "#404040" title "chance"
  # Panel 2: constant lr: accuracy vs updates
  reset
  set title "constant lr: accuracy vs updates"
  set xlabel "updates (log scale)"
  set ylabel "validation accuracy"
  set grid
  unset key
  set logscale x 10.0
  set format x "%g"
  set xrange [0.6973718331752027:11746.961391745646]
  set format y "%g"
  set yrange [0.0:1.0]
  plot "accuracy-curves.dat" index 8 using 1:2 with lines linewidth 2 linecolor rgb "#0072B2" title "B = 4", \
       "accuracy-curves.dat" index 9 using 1:2 with lines linewidth 2 linecolor rgb "#D55E00" title "B = 8", \
       "accuracy-curves.dat" index 10 using 1:2 with lines linewidth 2 linecolor rgb "#009E73" title "B = 16", \
       "accuracy-curves.dat" index 11 using 1:2 with lines linewidth 2 linecolor rgb "#CC79A7" title "B = 32", \
       "accuracy-curves.dat" index 12 using 1:2 with lines linewidth 2 linecolor rgb "#56B4E9" title "B = 64", \
       "accuracy-curves.dat" index 13 using 1:2 with lines linewidth 2 linecolor rgb "#E69F00" title "B = 128", \
       "accuracy-curves.dat" index 14 using 1:2 with lines linewidth 2 linecolor rgb "#000000" title "B = 256", \
       "accuracy-curves.dat" index 15 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#882255" title "B = 512", \
       0.3333333333333333 with lines linewidth 1.5 dashtype (10,6) linecolor rgb "#404040" title "chance"
  # Panel 3: constant lr: accuracy vs time
  reset
  set title "constant lr: accuracy vs time"
  set xlabel "training time (s, cpu, log scale)"
  set ylabel "validation accuracy"
  set grid
  unset key
  set logscale x 10.0
  set format x "%g"
  set xrange [6.859591922536162e-05:0.5909639490475521]
  set format y "%g"
  set yrange [0.0:1.0]
  plot "accuracy-curves.dat" index 16 using 1:2 with lines linewidth 2 linecolor rgb "#0072B2" title "B = 4", \
       "accuracy-curves.dat" index 17 using 1:2 with lines linewidth 2 linecolor rgb "#D55E00" title "B = 8", \
       "accuracy-curves.dat" index 18 using 1:2 with lines linewidth 2 linecolor rgb "#009E73" title "B = 16", \
       "accuracy-curves.dat" index 19 using 1:2 with lines linewidth 2 linecolor rgb "#CC79A7" title "B = 32", \
       "accuracy-curves.dat" index 20 using 1:2 with lines linewidth 2 linecolor rgb "#56B4E9" title "B = 64", \
       "accuracy-curves.dat" index 21 using 1:2 with lines linewidth 2 linecolor rgb "#E69F00" title "B = 128", \
       "accuracy-curves.dat" index 22 using 1:2 with lines linewidth 2 linecolor rgb "#000000" title "B = 256", \
       "accuracy-curves.dat" index 23 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#882255" title "B = 512", \
       0.3333333333333333 with lines linewidth 1.5 dashtype (10,6) linecolor rgb "#404040" title "chance"
  # Panel 4: linear lr: accuracy vs epochs
  reset
  set title "linear lr: accuracy vs epochs"
  set xlabel "epochs (examples seen / N)"
  set ylabel "validation accuracy"
  set grid
  set key bottom right opaque box
  set format x "%g"
  set xrange [-0.64:16.64]
  set format y "%g"
  set yrange [0.0:1.0]
  plot "accuracy-curves.dat" index 24 using 1:2 with lines linewidth 2 linecolor rgb "#0072B2" title "B = 4", \
       "accuracy-curves.dat" index 25 using 1:2 with lines linewidth 2 linecolor rgb "#D55E00" title "B = 8", \
       "accuracy-curves.dat" index 26 using 1:2 with lines linewidth 2 linecolor rgb "#009E73" title "B = 16", \
       "accuracy-curves.dat" index 27 using 1:2 with lines linewidth 2 linecolor rgb "#CC79A7" title "B = 32", \
       "accuracy-curves.dat" index 28 using 1:2 with lines linewidth 2 linecolor rgb "#56B4E9" title "B = 64", \
       "accuracy-curves.dat" index 29 using 1:2 with lines linewidth 2 linecolor rgb "#E69F00" title "B = 128", \
       "accuracy-curves.dat" index 30 using 1:2 with lines linewidth 2 linecolor rgb "#000000" title "B = 256", \
       "accuracy-curves.dat" index 31 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#882255" title "B = 512", \
       0.3333333333333333 with lines linewidth 1.5 dashtype (10,6) linecolor rgb "#404040" title "chance"
  # Panel 5: linear lr: accuracy vs updates
  reset
  set title "linear lr: accuracy vs updates"
  set xlabel "updates (log scale)"
  set ylabel "validation accuracy"
  set grid
  unset key
  set logscale x 10.0
  set format x "%g"
  set xrange [0.6973718331752027:11746.961391745646]
  set format y "%g"
  set yrange [0.0:1.0]
  plot "accuracy-curves.dat" index 32 using 1:2 with lines linewidth 2 linecolor rgb "#0072B2" title "B = 4", \
       "accuracy-curves.dat" index 33 using 1:2 with lines linewidth 2 linecolor rgb "#D55E00" title "B = 8", \
       "accuracy-curves.dat" index 34 using 1:2 with lines linewidth 2 linecolor rgb "#009E73" title "B = 16", \
       "accuracy-curves.dat" index 35 using 1:2 with lines linewidth 2 linecolor rgb "#CC79A7" title "B = 32", \
       "accuracy-curves.dat" index 36 using 1:2 with lines linewidth 2 linecolor rgb "#56B4E9" title "B = 64", \
       "accuracy-curves.dat" index 37 using 1:2 with lines linewidth 2 linecolor rgb "#E69F00" title "B = 128", \
       "accuracy-curves.dat" index 38 using 1:2 with lines linewidth 2 linecolor rgb "#000000" title "B = 256", \
       "accuracy-curves.dat" index 39 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#882255" title "B = 512", \
       0.3333333333333333 with lines linewidth 1.5 dashtype (10,6) linecolor rgb "#404040" title "chance"
  # Panel 6: linear lr: accuracy vs time
  reset
  set title "linear lr: accuracy vs time"
  set xlabel "training time (s, cpu, log scale)"
  set ylabel "validation accuracy"
  set grid
  unset key
  set logscale x 10.0
  set format x "%g"
  set xrange [5.902435289942905e-05:0.6572181630213765]
  set format y "%g"
  set yrange [0.0:1.0]
  plot "accuracy-curves.dat" index 40 using 1:2 with lines linewidth 2 linecolor rgb "#0072B2" title "B = 4", \
       "accuracy-curves.dat" index 41 using 1:2 with lines linewidth 2 linecolor rgb "#D55E00" title "B = 8", \
       "accuracy-curves.dat" index 42 using 1:2 with lines linewidth 2 linecolor rgb "#009E73" title "B = 16", \
       "accuracy-curves.dat" index 43 using 1:2 with lines linewidth 2 linecolor rgb "#CC79A7" title "B = 32", \
       "accuracy-curves.dat" index 44 using 1:2 with lines linewidth 2 linecolor rgb "#56B4E9" title "B = 64", \
       "accuracy-curves.dat" index 45 using 1:2 with lines linewidth 2 linecolor rgb "#E69F00" title "B = 128", \
       "accuracy-curves.dat" index 46 using 1:2 with lines linewidth 2 linecolor rgb "#000000" title "B = 256", \
       "accuracy-curves.dat" index 47 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#882255" title "B = 512", \
       0.3333333333333333 with lines linewidth 1.5 dashtype (10,6) linecolor rgb "#404040" title "chance"
  # Panel 7: sqrt lr: accuracy vs epochs
  reset
  set title "sqrt lr: accuracy vs epochs"
  set xlabel "epochs (examples seen / N)"
  set ylabel "validation accuracy"
  set grid
  set key bottom right opaque box
  set format x "%g"
  set xrange [-0.64:16.64]
  set format y "%g"
  set yrange [0.0:1.0]
  plot "accuracy-curves.dat" index 48 using 1:2 with lines linewidth 2 linecolor rgb "#0072B2" title "B = 4", \
       "accuracy-curves.dat" index 49 using 1:2 with lines linewidth 2 linecolor rgb "#D55E00" title "B = 8", \
       "accuracy-curves.dat" index 50 using 1:2 with lines linewidth 2 linecolor rgb "#009E73" title "B = 16", \
       "accuracy-curves.dat" index 51 using 1:2 with lines linewidth 2 linecolor rgb "#CC79A7" title "B = 32", \
       "accuracy-curves.dat" index 52 using 1:2 with lines linewidth 2 linecolor rgb "#56B4E9" title "B = 64", \
       "accuracy-curves.dat" index 53 using 1:2 with lines linewidth 2 linecolor rgb "#E69F00" title "B = 128", \
       "accuracy-curves.dat" index 54 using 1:2 with lines linewidth 2 linecolor rgb "#000000" title "B = 256", \
       "accuracy-curves.dat" index 55 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#882255" title "B = 512", \
       0.3333333333333333 with lines linewidth 1.5 dashtype (10,6) linecolor rgb "#404040" title "chance"
  # Panel 8: sqrt lr: accuracy vs updates
  reset
  set title "sqrt lr: accuracy vs updates"
  set xlabel "updates (log scale)"
  set ylabel "validation accuracy"
  set grid
  unset key
  set logscale x 10.0
  set format x "%g"
  set xrange [0.6973718331752027:11746.961391745646]
  set format y "%g"
  set yrange [0.0:1.0]
  plot "accuracy-curves.dat" index 56 using 1:2 with lines linewidth 2 linecolor rgb "#0072B2" title "B = 4", \
       "accuracy-curves.dat" index 57 using 1:2 with lines linewidth 2 linecolor rgb "#D55E00" title "B = 8", \
       "accuracy-curves.dat" index 58 using 1:2 with lines linewidth 2 linecolor rgb "#009E73" title "B = 16", \
       "accuracy-curves.dat" index 59 using 1:2 with lines linewidth 2 linecolor rgb "#CC79A7" title "B = 32", \
       "accuracy-curves.dat" index 60 using 1:2 with lines linewidth 2 linecolor rgb "#56B4E9" title "B = 64", \
       "accuracy-curves.dat" index 61 using 1:2 with lines linewidth 2 linecolor rgb "#E69F00" title "B = 128", \
       "accuracy-curves.dat" index 62 using 1:2 with lines linewidth 2 linecolor rgb "#000000" title "B = 256", \
       "accuracy-curves.dat" index 63 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#882255" title "B = 512", \
       0.3333333333333333 with lines linewidth 1.5 dashtype (10,6) linecolor rgb "#404040" title "chance"
  # Panel 9: sqrt lr: accuracy vs time
  reset
  set title "sqrt lr: accuracy vs time"
  set xlabel "training time (s, cpu, log scale)"
  set ylabel "validation accuracy"
  set grid
  unset key
  set logscale x 10.0
  set format x "%g"
  set xrange [6.325272541126998e-05:0.6268859046301121]
  set format y "%g"
  set yrange [0.0:1.0]
  plot "accuracy-curves.dat" index 64 using 1:2 with lines linewidth 2 linecolor rgb "#0072B2" title "B = 4", \
       "accuracy-curves.dat" index 65 using 1:2 with lines linewidth 2 linecolor rgb "#D55E00" title "B = 8", \
       "accuracy-curves.dat" index 66 using 1:2 with lines linewidth 2 linecolor rgb "#009E73" title "B = 16", \
       "accuracy-curves.dat" index 67 using 1:2 with lines linewidth 2 linecolor rgb "#CC79A7" title "B = 32", \
       "accuracy-curves.dat" index 68 using 1:2 with lines linewidth 2 linecolor rgb "#56B4E9" title "B = 64", \
       "accuracy-curves.dat" index 69 using 1:2 with lines linewidth 2 linecolor rgb "#E69F00" title "B = 128", \
       "accuracy-curves.dat" index 70 using 1:2 with lines linewidth 2 linecolor rgb "#000000" title "B = 256", \
       "accuracy-curves.dat" index 71 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#882255" title "B = 512", \
       0.3333333333333333 with lines linewidth 1.5 dashtype (10,6) linecolor rgb "#404040" title "chance"
  # Panel 10: above lr: accuracy vs epochs
  reset
  set title "above lr: accuracy vs epochs"
  set xlabel "epochs (examples seen / N)"
  set ylabel "validation accuracy"
  set grid
  set key bottom right opaque box
  set format x "%g"
  set xrange [-0.64:16.64]
  set format y "%g"
  set yrange [0.0:1.0]
  plot "accuracy-curves.dat" index 72 using 1:2 with lines linewidth 2 linecolor rgb "#0072B2" title "B = 4", \
       "accuracy-curves.dat" index 73 using 1:2 with lines linewidth 2 linecolor rgb "#D55E00" title "B = 8", \
       "accuracy-curves.dat" index 74 using 1:2 with lines linewidth 2 linecolor rgb "#009E73" title "B = 16", \
       "accuracy-curves.dat" index 75 using 1:2 with lines linewidth 2 linecolor rgb "#CC79A7" title "B = 32", \
       "accuracy-curves.dat" index 76 using 1:2 with lines linewidth 2 linecolor rgb "#56B4E9" title "B = 64", \
       "accuracy-curves.dat" index 77 using 1:2 with lines linewidth 2 linecolor rgb "#E69F00" title "B = 128", \
       "accuracy-curves.dat" index 78 using 1:2 with lines linewidth 2 linecolor rgb "#000000" title "B = 256", \
       "accuracy-curves.dat" index 79 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#882255" title "B = 512", \
       0.3333333333333333 with lines linewidth 1.5 dashtype (10,6) linecolor rgb "#404040" title "chance"
  # Panel 11: above lr: accuracy vs updates
  reset
  set title "above lr: accuracy vs updates"
  set xlabel "updates (log scale)"
  set ylabel "validation accuracy"
  set grid
  unset key
  set logscale x 10.0
  set format x "%g"
  set xrange [0.6973718331752027:11746.961391745646]
  set format y "%g"
  set yrange [0.0:1.0]
  plot "accuracy-curves.dat" index 80 using 1:2 with lines linewidth 2 linecolor rgb "#0072B2" title "B = 4", \
       "accuracy-curves.dat" index 81 using 1:2 with lines linewidth 2 linecolor rgb "#D55E00" title "B = 8", \
       "accuracy-curves.dat" index 82 using 1:2 with lines linewidth 2 linecolor rgb "#009E73" title "B = 16", \
       "accuracy-curves.dat" index 83 using 1:2 with lines linewidth 2 linecolor rgb "#CC79A7" title "B = 32", \
       "accuracy-curves.dat" index 84 using 1:2 with lines linewidth 2 linecolor rgb "#56B4E9" title "B = 64", \
       "accuracy-curves.dat" index 85 using 1:2 with lines linewidth 2 linecolor rgb "#E69F00" title "B = 128", \
       "accuracy-curves.dat" index 86 using 1:2 with lines linewidth 2 linecolor rgb "#000000" title "B = 256", \
       "accuracy-curves.dat" index 87 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#882255" title "B = 512", \
       0.3333333333333333 with lines linewidth 1.5 dashtype (10,6) linecolor rgb "#404040" title "chance"
  # Panel 12: above lr: accuracy vs time
  reset
  set title "above lr: accuracy vs time"
  set xlabel "training time (s, cpu, log scale)"
  set ylabel "validation accuracy"
  set grid
  unset key
  set logscale x 10.0
  set format x "%g"
  set xrange [5.694739608899432e-05:0.5491822199809966]
  set format y "%g"
  set yrange [0.0:1.0]
  plot "accuracy-curves.dat" index 88 using 1:2 with lines linewidth 2 linecolor rgb "#0072B2" title "B = 4", \
       "accuracy-curves.dat" index 89 using 1:2 with lines linewidth 2 linecolor rgb "#D55E00" title "B = 8", \
       "accuracy-curves.dat" index 90 using 1:2 with lines linewidth 2 linecolor rgb "#009E73" title "B = 16", \
       "accuracy-curves.dat" index 91 using 1:2 with lines linewidth 2 linecolor rgb "#CC79A7" title "B = 32", \
       "accuracy-curves.dat" index 92 using 1:2 with lines linewidth 2 linecolor rgb "#56B4E9" title "B = 64", \
       "accuracy-curves.dat" index 93 using 1:2 with lines linewidth 2 linecolor rgb "#E69F00" title "B = 128", \
       "accuracy-curves.dat" index 94 using 1:2 with lines linewidth 2 linecolor rgb "#000000" title "B = 256", \
       "accuracy-curves.dat" index 95 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#882255" title "B = 512", \
       0.3333333333333333 with lines linewidth 1.5 dashtype (10,6) linecolor rgb "#404040" title "chance"
  unset multiplot
  unset output
}
