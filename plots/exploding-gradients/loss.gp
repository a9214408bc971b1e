# Training loss with and without clipping (seed 1): drawn by LSTMLab from loss.dat
# Redraw (writes loss.png and loss.svg):  gnuplot loss.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' loss.gp
# Each series is one block of loss.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1900,620 noenhanced font "Sans,11"; set output "loss.png" }
  if (format eq "svg") { set terminal svg size 1900,620 noenhanced font "Sans,11" background "white"; set output "loss.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  set multiplot layout 1,3 title "Training loss with and without clipping (seed 1)"
  # Panel 1: Every update: no clipping against global norm ≤ 4.0× median
  reset
  set title "Every update: no clipping against global norm ≤ 4.0× median"
  set xlabel "update"
  set ylabel "training loss of the batch (nats)"
  set grid
  set key bottom left opaque box
  set format x "%g"
  set xrange [-22.96:623.96]
  set logscale y 10.0
  set format y "%g"
  set yrange [0.0020003171434764644:3.397419993256874]
  plot "loss.dat" index 0 using 1:2 with lines linewidth 2 linecolor rgb "#0072B2" title "no clipping", \
       "loss.dat" index 1 using 1:2 with lines linewidth 2 linecolor rgb "#D55E00" title "global norm ≤ 4.0× median", \
       1.3862943611198906 with lines linewidth 1.5 dashtype (10,6) linecolor rgb "#404040" title "chance, ln 4"
  # Panel 2: Every clipping rule at η = 0.100
  reset
  set title "Every clipping rule at η = 0.100"
  set xlabel "update"
  set ylabel "training loss, mean of 10 updates (nats)"
  set grid
  set key below opaque box
  set bmargin 10
  set format x "%g"
  set xrange [-22.96:623.96]
  set logscale y 10.0
  set format y "%g"
  set yrange [0.0013666880478897868:2.818826222793121]
  plot "loss.dat" index 2 using 1:2 with lines linewidth 2 linecolor rgb "#0072B2" title "no clipping", \
       "loss.dat" index 3 using 1:2 with lines linewidth 2 linecolor rgb "#009E73" title "global norm ≤ 1.0× median", \
       "loss.dat" index 4 using 1:2 with lines linewidth 2 linecolor rgb "#D55E00" title "global norm ≤ 4.0× median", \
       "loss.dat" index 5 using 1:2 with lines linewidth 2 linecolor rgb "#CC79A7" title "per tensor ≤ 1.0× median", \
       "loss.dat" index 6 using 1:2 with lines linewidth 2 linecolor rgb "#56B4E9" title "element-wise ±0.10× median", \
       1.3862943611198906 with lines linewidth 1.5 dashtype (10,6) linecolor rgb "#404040" title "chance, ln 4"
  # Panel 3: No clipping at smaller η, and global norm ≤ 4.0× median
  reset
  set title "No clipping at smaller η, and global norm ≤ 4.0× median"
  set xlabel "update"
  set ylabel "training loss, mean of 10 updates (nats)"
  set grid
  set key below opaque box
  set bmargin 8
  set format x "%g"
  set xrange [-22.96:623.96]
  set logscale y 10.0
  set format y "%g"
  set yrange [0.0021241511004014097:2.771419718159732]
  plot "loss.dat" index 7 using 1:2 with lines linewidth 2 linecolor rgb "#0072B2" title "no clipping", \
       "loss.dat" index 8 using 1:2 with lines linewidth 2 linecolor rgb "#D55E00" title "global norm ≤ 4.0× median", \
       "loss.dat" index 9 using 1:2 with lines linewidth 2 linecolor rgb "#E69F00" title "no clipping, η = 0.0500", \
       1.3862943611198906 with lines linewidth 1.5 dashtype (10,6) linecolor rgb "#404040" title "chance, ln 4"
  unset multiplot
  unset output
}
