# Temporal order: runs that solved the task, by lag and budget (10 seeds per point): drawn by LSTMLab from success-vs-lag.dat
# Redraw (writes success-vs-lag.png and success-vs-lag.svg):  gnuplot success-vs-lag.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' success-vs-lag.gp
# Each series is one block of success-vs-lag.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1640,560 noenhanced font "Sans,11"; set output "success-vs-lag.png" }
  if (format eq "svg") { set terminal svg size 1640,560 noenhanced font "Sans,11" background "white"; set output "success-vs-lag.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  set multiplot layout 1,3 title "Temporal order: runs that solved the task, by lag and budget (10 seeds per point)"
  # Panel 1: within 1000 updates (16000 sequences)
  reset
  set title "within 1000 updates (16000 sequences)"
  set xlabel "lag L (steps from the second mark to the answer; doubling)"
  set ylabel "fraction of seeds solved (95% Wilson)"
  set grid
  set key bottom left opaque box
  set logscale x 2.0
  set format x "%g"
  set xrange [4.023714922773199:198.8212423977168]
  set format y "%g"
  set yrange [-0.02:1.02]
  plot "success-vs-lag.dat" index 0 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "tanh RNN", \
       "success-vs-lag.dat" index 1 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#D55E00" title "LSTM, b_f = 1", \
       "success-vs-lag.dat" index 2 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#009E73" title "LSTM, b_f = 3", \
       "success-vs-lag.dat" index 3 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#CC79A7" title "LSTM, b_f = 5"
  # Panel 2: within 3000 updates (48000 sequences)
  reset
  set title "within 3000 updates (48000 sequences)"
  set xlabel "lag L (steps from the second mark to the answer; doubling)"
  set ylabel "fraction of seeds solved (95% Wilson)"
  set grid
  set key bottom left opaque box
  set logscale x 2.0
  set format x "%g"
  set xrange [4.023714922773199:198.8212423977168]
  set format y "%g"
  set yrange [-0.02:1.02]
  plot "success-vs-lag.dat" index 4 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "tanh RNN", \
       "success-vs-lag.dat" index 5 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#D55E00" title "LSTM, b_f = 1", \
       "success-vs-lag.dat" index 6 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#009E73" title "LSTM, b_f = 3", \
       "success-vs-lag.dat" index 7 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#CC79A7" title "LSTM, b_f = 5"
  # Panel 3: within 10000 updates (160000 sequences)
  reset
  set title "within 10000 updates (160000 sequences)"
  set xlabel "lag L (steps from the second mark to the answer; doubling)"
  set ylabel "fraction of seeds solved (95% Wilson)"
  set grid
  set key bottom left opaque box
  set logscale x 2.0
  set format x "%g"
  set xrange [4.023714922773199:198.8212423977168]
  set format y "%g"
  set yrange [-0.02:1.02]
  plot "success-vs-lag.dat" index 8 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "tanh RNN", \
       "success-vs-lag.dat" index 9 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#D55E00" title "LSTM, b_f = 1", \
       "success-vs-lag.dat" index 10 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#009E73" title "LSTM, b_f = 3", \
       "success-vs-lag.dat" index 11 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#CC79A7" title "LSTM, b_f = 5"
  unset multiplot
  unset output
}
