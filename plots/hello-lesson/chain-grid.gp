# Mean log10 |dh_T / dh_0|: drawn by LSTMLab from chain-grid.dat
# Redraw (writes chain-grid.png and chain-grid.svg):  gnuplot chain-grid.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' chain-grid.gp
# Each series is one block of chain-grid.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 900,600 noenhanced font "Sans,11"; set output "chain-grid.png" }
  if (format eq "svg") { set terminal svg size 900,600 noenhanced font "Sans,11" background "white"; set output "chain-grid.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  # Panel 1: Mean log10 |dh_T / dh_0|
  reset
  set title "Mean log10 |dh_T / dh_0|"
  set xlabel "steps T"
  set ylabel "input scale s"
  set cblabel "log10 of the gradient"
  set rmargin 15
  unset key
  set tics scale 0
  set xrange [-0.5:6.5]
  set yrange [-0.5:3.5]
  set xtics ("1" 0, "2" 1, "5" 2, "10" 3, "20" 4, "50" 5, "100" 6)
  set ytics ("0.50" 0, "1.0" 1, "2.0" 2, "4.0" 3)
  set palette defined (0 "#440154", 1 "#3b528b", 2 "#21918c", 3 "#5ec962", 4 "#fde725")
  set cbrange [-231.23750777737285:-0.10257576423879147]
  set format cb "%g"
  plot "chain-grid.dat" index 0 using 1:2:3 with image notitle, \
       "chain-grid.dat" index 0 using 1:2:4:5 with labels textcolor rgb variable notitle
  unset output
}
