# Time on the (T, B) grid: drawn by LSTMLab from epoch-grid.dat
# Redraw (writes epoch-grid.png and epoch-grid.svg):  gnuplot epoch-grid.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' epoch-grid.gp
# Each series is one block of epoch-grid.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1300,560 noenhanced font "Sans,11"; set output "epoch-grid.png" }
  if (format eq "svg") { set terminal svg size 1300,560 noenhanced font "Sans,11" background "white"; set output "epoch-grid.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  set multiplot layout 1,2 title "Time on the (T, B) grid"
  # Panel 1: Time per update (ms)
  reset
  set title "Time per update (ms)"
  set xlabel "sequence length T"
  set ylabel "batch size B"
  set cblabel "ms per update"
  set rmargin 15
  unset key
  set tics scale 0
  set xrange [-0.5:4.5]
  set yrange [-0.5:4.5]
  set xtics ("16" 0, "32" 1, "64" 2, "128" 3, "256" 4)
  set ytics ("4" 0, "8" 1, "16" 2, "32" 3, "64" 4)
  set palette defined (0 "#440154", 1 "#3b528b", 2 "#21918c", 3 "#5ec962", 4 "#fde725")
  set logscale cb
  set cbrange [0.1677190000000106:27.44013199999973]
  set format cb "%g"
  plot "epoch-grid.dat" index 0 using 1:2:3 with image notitle, \
       "epoch-grid.dat" index 0 using 1:2:4:5 with labels textcolor rgb variable notitle
  # Panel 2: Time per epoch of 2048 sequences (s)
  reset
  set title "Time per epoch of 2048 sequences (s)"
  set xlabel "sequence length T"
  set ylabel "batch size B"
  set cblabel "seconds per epoch"
  set rmargin 15
  unset key
  set tics scale 0
  set xrange [-0.5:4.5]
  set yrange [-0.5:4.5]
  set xtics ("16" 0, "32" 1, "64" 2, "128" 3, "256" 4)
  set ytics ("4" 0, "8" 1, "16" 2, "32" 3, "64" 4)
  set palette defined (0 "#440154", 1 "#3b528b", 2 "#21918c", 3 "#5ec962", 4 "#fde725")
  set logscale cb
  set cbrange [0.04728022399999077:0.8852561920000142]
  set format cb "%g"
  plot "epoch-grid.dat" index 1 using 1:2:3 with image notitle, \
       "epoch-grid.dat" index 1 using 1:2:4:5 with labels textcolor rgb variable notitle
  unset multiplot
  unset output
}
