# Gradient profile over training (rows: updates, columns: steps): drawn by LSTMLab from gradient-while-training.dat
# Redraw (writes gradient-while-training.png and gradient-while-training.svg):  gnuplot gradient-while-training.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' gradient-while-training.gp
# Each series is one block of gradient-while-training.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1500,650 noenhanced font "Sans,11"; set output "gradient-while-training.png" }
  if (format eq "svg") { set terminal svg size 1500,650 noenhanced font "Sans,11" background "white"; set output "gradient-while-training.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  set multiplot layout 1,2 title "Gradient profile over training (rows: updates, columns: steps)"
  # Panel 1: tanh RNN (Keras init, ρ = 1)
  reset
  set title "tanh RNN (Keras init, ρ = 1)"
  set xlabel "step t (marks in x_2 ... x_10, loss at T = 30)"
  set ylabel "update (probe accuracy)"
  unset colorbox  # the same scale as the colour box of a later panel
  set rmargin -1
  unset key
  set tics scale 0
  set xrange [-0.5:29.5]
  set yrange [-0.5:20.5]
  set xtics ("1" 0, "" 1, "" 2, "" 3, "5" 4, "" 5, "" 6, "" 7, "" 8, "10" 9, "" 10, "" 11, "" 12, "" 13, "15" 14, "" 15, "" 16, "" 17, "" 18, "20" 19, "" 20, "" 21, "" 22, "" 23, "25" 24, "" 25, "" 26, "" 27, "" 28, "30" 29)
  set ytics ("0 (acc 0.22)" 0, "20 (acc 0.28)" 1, "40 (acc 0.47)" 2, "60 (acc 0.66)" 3, "80 (acc 0.78)" 4, "100 (acc 0.88)" 5, "120 (acc 0.94)" 6, "140 (acc 1.00)" 7, "160 (acc 1.00)" 8, "180 (acc 0.97)" 9, "200 (acc 1.00)" 10, "220 (acc 1.00)" 11, "240 (acc 1.00)" 12, "260 (acc 1.00)" 13, "280 (acc 1.00)" 14, "300 (acc 1.00)" 15, "320 (acc 1.00)" 16, "340 (acc 1.00)" 17, "360 (acc 1.00)" 18, "380 (acc 1.00)" 19, "400 (acc 1.00)" 20)
  set palette defined (0 "#440154", 1 "#3b528b", 2 "#21918c", 3 "#5ec962", 4 "#fde725")
  set cbrange [-3.6285302076593036:1.636224139768008]
  set format cb "%g"
  plot "gradient-while-training.dat" index 0 using 1:2:3 with image notitle, \
       "gradient-while-training.dat" index 0 using 1:2:4:5 with labels textcolor rgb variable notitle
  # Panel 2: LSTM (Keras init, b_f = 1)
  reset
  set title "LSTM (Keras init, b_f = 1)"
  set xlabel "step t (marks in x_2 ... x_10, loss at T = 30)"
  set ylabel "update (probe accuracy)"
  set cblabel "log10 ‖dL/dh_t‖ / ‖dL/dh_T‖"
  set rmargin 15
  unset key
  set tics scale 0
  set xrange [-0.5:29.5]
  set yrange [-0.5:20.5]
  set xtics ("1" 0, "" 1, "" 2, "" 3, "5" 4, "" 5, "" 6, "" 7, "" 8, "10" 9, "" 10, "" 11, "" 12, "" 13, "15" 14, "" 15, "" 16, "" 17, "" 18, "20" 19, "" 20, "" 21, "" 22, "" 23, "25" 24, "" 25, "" 26, "" 27, "" 28, "30" 29)
  set ytics ("0 (acc 0.38)" 0, "20 (acc 0.31)" 1, "40 (acc 0.44)" 2, "60 (acc 0.69)" 3, "80 (acc 0.72)" 4, "100 (acc 1.00)" 5, "120 (acc 1.00)" 6, "140 (acc 1.00)" 7, "160 (acc 0.81)" 8, "180 (acc 1.00)" 9, "200 (acc 1.00)" 10, "220 (acc 1.00)" 11, "240 (acc 1.00)" 12, "260 (acc 1.00)" 13, "280 (acc 1.00)" 14, "300 (acc 1.00)" 15, "320 (acc 1.00)" 16, "340 (acc 1.00)" 17, "360 (acc 1.00)" 18, "380 (acc 1.00)" 19, "400 (acc 1.00)" 20)
  set palette defined (0 "#440154", 1 "#3b528b", 2 "#21918c", 3 "#5ec962", 4 "#fde725")
  set cbrange [-3.6285302076593036:1.636224139768008]
  set format cb "%g"
  plot "gradient-while-training.dat" index 1 using 1:2:3 with image notitle, \
       "gradient-while-training.dat" index 1 using 1:2:4:5 with labels textcolor rgb variable notitle
  unset multiplot
  unset output
}
