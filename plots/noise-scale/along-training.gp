# B_simple along training (geometric mean over seeds): drawn by LSTMLab from along-training.dat
# Redraw (writes along-training.png and along-training.svg):  gnuplot along-training.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' along-training.gp
# Each series is one block of along-training.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1650,520 noenhanced font "Sans,11"; set output "along-training.png" }
  if (format eq "svg") { set terminal svg size 1650,520 noenhanced font "Sans,11" background "white"; set output "along-training.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  set multiplot layout 1,3
  # Panel 1: B_simple along training (geometric mean over seeds)
  reset
  set title "B_simple along training (geometric mean over seeds)"
  set xlabel "epoch (log scale)"
  set ylabel "B_simple (sequences, log scale)"
  set grid
  set key bottom right opaque box
  set logscale x 2.0
  set format x "%g"
  set xrange [0.10584316404531594:9.447941291436239]
  set logscale y 10.0
  set format y "%g"
  set yrange [19.30382927827616:593.9852570176524]
  set ytics (20.0, 50.0, 100.0, 200.0, 500.0)
  plot "along-training.dat" index 0 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "T = 10", \
       "along-training.dat" index 1 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#D55E00" title "T = 20", \
       "along-training.dat" index 2 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#009E73" title "T = 50", \
       "along-training.dat" index 3 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#CC79A7" title "T = 100", \
       "along-training.dat" index 4 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#56B4E9" title "T = 200"
  # Panel 2: B_simple against the training loss, matched levels dashed
  reset
  set title "B_simple against the training loss, matched levels dashed"
  set xlabel "training loss (nats, log scale)"
  set ylabel "B_simple (sequences, log scale)"
  set grid
  set key bottom left opaque box
  set logscale x 10.0
  set format x "%g"
  set xrange [0.08757560932316431:1.2122282529774722]
  set xtics (0.1, 0.2, 0.5, 1.0)
  set logscale y 10.0
  set format y "%g"
  set yrange [2.7600903220107162:9777.56247889236]
  plot "along-training.dat" index 5 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "T = 10", \
       "along-training.dat" index 6 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#D55E00" title "T = 20", \
       "along-training.dat" index 7 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#009E73" title "T = 50", \
       "along-training.dat" index 8 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#CC79A7" title "T = 100", \
       "along-training.dat" index 9 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#56B4E9" title "T = 200", \
       "along-training.dat" index 10 using 1:2 with lines linewidth 1.5 dashtype (5,5) linecolor rgb "#707070" title "matched loss 0.942 (T ≥ 10)", \
       "along-training.dat" index 11 using 1:2 with lines linewidth 1.5 dashtype (5,5) linecolor rgb "#707070" title "matched loss 0.544 (T ≥ 20)"
  # Panel 3: The cheap estimator against per-sequence gradients
  reset
  set title "The cheap estimator against per-sequence gradients"
  set xlabel "per-sequence B_simple at the end of the epoch (log)"
  set ylabel "two-batch estimate during the epoch (log)"
  set grid
  set key top left opaque box
  set logscale x 10.0
  set format x "%g"
  set xrange [2.7600903220107162:9777.56247889236]
  set logscale y 10.0
  set format y "%g"
  set yrange [2.7600903220107162:9777.56247889236]
  plot "along-training.dat" index 12 using 1:2 with points pointtype 6 pointsize 1.3 linewidth 1.5 linecolor rgb "#E69F00" title "one run, one epoch", \
       "along-training.dat" index 13 using 1:2 with lines linewidth 1.5 dashtype (2,5) linecolor rgb "#606060" title "equal"
  unset multiplot
  unset output
}
