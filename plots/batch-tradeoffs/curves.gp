# The same runs against three clocks: epochs, updates, seconds (mean of 6 seeds): drawn by LSTMLab from curves.dat
# Redraw (writes curves.png and curves.svg):  gnuplot curves.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' curves.gp
# Each series is one block of curves.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1500,1680 noenhanced font "Sans,11"; set output "curves.png" }
  if (format eq "svg") { set terminal svg size 1500,1680 noenhanced font "Sans,11" background "white"; set output "curves.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  set multiplot layout 4,3 title "The same runs against three clocks: epochs, updates, seconds (mean of 6 seeds)"
  # Panel 1: constant lr: loss vs epochs
  reset
  set title "constant lr: loss vs epochs"
  set xlabel "epochs (examples seen / N)"
  set ylabel "validation loss (nats)"
  set grid
  set key top right opaque box
  set format x "%g"
  set xrange [-0.64:16.64]
  set format y "%g"
  set yrange [0.1315233625471592:1.1450079109519722]
  plot "curves.dat" index 0 using 1:2 with lines linewidth 2 linecolor rgb "#0072B2" title "B = 4", \
       "curves.dat" index 1 using 1:2 with lines linewidth 2 linecolor rgb "#D55E00" title "B = 8", \
       "curves.dat" index 2 using 1:2 with lines linewidth 2 linecolor rgb "#009E73" title "B = 16", \
       "curves.dat" index 3 using 1:2 with lines linewidth 2 linecolor rgb "#CC79A7" title "B = 32", \
       "curves.dat" index 4 using 1:2 with lines linewidth 2 linecolor rgb "#56B4E9" title "B = 64", \
       "curves.dat" index 5 using 1:2 with lines linewidth 2 linecolor rgb "#E69F00" title "B = 128", \
       "curves.dat" index 6 using 1:2 with lines linewidth 2 linecolor rgb "#000000" title "B = 256", \
       "curves.dat" index 7 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#882255" title "B = 512"
  # Panel 2: constant lr: loss vs updates
  reset
  set title "constant lr: loss vs updates"
  set xlabel "updates (log scale)"
  set ylabel "validation loss (nats)"
  set grid
  unset key
  set logscale x 10.0
  set format x "%g"
  set xrange [0.6973718331752027:11746.961391745646]
  set format y "%g"
  set yrange [0.13163286283612252:1.1421609034389257]
  plot "curves.dat" index 8 using 1:2 with lines linewidth 2 linecolor rgb "#0072B2" title "B = 4", \
       "curves.dat" index 9 using 1:2 with lines linewidth 2 linecolor rgb "#D55E00" title "B = 8", \
       "curves.dat" index 10 using 1:2 with lines linewidth 2 linecolor rgb "#009E73" title "B = 16", \
       "curves.dat" index 11 using 1:2 with lines linewidth 2 linecolor rgb "#CC79A7" title "B = 32", \
       "curves.dat" index 12 using 1:2 with lines linewidth 2 linecolor rgb "#56B4E9" title "B = 64", \
       "curves.dat" index 13 using 1:2 with lines linewidth 2 linecolor rgb "#E69F00" title "B = 128", \
       "curves.dat" index 14 using 1:2 with lines linewidth 2 linecolor rgb "#000000" title "B = 256", \
       "curves.dat" index 15 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#882255" title "B = 512"
  # Panel 3: constant lr: loss vs time
  reset
  set title "constant lr: loss vs time"
  set xlabel "training time (s, cpu, log scale)"
  set ylabel "validation loss (nats)"
  set grid
  unset key
  set logscale x 10.0
  set format x "%g"
  set xrange [6.859591922536162e-05:0.5909639490475521]
  set format y "%g"
  set yrange [0.13163286283612252:1.1421609034389257]
  plot "curves.dat" index 16 using 1:2 with lines linewidth 2 linecolor rgb "#0072B2" title "B = 4", \
       "curves.dat" index 17 using 1:2 with lines linewidth 2 linecolor rgb "#D55E00" title "B = 8", \
       "curves.dat" index 18 using 1:2 with lines linewidth 2 linecolor rgb "#009E73" title "B = 16", \
       "curves.dat" index 19 using 1:2 with lines linewidth 2 linecolor rgb "#CC79A7" title "B = 32", \
       "curves.dat" index 20 using 1:2 with lines linewidth 2 linecolor rgb "#56B4E9" title "B = 64", \
       "curves.dat" index 21 using 1:2 with lines linewidth 2 linecolor rgb "#E69F00" title "B = 128", \
       "curves.dat" index 22 using 1:2 with lines linewidth 2 linecolor rgb "#000000" title "B = 256", \
       "curves.dat" index 23 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#882255" title "B = 512"
  # Panel 4: linear lr: loss vs epochs
  reset
  set title "linear lr: loss vs epochs"
  set xlabel "epochs (examples seen / N)"
  set ylabel "validation loss (nats)"
  set grid
  set key top right opaque box
  set format x "%g"
  set xrange [-0.64:16.64]
  set format y "%g"
  set yrange [0.11866038146118324:1.5381508189315598]
  plot "curves.dat" index 24 using 1:2 with lines linewidth 2 linecolor rgb "#0072B2" title "B = 4", \
       "curves.dat" index 25 using 1:2 with lines linewidth 2 linecolor rgb "#D55E00" title "B = 8", \
       "curves.dat" index 26 using 1:2 with lines linewidth 2 linecolor rgb "#009E73" title "B = 16", \
       "curves.dat" index 27 using 1:2 with lines linewidth 2 linecolor rgb "#CC79A7" title "B = 32", \
       "curves.dat" index 28 using 1:2 with lines linewidth 2 linecolor rgb "#56B4E9" title "B = 64", \
       "curves.dat" index 29 using 1:2 with lines linewidth 2 linecolor rgb "#E69F00" title "B = 128", \
       "curves.dat" index 30 using 1:2 with lines linewidth 2 linecolor rgb "#000000" title "B = 256", \
       "curves.dat" index 31 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#882255" title "B = 512"
  # Panel 5: linear lr: loss vs updates
  reset
  set title "linear lr: loss vs updates"
  set xlabel "updates (log scale)"
  set ylabel "validation loss (nats)"
  set grid
  unset key
  set logscale x 10.0
  set format x "%g"
  set xrange [0.6973718331752027:11746.961391745646]
  set format y "%g"
  set yrange [0.11866038146118324:1.5381508189315598]
  plot "curves.dat" index 32 using 1:2 with lines linewidth 2 linecolor rgb "#0072B2" title "B = 4", \
       "curves.dat" index 33 using 1:2 with lines linewidth 2 linecolor rgb "#D55E00" title "B = 8", \
       "curves.dat" index 34 using 1:2 with lines linewidth 2 linecolor rgb "#009E73" title "B = 16", \
       "curves.dat" index 35 using 1:2 with lines linewidth 2 linecolor rgb "#CC79A7" title "B = 32", \
       "curves.dat" index 36 using 1:2 with lines linewidth 2 linecolor rgb "#56B4E9" title "B = 64", \
       "curves.dat" index 37 using 1:2 with lines linewidth 2 linecolor rgb "#E69F00" title "B = 128", \
       "curves.dat" index 38 using 1:2 with lines linewidth 2 linecolor rgb "#000000" title "B = 256", \
       "curves.dat" index 39 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#882255" title "B = 512"
  # Panel 6: linear lr: loss vs time
  reset
  set title "linear lr: loss vs time"
  set xlabel "training time (s, cpu, log scale)"
  set ylabel "validation loss (nats)"
  set grid
  unset key
  set logscale x 10.0
  set format x "%g"
  set xrange [5.902435289942905e-05:0.6572181630213765]
  set format y "%g"
  set yrange [0.11866038146118324:1.5381508189315598]
  plot "curves.dat" index 40 using 1:2 with lines linewidth 2 linecolor rgb "#0072B2" title "B = 4", \
       "curves.dat" index 41 using 1:2 with lines linewidth 2 linecolor rgb "#D55E00" title "B = 8", \
       "curves.dat" index 42 using 1:2 with lines linewidth 2 linecolor rgb "#009E73" title "B = 16", \
       "curves.dat" index 43 using 1:2 with lines linewidth 2 linecolor rgb "#CC79A7" title "B = 32", \
       "curves.dat" index 44 using 1:2 with lines linewidth 2 linecolor rgb "#56B4E9" title "B = 64", \
       "curves.dat" index 45 using 1:2 with lines linewidth 2 linecolor rgb "#E69F00" title "B = 128", \
       "curves.dat" index 46 using 1:2 with lines linewidth 2 linecolor rgb "#000000" title "B = 256", \
       "curves.dat" index 47 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#882255" title "B = 512"
  # Panel 7: sqrt lr: loss vs epochs
  reset
  set title "sqrt lr: loss vs epochs"
  set xlabel "epochs (examples seen / N)"
  set ylabel "validation loss (nats)"
  set grid
  set key top right opaque box
  set format x "%g"
  set xrange [-0.64:16.64]
  set format y "%g"
  set yrange [0.1323282733062903:1.1449769528458518]
  plot "curves.dat" index 48 using 1:2 with lines linewidth 2 linecolor rgb "#0072B2" title "B = 4", \
       "curves.dat" index 49 using 1:2 with lines linewidth 2 linecolor rgb "#D55E00" title "B = 8", \
       "curves.dat" index 50 using 1:2 with lines linewidth 2 linecolor rgb "#009E73" title "B = 16", \
       "curves.dat" index 51 using 1:2 with lines linewidth 2 linecolor rgb "#CC79A7" title "B = 32", \
       "curves.dat" index 52 using 1:2 with lines linewidth 2 linecolor rgb "#56B4E9" title "B = 64", \
       "curves.dat" index 53 using 1:2 with lines linewidth 2 linecolor rgb "#E69F00" title "B = 128", \
       "curves.dat" index 54 using 1:2 with lines linewidth 2 linecolor rgb "#000000" title "B = 256", \
       "curves.dat" index 55 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#882255" title "B = 512"
  # Panel 8: sqrt lr: loss vs updates
  reset
  set title "sqrt lr: loss vs updates"
  set xlabel "updates (log scale)"
  set ylabel "validation loss (nats)"
  set grid
  unset key
  set logscale x 10.0
  set format x "%g"
  set xrange [0.6973718331752027:11746.961391745646]
  set format y "%g"
  set yrange [0.1323803540567557:1.1436228533337514]
  plot "curves.dat" index 56 using 1:2 with lines linewidth 2 linecolor rgb "#0072B2" title "B = 4", \
       "curves.dat" index 57 using 1:2 with lines linewidth 2 linecolor rgb "#D55E00" title "B = 8", \
       "curves.dat" index 58 using 1:2 with lines linewidth 2 linecolor rgb "#009E73" title "B = 16", \
       "curves.dat" index 59 using 1:2 with lines linewidth 2 linecolor rgb "#CC79A7" title "B = 32", \
       "curves.dat" index 60 using 1:2 with lines linewidth 2 linecolor rgb "#56B4E9" title "B = 64", \
       "curves.dat" index 61 using 1:2 with lines linewidth 2 linecolor rgb "#E69F00" title "B = 128", \
       "curves.dat" index 62 using 1:2 with lines linewidth 2 linecolor rgb "#000000" title "B = 256", \
       "curves.dat" index 63 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#882255" title "B = 512"
  # Panel 9: sqrt lr: loss vs time
  reset
  set title "sqrt lr: loss vs time"
  set xlabel "training time (s, cpu, log scale)"
  set ylabel "validation loss (nats)"
  set grid
  unset key
  set logscale x 10.0
  set format x "%g"
  set xrange [6.325272541126998e-05:0.6268859046301121]
  set format y "%g"
  set yrange [0.1323803540567557:1.1436228533337514]
  plot "curves.dat" index 64 using 1:2 with lines linewidth 2 linecolor rgb "#0072B2" title "B = 4", \
       "curves.dat" index 65 using 1:2 with lines linewidth 2 linecolor rgb "#D55E00" title "B = 8", \
       "curves.dat" index 66 using 1:2 with lines linewidth 2 linecolor rgb "#009E73" title "B = 16", \
       "curves.dat" index 67 using 1:2 with lines linewidth 2 linecolor rgb "#CC79A7" title "B = 32", \
       "curves.dat" index 68 using 1:2 with lines linewidth 2 linecolor rgb "#56B4E9" title "B = 64", \
       "curves.dat" index 69 using 1:2 with lines linewidth 2 linecolor rgb "#E69F00" title "B = 128", \
       "curves.dat" index 70 using 1:2 with lines linewidth 2 linecolor rgb "#000000" title "B = 256", \
       "curves.dat" index 71 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#882255" title "B = 512"
  # Panel 10: above lr: loss vs epochs
  reset
  set title "above lr: loss vs epochs"
  set xlabel "epochs (examples seen / N)"
  set ylabel "validation loss (nats)"
  set grid
  set key top right opaque box
  set format x "%g"
  set xrange [-0.64:16.64]
  set format y "%g"
  set yrange [0.06627354289094606:2.9102195729563634]
  plot "curves.dat" index 72 using 1:2 with lines linewidth 2 linecolor rgb "#0072B2" title "B = 4", \
       "curves.dat" index 73 using 1:2 with lines linewidth 2 linecolor rgb "#D55E00" title "B = 8", \
       "curves.dat" index 74 using 1:2 with lines linewidth 2 linecolor rgb "#009E73" title "B = 16", \
       "curves.dat" index 75 using 1:2 with lines linewidth 2 linecolor rgb "#CC79A7" title "B = 32", \
       "curves.dat" index 76 using 1:2 with lines linewidth 2 linecolor rgb "#56B4E9" title "B = 64", \
       "curves.dat" index 77 using 1:2 with lines linewidth 2 linecolor rgb "#E69F00" title "B = 128", \
       "curves.dat" index 78 using 1:2 with lines linewidth 2 linecolor rgb "#000000" title "B = 256", \
       "curves.dat" index 79 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#882255" title "B = 512"
  # Panel 11: above lr: loss vs updates
  reset
  set title "above lr: loss vs updates"
  set xlabel "updates (log scale)"
  set ylabel "validation loss (nats)"
  set grid
  unset key
  set logscale x 10.0
  set format x "%g"
  set xrange [0.6973718331752027:11746.961391745646]
  set format y "%g"
  set yrange [0.06627354289094606:2.9102195729563634]
  plot "curves.dat" index 80 using 1:2 with lines linewidth 2 linecolor rgb "#0072B2" title "B = 4", \
       "curves.dat" index 81 using 1:2 with lines linewidth 2 linecolor rgb "#D55E00" title "B = 8", \
       "curves.dat" index 82 using 1:2 with lines linewidth 2 linecolor rgb "#009E73" title "B = 16", \
       "curves.dat" index 83 using 1:2 with lines linewidth 2 linecolor rgb "#CC79A7" title "B = 32", \
       "curves.dat" index 84 using 1:2 with lines linewidth 2 linecolor rgb "#56B4E9" title "B = 64", \
       "curves.dat" index 85 using 1:2 with lines linewidth 2 linecolor rgb "#E69F00" title "B = 128", \
       "curves.dat" index 86 using 1:2 with lines linewidth 2 linecolor rgb "#000000" title "B = 256", \
       "curves.dat" index 87 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#882255" title "B = 512"
  # Panel 12: above lr: loss vs time
  reset
  set title "above lr: loss vs time"
  set xlabel "training time (s, cpu, log scale)"
  set ylabel "validation loss (nats)"
  set grid
  unset key
  set logscale x 10.0
  set format x "%g"
  set xrange [5.694739608899432e-05:0.5491822199809966]
  set format y "%g"
  set yrange [0.06627354289094606:2.9102195729563634]
  plot "curves.dat" index 88 using 1:2 with lines linewidth 2 linecolor rgb "#0072B2" title "B = 4", \
       "curves.dat" index 89 using 1:2 with lines linewidth 2 linecolor rgb "#D55E00" title "B = 8", \
       "curves.dat" index 90 using 1:2 with lines linewidth 2 linecolor rgb "#009E73" title "B = 16", \
       "curves.dat" index 91 using 1:2 with lines linewidth 2 linecolor rgb "#CC79A7" title "B = 32", \
       "curves.dat" index 92 using 1:2 with lines linewidth 2 linecolor rgb "#56B4E9" title "B = 64", \
       "curves.dat" index 93 using 1:2 with lines linewidth 2 linecolor rgb "#E69F00" title "B = 128", \
       "curves.dat" index 94 using 1:2 with lines linewidth 2 linecolor rgb "#000000" title "B = 256", \
       "curves.dat" index 95 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#882255" title "B = 512"
  unset multiplot
  unset output
}
