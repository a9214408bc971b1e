# Test accuracy of every run: drawn by LSTMLab from accuracy-by-seed.dat
# Redraw (writes accuracy-by-seed.png and accuracy-by-seed.svg):  gnuplot accuracy-by-seed.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' accuracy-by-seed.gp
# Each series is one block of accuracy-by-seed.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1460,650 noenhanced font "Sans,11"; set output "accuracy-by-seed.png" }
  if (format eq "svg") { set terminal svg size 1460,650 noenhanced font "Sans,11" background "white"; set output "accuracy-by-seed.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  # Panel 1: Test accuracy of every run
  reset
  set title "Test accuracy of every run"
  set xlabel "seed"
  set ylabel "setting"
  set cblabel "test accuracy (chance 0.25)"
  set rmargin 15
  unset key
  set tics scale 0
  set xrange [-0.5:29.5]
  set yrange [-0.5:5.5]
  set xtics ("1" 0, "2" 1, "3" 2, "4" 3, "5" 4, "6" 5, "7" 6, "8" 7, "9" 8, "10" 9, "11" 10, "12" 11, "13" 12, "14" 13, "15" 14, "16" 15, "17" 16, "18" 17, "19" 18, "20" 19, "21" 20, "22" 21, "23" 22, "24" 23, "25" 24, "26" 25, "27" 26, "28" 27, "29" 28, "30" 29)
  set ytics ("no clipping (solved 17/30)" 0, "global norm ≤ 1.0× median (solved 22/30)" 1, "global norm ≤ 4.0× median (solved 29/30)" 2, "per tensor ≤ 1.0× median (solved 23/30)" 3, "element-wise ±0.10× median (solved 29/30)" 4, "no clipping, η = 0.0500 (solved 30/30)" 5)
  set palette defined (0 "#440154", 1 "#3b528b", 2 "#21918c", 3 "#5ec962", 4 "#fde725")
  set cbrange [0.21875:1.0]
  set format cb "%g"
  plot "accuracy-by-seed.dat" index 0 using 1:2:3 with image notitle, \
       "accuracy-by-seed.dat" index 0 using 1:2:4:5 with labels textcolor rgb variable notitle
  unset output
}
