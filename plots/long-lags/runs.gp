# Updates to solve of every run (–: not solved within 10000 updates): drawn by LSTMLab from runs.dat
# Redraw (writes runs.png and runs.svg):  gnuplot runs.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' runs.gp
# Each series is one block of runs.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1000,1240 noenhanced font "Sans,11"; set output "runs.png" }
  if (format eq "svg") { set terminal svg size 1000,1240 noenhanced font "Sans,11" background "white"; set output "runs.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  # Panel 1: Updates to solve of every run (–: not solved within 10000 updates)
  reset
  set title "Updates to solve of every run (–: not solved within 10000 updates)"
  set xlabel "lag L"
  set ylabel "model, seed"
  set cblabel "updates to solve (log)"
  set rmargin 15
  unset key
  set tics scale 0
  set xrange [-0.5:5.5]
  set yrange [-0.5:39.5]
  set xtics ("L = 5" 0, "L = 10" 1, "L = 20" 2, "L = 40" 3, "L = 80" 4, "L = 160" 5)
  set ytics ("RNN, seed 1" 0, "RNN, seed 2" 1, "RNN, seed 3" 2, "RNN, seed 4" 3, "RNN, seed 5" 4, "RNN, seed 6" 5, "RNN, seed 7" 6, "RNN, seed 8" 7, "RNN, seed 9" 8, "RNN, seed 10" 9, "LSTM b_f=1, seed 1" 10, "LSTM b_f=1, seed 2" 11, "LSTM b_f=1, seed 3" 12, "LSTM b_f=1, seed 4" 13, "LSTM b_f=1, seed 5" 14, "LSTM b_f=1, seed 6" 15, "LSTM b_f=1, seed 7" 16, "LSTM b_f=1, seed 8" 17, "LSTM b_f=1, seed 9" 18, "LSTM b_f=1, seed 10" 19, "LSTM b_f=3, seed 1" 20, "LSTM b_f=3, seed 2" 21, "LSTM b_f=3, seed 3" 22, "LSTM b_f=3, seed 4" 23, "LSTM b_f=3, seed 5" 24, "LSTM b_f=3, seed 6" 25, "LSTM b_f=3, seed 7" 26, "LSTM b_f=3, seed 8" 27, "LSTM b_f=3, seed 9" 28, "LSTM b_f=3, seed 10" 29, "LSTM b_f=5, seed 1" 30, "LSTM b_f=5, seed 2" 31, "LSTM b_f=5, seed 3" 32, "LSTM b_f=5, seed 4" 33, "LSTM b_f=5, seed 5" 34, "LSTM b_f=5, seed 6" 35, "LSTM b_f=5, seed 7" 36, "LSTM b_f=5, seed 8" 37, "LSTM b_f=5, seed 9" 38, "LSTM b_f=5, seed 10" 39)
  set palette defined (0 "#440154", 1 "#3b528b", 2 "#21918c", 3 "#5ec962", 4 "#fde725")
  set logscale cb
  set cbrange [50.0:8800.0]
  set format cb "%g"
  plot "runs.dat" index 0 using 1:2:3 with image notitle, \
       "runs.dat" index 0 using 1:2:4:5 with labels textcolor rgb variable notitle
  unset output
}
