# Gradient through T steps: drawn by LSTMLab from chain.dat
# Redraw (writes chain.png and chain.svg):  gnuplot chain.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' chain.gp
# Each series is one block of chain.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 900,600 noenhanced font "Sans,11"; set output "chain.png" }
  if (format eq "svg") { set terminal svg size 900,600 noenhanced font "Sans,11" background "white"; set output "chain.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  # Panel 1: Gradient through T steps
  reset
  set title "Gradient through T steps"
  set xlabel "steps T"
  set ylabel "log10 |dh_T / dh_0|  (mean ± sd)"
  set grid
  set key bottom left opaque box
  set format x "%g"
  set xrange [-2.96:103.96]
  set format y "%g"
  set yrange [-262.61628412744625:10.148425269978807]
  plot "chain.dat" index 0 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "inputs s = 0.50", \
       "chain.dat" index 1 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#D55E00" title "inputs s = 1.0", \
       "chain.dat" index 2 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#009E73" title "inputs s = 2.0", \
       "chain.dat" index 3 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#CC79A7" title "inputs s = 4.0"
  unset output
}
