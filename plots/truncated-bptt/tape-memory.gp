# Tape of one truncated-BPTT update (T = 33, B = 32, H = 32, Float): drawn by LSTMLab from tape-memory.dat
# Redraw (writes tape-memory.png and tape-memory.svg):  gnuplot tape-memory.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' tape-memory.gp
# Each series is one block of tape-memory.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 950,600 noenhanced font "Sans,11"; set output "tape-memory.png" }
  if (format eq "svg") { set terminal svg size 950,600 noenhanced font "Sans,11" background "white"; set output "tape-memory.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  # Panel 1: Tape of one truncated-BPTT update (T = 33, B = 32, H = 32, Float)
  reset
  set title "Tape of one truncated-BPTT update (T = 33, B = 32, H = 32, Float)"
  set xlabel "truncation window k (steps)"
  set ylabel "peak tape (KiB)"
  set grid
  set colorsequence podo
  set key top left opaque box
  set logscale x 2.0
  set format x "%g"
  set logscale y 2.0
  set format y "%g"
  plot "tape-memory.dat" index 0 using 1:2 with points pointtype 7 pointsize 0.8 title "measured (tape matrices held)", \
       "tape-memory.dat" index 1 using 1:2 with lines linewidth 2 title "formula (MemoryCalculator)", \
       965.0 with lines dashtype 2 linewidth 1.5 linecolor rgb "gray40" title "full BPTT"
  unset output
}
