# Tape of one truncated-BPTT update (T = 140, B = 16, H = 16, Float): drawn by LSTMLab from tape-memory.dat
# Redraw (writes tape-memory.png and tape-memory.svg):  gnuplot tape-memory.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' tape-memory.gp
# Each series is one block of tape-memory.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 950,600 noenhanced font "Sans,11"; set output "tape-memory.png" }
  if (format eq "svg") { set terminal svg size 950,600 noenhanced font "Sans,11" background "white"; set output "tape-memory.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  # Panel 1: Tape of one truncated-BPTT update (T = 140, B = 16, H = 16, Float)
  reset
  set title "Tape of one truncated-BPTT update (T = 140, B = 16, H = 16, Float)"
  set xlabel "truncation window k (steps)"
  set ylabel "peak tape (KiB)"
  set grid
  set key bottom right opaque box
  set logscale x 2.0
  set format x "%g"
  set xrange [1.6874311971565563:165.9326913428056]
  set xtics (2.0, 4.0, 8.0, 16.0, 32.0, 140.0)
  set logscale y 2.0
  set format y "%g"
  set yrange [14.414057448326718:1240.733226165691]
  plot "tape-memory.dat" index 0 using 1:2 with points pointtype 6 pointsize 1.3 linewidth 1.5 linecolor rgb "#0072B2" title "measured (tape matrices held)", \
       "tape-memory.dat" index 1 using 1:2 with linespoints linewidth 2 pointtype 7 pointsize 0.8 linecolor rgb "#D55E00" title "formula (MemoryCalculator)", \
       1052.0 with lines linewidth 1.5 dashtype (5,5) linecolor rgb "#707070" title "full BPTT"
  unset output
}
