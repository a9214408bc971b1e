# Predicted critical batch B_crit ≈ B_simple: drawn by LSTMLab from versus-length.dat
# Redraw (writes versus-length.png and versus-length.svg):  gnuplot versus-length.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' versus-length.gp
# Each series is one block of versus-length.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1300,520 noenhanced font "Sans,11"; set output "versus-length.png" }
  if (format eq "svg") { set terminal svg size 1300,520 noenhanced font "Sans,11" background "white"; set output "versus-length.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  set multiplot layout 1,2
  # Panel 1: Predicted critical batch B_crit ≈ B_simple
  reset
  set title "Predicted critical batch B_crit ≈ B_simple"
  set xlabel "sequence length T (log scale)"
  set ylabel "B_simple (sequences, log scale)"
  set grid
  set colorsequence podo
  set key bottom right opaque box
  set logscale x 10.0
  set format x "%g"
  set logscale y 10.0
  set format y "%g"
  plot "versus-length.dat" index 0 using 1:2 with points pointtype 7 pointsize 0.8 title "one seed after one of epochs 1, 2, 4, 6", \
       "versus-length.dat" index 1 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 title "geometric mean", \
       32.0 with lines dashtype 2 linewidth 1.5 linecolor rgb "gray40" title "training batch B = 32"
  # Panel 2: Its numerator and denominator (geometric means)
  reset
  set title "Its numerator and denominator (geometric means)"
  set xlabel "sequence length T (log scale)"
  set ylabel "value (log scale)"
  set grid
  set colorsequence podo
  set key bottom right opaque box
  set logscale x 10.0
  set format x "%g"
  set logscale y 10.0
  set format y "%g"
  plot "versus-length.dat" index 2 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 title "tr(Σ), the noise of one sequence's gradient", \
       "versus-length.dat" index 3 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 title "|G|², the signal"
  unset multiplot
  unset output
}
