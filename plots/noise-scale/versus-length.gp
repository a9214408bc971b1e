# B_simple at the end of training (epoch 8): drawn by LSTMLab from versus-length.dat
# Redraw (writes versus-length.png and versus-length.svg):  gnuplot versus-length.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' versus-length.gp
# Each series is one block of versus-length.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 2240,540 noenhanced font "Sans,11"; set output "versus-length.png" }
  if (format eq "svg") { set terminal svg size 2240,540 noenhanced font "Sans,11" background "white"; set output "versus-length.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  set multiplot layout 1,4
  # Panel 1: B_simple at the end of training (epoch 8)
  reset
  set title "B_simple at the end of training (epoch 8)"
  set xlabel "sequence length T (log scale)"
  set ylabel "B_simple (sequences, log scale)"
  set grid
  set key below opaque box
  set bmargin 8
  set logscale x 10.0
  set format x "%g"
  set xrange [8.87071854993157:225.46087881634207]
  set xtics (10.0, 20.0, 50.0, 100.0, 200.0)
  set xtics (10.0, 20.0, 50.0, 100.0, 200.0)
  set logscale y 10.0
  set format y "%g"
  set yrange [21.869332940074038:9029.361732981115]
  set ytics (50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0, 5000.0)
  plot "versus-length.dat" index 0 using 1:2 with points pointtype 6 pointsize 1.3 linewidth 1.5 linecolor rgb "#0072B2" title "one seed", \
       "versus-length.dat" index 1 using 1:2:3:4 with yerrorbars pointtype 6 pointsize 1.3 linewidth 1.5 linecolor rgb "#D55E00" title "geometric mean, 95% interval", \
       "versus-length.dat" index 2 using 1:2 with lines linewidth 1.5 dashtype (14,5,3,5) linecolor rgb "#202020" title "fit: slope -0.11 ± 0.14 (SE)", \
       32.0 with lines linewidth 1.5 dashtype (5,5) linecolor rgb "#707070" title "training batch B = 32"
  # Panel 2: B_simple at training loss 0.942 nats
  reset
  set title "B_simple at training loss 0.942 nats"
  set xlabel "sequence length T (log scale)"
  set ylabel "B_simple (sequences, log scale)"
  set grid
  set key below opaque box
  set bmargin 8
  set logscale x 10.0
  set format x "%g"
  set xrange [8.87071854993157:225.46087881634207]
  set xtics (10.0, 20.0, 50.0, 100.0, 200.0)
  set xtics (10.0, 20.0, 50.0, 100.0, 200.0)
  set logscale y 10.0
  set format y "%g"
  set yrange [10.966561333300563:2275.608158092752]
  set ytics (20.0, 50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0)
  plot "versus-length.dat" index 3 using 1:2 with points pointtype 6 pointsize 1.3 linewidth 1.5 linecolor rgb "#0072B2" title "one seed", \
       "versus-length.dat" index 4 using 1:2:3:4 with yerrorbars pointtype 6 pointsize 1.3 linewidth 1.5 linecolor rgb "#D55E00" title "geometric mean, 95% interval", \
       "versus-length.dat" index 5 using 1:2 with lines linewidth 1.5 dashtype (14,5,3,5) linecolor rgb "#202020" title "fit: slope -0.83 ± 0.09 (SE)", \
       32.0 with lines linewidth 1.5 dashtype (5,5) linecolor rgb "#707070" title "training batch B = 32"
  # Panel 3: B_simple at training loss 0.544 nats
  reset
  set title "B_simple at training loss 0.544 nats"
  set xlabel "sequence length T (log scale)"
  set ylabel "B_simple (sequences, log scale)"
  set grid
  set key below opaque box
  set bmargin 8
  set logscale x 10.0
  set format x "%g"
  set xrange [18.24021678711819:219.29563922863684]
  set xtics (20.0, 50.0, 100.0, 200.0)
  set xtics (20.0, 50.0, 100.0, 200.0)
  set logscale y 10.0
  set format y "%g"
  set yrange [14.389984744738763:1432.8191629377095]
  set ytics (20.0, 50.0, 100.0, 200.0, 500.0, 1000.0)
  plot "versus-length.dat" index 6 using 1:2 with points pointtype 6 pointsize 1.3 linewidth 1.5 linecolor rgb "#0072B2" title "one seed", \
       "versus-length.dat" index 7 using 1:2:3:4 with yerrorbars pointtype 6 pointsize 1.3 linewidth 1.5 linecolor rgb "#D55E00" title "geometric mean, 95% interval", \
       "versus-length.dat" index 8 using 1:2 with lines linewidth 1.5 dashtype (14,5,3,5) linecolor rgb "#202020" title "fit: slope -0.14 ± 0.19 (SE)", \
       32.0 with lines linewidth 1.5 dashtype (5,5) linecolor rgb "#707070" title "training batch B = 32"
  # Panel 4: Its numerator and denominator at the end (geometric means)
  reset
  set title "Its numerator and denominator at the end (geometric means)"
  set xlabel "sequence length T (log scale)"
  set ylabel "value (log scale)"
  set grid
  set key below opaque box
  set bmargin 6
  set logscale x 10.0
  set format x "%g"
  set xrange [8.87071854993157:225.46087881634207]
  set xtics (10.0, 20.0, 50.0, 100.0, 200.0)
  set xtics (10.0, 20.0, 50.0, 100.0, 200.0)
  set logscale y 10.0
  set format y "%g"
  set yrange [0.0686222961309018:309.2762986483329]
  plot "versus-length.dat" index 9 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#009E73" title "tr(Σ), the noise of one sequence's gradient", \
       "versus-length.dat" index 10 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#CC79A7" title "|G|², the signal"
  unset multiplot
  unset output
}
