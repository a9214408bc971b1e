# What each length can teach: drawn by LSTMLab from information.dat
# Redraw (writes information.png and information.svg):  gnuplot information.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' information.gp
# Each series is one block of information.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 900,600 noenhanced font "Sans,11"; set output "information.png" }
  if (format eq "svg") { set terminal svg size 900,600 noenhanced font "Sans,11" background "white"; set output "information.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  # Panel 1: What each length can teach
  reset
  set title "What each length can teach"
  set xlabel "sequence length T (log scale)"
  set ylabel "validation accuracy (mean, 95% CI over replicates)"
  set grid
  set key below opaque box
  set bmargin 8
  set logscale x 2.0
  set format x "%g"
  set xrange [14.723002409998:139.10206240333534]
  set xtics (16.0, 32.0, 64.0, 128.0)
  set format y "%g"
  set yrange [0.5301250835877466:0.9683581974488393]
  plot "information.dat" index 0 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "regimes: LSTM, best B and lr", \
       "information.dat" index 1 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#D55E00" title "regimes: realised-volatility rule", \
       "information.dat" index 2 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#009E73" title "stretched: LSTM, best B and lr", \
       "information.dat" index 3 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#CC79A7" title "stretched: realised-volatility rule"
  unset output
}
