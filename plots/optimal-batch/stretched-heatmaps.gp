# Stretched regimes (information fixed): validation accuracy, learning rate tuned per cell: drawn by LSTMLab from stretched-heatmaps.dat
# Redraw (writes stretched-heatmaps.png and stretched-heatmaps.svg):  gnuplot stretched-heatmaps.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' stretched-heatmaps.gp
# Each series is one block of stretched-heatmaps.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1650,520 noenhanced font "Sans,11"; set output "stretched-heatmaps.png" }
  if (format eq "svg") { set terminal svg size 1650,520 noenhanced font "Sans,11" background "white"; set output "stretched-heatmaps.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  set multiplot layout 1,3 title "Stretched regimes (information fixed): validation accuracy, learning rate tuned per cell"
  # Panel 1: Fixed epochs
  reset
  set title "Fixed epochs"
  set xlabel "sequence length T"
  set ylabel "batch size B"
  unset colorbox  # the same scale as the colour box of a later panel
  set rmargin -1
  unset key
  set tics scale 0
  set xrange [-0.5:3.5]
  set yrange [-0.5:7.5]
  set xtics ("16" 0, "32" 1, "64" 2, "128" 3)
  set ytics ("1" 0, "2" 1, "4" 2, "8" 3, "16" 4, "32" 5, "64" 6, "128" 7)
  set palette defined (0 "#440154", 1 "#3b528b", 2 "#21918c", 3 "#5ec962", 4 "#fde725")
  set cbrange [-0.0720312500000001:0.0]
  set format cb "%g"
  plot "stretched-heatmaps.dat" index 0 using 1:2:3 with image notitle, \
       "stretched-heatmaps.dat" index 0 using 1:2:4:5 with labels textcolor rgb variable notitle
  # Panel 2: Fixed time
  reset
  set title "Fixed time"
  set xlabel "sequence length T"
  set ylabel "batch size B"
  unset colorbox  # the same scale as the colour box of a later panel
  set rmargin -1
  unset key
  set tics scale 0
  set xrange [-0.5:3.5]
  set yrange [-0.5:7.5]
  set xtics ("16" 0, "32" 1, "64" 2, "128" 3)
  set ytics ("1" 0, "2" 1, "4" 2, "8" 3, "16" 4, "32" 5, "64" 6, "128" 7)
  set palette defined (0 "#440154", 1 "#3b528b", 2 "#21918c", 3 "#5ec962", 4 "#fde725")
  set cbrange [-0.0720312500000001:0.0]
  set format cb "%g"
  plot "stretched-heatmaps.dat" index 1 using 1:2:3 with image notitle, \
       "stretched-heatmaps.dat" index 1 using 1:2:4:5 with labels textcolor rgb variable notitle
  # Panel 3: Fixed memory
  reset
  set title "Fixed memory"
  set xlabel "sequence length T"
  set ylabel "batch size B"
  set cblabel "accuracy minus the best at this T"
  set rmargin 15
  unset key
  set tics scale 0
  set xrange [-0.5:3.5]
  set yrange [-0.5:7.5]
  set xtics ("16" 0, "32" 1, "64" 2, "128" 3)
  set ytics ("1" 0, "2" 1, "4" 2, "8" 3, "16" 4, "32" 5, "64" 6, "128" 7)
  set palette defined (0 "#440154", 1 "#3b528b", 2 "#21918c", 3 "#5ec962", 4 "#fde725")
  set cbrange [-0.0720312500000001:0.0]
  set format cb "%g"
  plot "stretched-heatmaps.dat" index 2 using 1:2:3 with image notitle, \
       "stretched-heatmaps.dat" index 2 using 1:2:4:5 with labels textcolor rgb variable notitle
  unset multiplot
  unset output
}
