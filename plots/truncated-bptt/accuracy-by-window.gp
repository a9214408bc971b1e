# Test accuracy with BPTT truncated to k steps (mean over 3 seeds): drawn by LSTMLab from accuracy-by-window.dat
# Redraw (writes accuracy-by-window.png and accuracy-by-window.svg):  gnuplot accuracy-by-window.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' accuracy-by-window.gp
# Each series is one block of accuracy-by-window.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1000,710 noenhanced font "Sans,11"; set output "accuracy-by-window.png" }
  if (format eq "svg") { set terminal svg size 1000,710 noenhanced font "Sans,11" background "white"; set output "accuracy-by-window.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  # Panel 1: Test accuracy with BPTT truncated to k steps (mean over 3 seeds)
  reset
  set title "Test accuracy with BPTT truncated to k steps (mean over 3 seeds)"
  set xlabel "lag L (the second mark is L steps before the answer; T = L + 5)"
  set ylabel "LSTM forget-gate bias, truncation window k"
  set cblabel "mean test accuracy (chance 0.25)"
  unset key
  set tics scale 0
  set xrange [-0.5:2.5]
  set yrange [-0.5:9.5]
  set xtics ("L = 4" 0, "L = 12" 1, "L = 28" 2)
  set ytics ("b_f = 1.00, k = 1" 0, "b_f = 1.00, k = 4" 1, "b_f = 1.00, k = 8" 2, "b_f = 1.00, k = 16" 3, "b_f = 1.00, full BPTT" 4, "b_f = 3.00, k = 1" 5, "b_f = 3.00, k = 4" 6, "b_f = 3.00, k = 8" 7, "b_f = 3.00, k = 16" 8, "b_f = 3.00, full BPTT" 9)
  set palette defined (0 "#440154", 1 "#3b528b", 2 "#21918c", 3 "#5ec962", 4 "#fde725")
  set cbrange [0.23958333333333334:1.0]
  set format cb "%g"
  plot "accuracy-by-window.dat" index 0 using 1:2:3 with image notitle, \
       "accuracy-by-window.dat" index 0 using 1:2:4:5 with labels textcolor rgb variable notitle
  unset output
}
