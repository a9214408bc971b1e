# Fraction of seeds that solved the task with BPTT truncated to k steps (blank: not tried): drawn by LSTMLab from success-by-window.dat
# Redraw (writes success-by-window.png and success-by-window.svg):  gnuplot success-by-window.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' success-by-window.gp
# Each series is one block of success-by-window.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1100,800 noenhanced font "Sans,11"; set output "success-by-window.png" }
  if (format eq "svg") { set terminal svg size 1100,800 noenhanced font "Sans,11" background "white"; set output "success-by-window.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  # Panel 1: Fraction of seeds that solved the task with BPTT truncated to k steps (blank: not tried)
  reset
  set title "Fraction of seeds that solved the task with BPTT truncated to k steps (blank: not tried)"
  set xlabel "lag L (the second mark is L steps before the answer; T = L + 5)"
  set ylabel "LSTM forget-gate bias, truncation window"
  set cblabel "fraction of seeds solved"
  set rmargin 15
  unset key
  set tics scale 0
  set xrange [-0.5:10.5]
  set yrange [-0.5:11.5]
  set xtics ("L = 2" 0, "L = 3" 1, "L = 5" 2, "L = 8" 3, "L = 12" 4, "L = 18" 5, "L = 27" 6, "L = 40" 7, "L = 60" 8, "L = 90" 9, "L = 135" 10)
  set ytics ("b_f = 1, k = 2" 0, "b_f = 1, k = 4" 1, "b_f = 1, k = 8" 2, "b_f = 1, k = 16" 3, "b_f = 1, k = 32" 4, "b_f = 1, full BPTT" 5, "b_f = 5, k = 2" 6, "b_f = 5, k = 4" 7, "b_f = 5, k = 8" 8, "b_f = 5, k = 16" 9, "b_f = 5, k = 32" 10, "b_f = 5, full BPTT" 11)
  set palette defined (0 "#440154", 1 "#3b528b", 2 "#21918c", 3 "#5ec962", 4 "#fde725")
  set cbrange [0.0:1.0]
  set format cb "%g"
  plot "success-by-window.dat" index 0 using 1:2:3 with image notitle, \
       "success-by-window.dat" index 0 using 1:2:4:5 with labels textcolor rgb variable notitle
  unset output
}
