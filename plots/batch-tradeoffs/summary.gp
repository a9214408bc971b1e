# What each batch size reaches, and what it costs to get there (6 seeds): drawn by LSTMLab from summary.dat
# Redraw (writes summary.png and summary.svg):  gnuplot summary.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' summary.gp
# Each series is one block of summary.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1300,950 noenhanced font "Sans,11"; set output "summary.png" }
  if (format eq "svg") { set terminal svg size 1300,950 noenhanced font "Sans,11" background "white"; set output "summary.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  set multiplot layout 2,2 title "What each batch size reaches, and what it costs to get there (6 seeds)"
  # Panel 1: Validation accuracy after 16 epochs (mean, 95% interval)
  reset
  set title "Validation accuracy after 16 epochs (mean, 95% interval)"
  set xlabel "batch size B (log scale; rules drawn slightly apart)"
  set ylabel "validation accuracy"
  set grid
  set key bottom left opaque box
  set logscale x 2.0
  set format x "%g"
  set xrange [2.952363807109743:693.6814477498009]
  set format y "%g"
  set yrange [0.3067046571095921:1.0256789151506047]
  plot "summary.dat" index 0 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "constant", \
       "summary.dat" index 1 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#D55E00" title "linear", \
       "summary.dat" index 2 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#009E73" title "sqrt", \
       "summary.dat" index 3 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#CC79A7" title "above", \
       0.3333333333333333 with lines linewidth 1.5 dashtype (10,6) linecolor rgb "#404040" title "chance"
  # Panel 2: Generalisation gap after 16 epochs (mean, 95% interval)
  reset
  set title "Generalisation gap after 16 epochs (mean, 95% interval)"
  set xlabel "batch size B (log scale; rules drawn slightly apart)"
  set ylabel "validation loss - train loss (nats)"
  set grid
  unset key
  set logscale x 2.0
  set format x "%g"
  set xrange [2.952363807109743:693.6814477498009]
  set format y "%g"
  set yrange [-0.012119793637712595:0.21923540552116777]
  plot "summary.dat" index 4 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "constant", \
       "summary.dat" index 5 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#D55E00" title "linear", \
       "summary.dat" index 6 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#009E73" title "sqrt", \
       "summary.dat" index 7 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#CC79A7" title "above", \
       0.0 with lines linewidth 1.5 dashtype (5,5) linecolor rgb "#707070" title "no gap"
  # Panel 3: Updates to reach 0.815 (geometric mean, 95% interval)
  reset
  set title "Updates to reach 0.815 (geometric mean, 95% interval)"
  set xlabel "batch size B (log scale; rules drawn slightly apart)"
  set ylabel "updates (log scale)"
  set grid
  set key top right opaque box
  set logscale x 2.0
  set format x "%g"
  set xrange [2.960364746681139:646.5482652887922]
  set logscale y 10.0
  set format y "%g"
  set yrange [1.0189674554956787:541.2475253486059]
  set ytics (2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0)
  plot "summary.dat" index 8 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" notitle, \
       "summary.dat" index 9 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#D55E00" notitle, \
       "summary.dat" index 10 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#009E73" notitle, \
       "summary.dat" index 11 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#CC79A7" notitle, \
       "summary.dat" index 12 using 1:2 with points pointtype 6 pointsize 1.3 linewidth 1.5 linecolor rgb "#56B4E9" title "tuned envelope (best rate at each B)", \
       "summary.dat" index 13 using 1:2 with lines linewidth 1.5 dashtype (2,5) linecolor rgb "#606060" title "perfect scaling (x 1/B)", \
       "summary.dat" index 14 using 1:2 with lines linewidth 1.5 dashtype (14,5,3,5) linecolor rgb "#202020" title "fit S_min (1 + B_crit/B), B_crit = 75"
  # Panel 4: Epochs to reach the target (geometric mean, 95% interval)
  reset
  set title "Epochs to reach the target (geometric mean, 95% interval)"
  set xlabel "batch size B (log scale; rules drawn slightly apart)"
  set ylabel "epochs (log scale)"
  set grid
  unset key
  set logscale x 2.0
  set format x "%g"
  set xrange [2.960364746681139:646.5482652887922]
  set logscale y 10.0
  set format y "%g"
  set yrange [0.1747879243548082:10.444315496082258]
  set ytics (0.2, 0.5, 1.0, 2.0, 5.0, 10.0)
  plot "summary.dat" index 15 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "constant", \
       "summary.dat" index 16 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#D55E00" title "linear", \
       "summary.dat" index 17 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#009E73" title "sqrt", \
       "summary.dat" index 18 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#CC79A7" title "above"
  unset multiplot
  unset output
}
