# Frontier against the truncation window (5 seeds per cell): drawn by LSTMLab from frontier.dat
# Redraw (writes frontier.png and frontier.svg):  gnuplot frontier.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' frontier.gp
# Each series is one block of frontier.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 950,600 noenhanced font "Sans,11"; set output "frontier.png" }
  if (format eq "svg") { set terminal svg size 950,600 noenhanced font "Sans,11" background "white"; set output "frontier.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  # Panel 1: Frontier against the truncation window (5 seeds per cell)
  reset
  set title "Frontier against the truncation window (5 seeds per cell)"
  set xlabel "truncation window k (steps; doubling)"
  set ylabel "longest lag L solved by at least half the seeds (doubling)"
  set grid
  set key below opaque box
  set bmargin 9
  set logscale x 2.0
  set format x "%g"
  set xrange [1.7114272891207938:37.395687451541406]
  set logscale y 2.0
  set format y "%g"
  set yrange [1.6898876993609608:159.7739306003007]
  plot "frontier.dat" index 0 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "measured, LSTM, b_f = 1", \
       "frontier.dat" index 1 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#D55E00" title "measured, LSTM, b_f = 5", \
       "frontier.dat" index 2 using 1:2 with lines linewidth 1.5 dashtype (14,5,3,5) linecolor rgb "#202020" title "longest lag with both marks inside the window (L ≤ k - 4)", \
       27.0 with lines linewidth 1.5 dashtype (5,5) linecolor rgb "#707070" title "full BPTT, LSTM, b_f = 1: L = 27", \
       135.0 with lines linewidth 1.5 dashtype (2,5) linecolor rgb "#606060" title "full BPTT, LSTM, b_f = 5: L = 135 (longest tried)"
  unset output
}
