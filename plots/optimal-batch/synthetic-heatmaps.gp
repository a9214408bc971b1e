# Synthetic: volatility regimes: cross-validated accuracy, learning rate tuned per cell: drawn by LSTMLab from synthetic-heatmaps.dat
# Redraw (writes synthetic-heatmaps.png and synthetic-heatmaps.svg):  gnuplot synthetic-heatmaps.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' synthetic-heatmaps.gp
# Each series is one block of synthetic-heatmaps.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1650,520 noenhanced font "Sans,11"; set output "synthetic-heatmaps.png" }
  if (format eq "svg") { set terminal svg size 1650,520 noenhanced font "Sans,11" background "white"; set output "synthetic-heatmaps.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  set multiplot layout 1,3 title "Synthetic: volatility regimes: cross-validated accuracy, learning rate tuned per cell"
  # Panel 1: Fixed epochs
  reset
  set title "Fixed epochs"
  set xlabel "sequence length T"
  set ylabel "batch size B"
  set cblabel "CV accuracy (lr tuned)"
  unset key
  set tics scale 0
  set xrange [-0.5:2.5]
  set yrange [-0.5:3.5]
  set xtics ("20" 0, "50" 1, "125" 2)
  set ytics ("4" 0, "16" 1, "64" 2, "256" 3)
  set palette defined (0 "#440154", 1 "#3b528b", 2 "#21918c", 3 "#5ec962", 4 "#fde725")
  set cbrange [0.6533333333333333:0.9733333333333333]
  set format cb "%g"
  plot "synthetic-heatmaps.dat" index 0 using 1:2:3 with image notitle, \
       "synthetic-heatmaps.dat" index 0 using 1:2:4:5 with labels textcolor rgb variable notitle
  # Panel 2: Fixed time
  reset
  set title "Fixed time"
  set xlabel "sequence length T"
  set ylabel "batch size B"
  set cblabel "CV accuracy (lr tuned)"
  unset key
  set tics scale 0
  set xrange [-0.5:2.5]
  set yrange [-0.5:3.5]
  set xtics ("20" 0, "50" 1, "125" 2)
  set ytics ("4" 0, "16" 1, "64" 2, "256" 3)
  set palette defined (0 "#440154", 1 "#3b528b", 2 "#21918c", 3 "#5ec962", 4 "#fde725")
  set cbrange [0.6258333333333334:0.9674999999999999]
  set format cb "%g"
  plot "synthetic-heatmaps.dat" index 1 using 1:2:3 with image notitle, \
       "synthetic-heatmaps.dat" index 1 using 1:2:4:5 with labels textcolor rgb variable notitle
  # Panel 3: Fixed memory
  reset
  set title "Fixed memory"
  set xlabel "sequence length T"
  set ylabel "batch size B"
  set cblabel "CV accuracy (lr tuned)"
  unset key
  set tics scale 0
  set xrange [-0.5:2.5]
  set yrange [-0.5:3.5]
  set xtics ("20" 0, "50" 1, "125" 2)
  set ytics ("4" 0, "16" 1, "64" 2, "256" 3)
  set palette defined (0 "#440154", 1 "#3b528b", 2 "#21918c", 3 "#5ec962", 4 "#fde725")
  set cbrange [0.71:0.9733333333333333]
  set format cb "%g"
  plot "synthetic-heatmaps.dat" index 2 using 1:2:3 with image notitle, \
       "synthetic-heatmaps.dat" index 2 using 1:2:4:5 with labels textcolor rgb variable notitle
  unset multiplot
  unset output
}
