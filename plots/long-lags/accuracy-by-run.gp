# Test accuracy of every run: drawn by LSTMLab from accuracy-by-run.dat
# Redraw (writes accuracy-by-run.png and accuracy-by-run.svg):  gnuplot accuracy-by-run.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' accuracy-by-run.gp
# Each series is one block of accuracy-by-run.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1000,700 noenhanced font "Sans,11"; set output "accuracy-by-run.png" }
  if (format eq "svg") { set terminal svg size 1000,700 noenhanced font "Sans,11" background "white"; set output "accuracy-by-run.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  # Panel 1: Test accuracy of every run
  reset
  set title "Test accuracy of every run"
  set xlabel "lag L"
  set ylabel "model, seed"
  set cblabel "test accuracy (chance 0.25)"
  unset key
  set tics scale 0
  set xrange [-0.5:4.5]
  set yrange [-0.5:8.5]
  set xtics ("5" 0, "10" 1, "20" 2, "40" 3, "80" 4)
  set ytics ("tanh RNN, seed 1" 0, "tanh RNN, seed 2" 1, "tanh RNN, seed 3" 2, "LSTM, b_f = 1.00, seed 1" 3, "LSTM, b_f = 1.00, seed 2" 4, "LSTM, b_f = 1.00, seed 3" 5, "LSTM, b_f = 3.00, seed 1" 6, "LSTM, b_f = 3.00, seed 2" 7, "LSTM, b_f = 3.00, seed 3" 8)
  set palette defined (0 "#440154", 1 "#3b528b", 2 "#21918c", 3 "#5ec962", 4 "#fde725")
  set cbrange [0.228515625:1.0]
  set format cb "%g"
  plot "accuracy-by-run.dat" index 0 using 1:2:3 with image notitle, \
       "accuracy-by-run.dat" index 0 using 1:2:4:5 with labels textcolor rgb variable notitle
  unset output
}
