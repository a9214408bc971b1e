# Stretched regimes (information fixed): accuracy against B at each T: drawn by LSTMLab from stretched-accuracy.dat
# Redraw (writes stretched-accuracy.png and stretched-accuracy.svg):  gnuplot stretched-accuracy.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' stretched-accuracy.gp
# Each series is one block of stretched-accuracy.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1650,520 noenhanced font "Sans,11"; set output "stretched-accuracy.png" }
  if (format eq "svg") { set terminal svg size 1650,520 noenhanced font "Sans,11" background "white"; set output "stretched-accuracy.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  set multiplot layout 1,3 title "Stretched regimes (information fixed): accuracy against B at each T"
  # Panel 1: Fixed epochs
  reset
  set title "Fixed epochs"
  set xlabel "batch size B (log scale)"
  set ylabel "validation accuracy (mean, 95% CI)"
  set grid
  set key below opaque box
  set bmargin 8
  set logscale x 2.0
  set format x "%g"
  set xrange [0.8235910172675731:155.416945202566]
  set xtics (1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0)
  set format y "%g"
  set yrange [0.5080055773024348:0.6538064164420843]
  plot "stretched-accuracy.dat" index 0 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "T = 16", \
       "stretched-accuracy.dat" index 1 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#D55E00" title "T = 32", \
       "stretched-accuracy.dat" index 2 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#009E73" title "T = 64", \
       "stretched-accuracy.dat" index 3 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#CC79A7" title "T = 128"
  # Panel 2: Fixed time
  reset
  set title "Fixed time"
  set xlabel "batch size B (log scale)"
  set ylabel "validation accuracy (mean, 95% CI)"
  set grid
  set key below opaque box
  set bmargin 8
  set logscale x 2.0
  set format x "%g"
  set xrange [0.8235910172675731:155.416945202566]
  set xtics (1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0)
  set format y "%g"
  set yrange [0.5080055773024348:0.6538064164420843]
  plot "stretched-accuracy.dat" index 4 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "T = 16", \
       "stretched-accuracy.dat" index 5 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#D55E00" title "T = 32", \
       "stretched-accuracy.dat" index 6 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#009E73" title "T = 64", \
       "stretched-accuracy.dat" index 7 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#CC79A7" title "T = 128"
  # Panel 3: Fixed memory
  reset
  set title "Fixed memory"
  set xlabel "batch size B (log scale)"
  set ylabel "validation accuracy (mean, 95% CI)"
  set grid
  set key below opaque box
  set bmargin 8
  set logscale x 2.0
  set format x "%g"
  set xrange [0.8235910172675731:155.416945202566]
  set xtics (1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0)
  set format y "%g"
  set yrange [0.5080055773024348:0.6538064164420843]
  plot "stretched-accuracy.dat" index 8 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#0072B2" title "T = 16", \
       "stretched-accuracy.dat" index 9 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#D55E00" title "T = 32", \
       "stretched-accuracy.dat" index 10 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#009E73" title "T = 64", \
       "stretched-accuracy.dat" index 11 using 1:2:3:4 with yerrorlines linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#CC79A7" title "T = 128"
  unset multiplot
  unset output
}
