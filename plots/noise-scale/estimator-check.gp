# E |g_B|² = |G|² + tr(Σ)/B: noise falls like 1/B until it meets the signal: drawn by LSTMLab from estimator-check.dat
# Redraw (writes estimator-check.png and estimator-check.svg):  gnuplot estimator-check.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' estimator-check.gp
# Each series is one block of estimator-check.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1300,520 noenhanced font "Sans,11"; set output "estimator-check.png" }
  if (format eq "svg") { set terminal svg size 1300,520 noenhanced font "Sans,11" background "white"; set output "estimator-check.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  set multiplot layout 1,2
  # Panel 1: E |g_B|² = |G|² + tr(Σ)/B: noise falls like 1/B until it meets the signal
  reset
  set title "E |g_B|² = |G|² + tr(Σ)/B: noise falls like 1/B until it meets the signal"
  set xlabel "batch size B (log scale)"
  set ylabel "mean squared gradient norm |g_B|² (log scale)"
  set grid
  set key below opaque box
  set bmargin 8
  set logscale x 2.0
  set format x "%g"
  set xrange [0.7578582832551991:1351.1761006314437]
  set logscale y 10.0
  set format y "%g"
  set yrange [0.0497136663427926:108.85065990756516]
  plot "estimator-check.dat" index 0 using 1:2:3:4 with yerrorbars pointtype 6 pointsize 1.3 linewidth 1.5 linecolor rgb "#0072B2" title "measured (mean ± standard error)", \
       "estimator-check.dat" index 1 using 1:2 with lines linewidth 2 linecolor rgb "#D55E00" title "exact |G|² + tr(Σ)/B (all 2048 per-sequence gradients)", \
       "estimator-check.dat" index 2 using 1:2 with lines linewidth 2 linecolor rgb "#009E73" title "noise alone, tr(Σ)/B", \
       0.40781390296923303 with lines linewidth 1.5 dashtype (5,5) linecolor rgb "#707070" title "signal alone, |G|² (they cross at B = B_simple)"
  # Panel 2: Two-batch estimate of B_simple as samples accumulate
  reset
  set title "Two-batch estimate of B_simple as samples accumulate"
  set xlabel "samples (pairs of gradients)"
  set ylabel "B_simple (sequences; gaps: |G|² estimate still negative)"
  set grid
  set key bottom right opaque box
  set logscale x 2.0
  set format x "%g"
  set xrange [1.6934906247250543:151.16706066297988]
  set format y "%g"
  set yrange [0.0:829.8518924148084]
  plot "estimator-check.dat" index 3 using 1:2 with lines linewidth 2 linecolor rgb "#CC79A7" title "running-mean estimate after each sample", \
       165.97037848296168 with lines linewidth 1.5 dashtype (5,5) linecolor rgb "#707070" title "exact tr(Σ)/|G|² over the training set"
  unset multiplot
  unset output
}
