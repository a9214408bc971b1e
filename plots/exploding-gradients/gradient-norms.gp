# Gradient norm per update (seed 6, ρ = 2.00, plain SGD, η = 0.100): drawn by LSTMLab from gradient-norms.dat
# Redraw (writes gradient-norms.png and gradient-norms.svg):  gnuplot gradient-norms.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' gradient-norms.gp
# Each series is one block of gradient-norms.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1400,900 noenhanced font "Sans,11"; set output "gradient-norms.png" }
  if (format eq "svg") { set terminal svg size 1400,900 noenhanced font "Sans,11" background "white"; set output "gradient-norms.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  set multiplot layout 2,2 title "Gradient norm per update (seed 6, ρ = 2.00, plain SGD, η = 0.100)"
  # Panel 1: no clipping
  reset
  set title "no clipping"
  set xlabel "update"
  set ylabel "global gradient norm ‖g‖"
  set grid
  set key below opaque box
  set bmargin 6
  set format x "%g"
  set xrange [-22.96:623.96]
  set logscale y 10.0
  set format y "%g"
  set yrange [0.14562024098184445:24.748517377870957]
  set ytics (0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0)
  plot "gradient-norms.dat" index 0 using 1:2 with lines linewidth 2 linecolor rgb "#0072B2" title "‖g‖ before clipping", \
       1.7092228329537462 with lines linewidth 1.5 dashtype (5,5) linecolor rgb "#707070" title "median of the unclipped run"
  # Panel 2: global norm ≤ 1.0× median
  reset
  set title "global norm ≤ 1.0× median"
  set xlabel "update"
  set ylabel "global gradient norm ‖g‖"
  set grid
  set key top right opaque box
  set format x "%g"
  set xrange [-22.96:623.96]
  set logscale y 10.0
  set format y "%g"
  set yrange [0.005140937696218303:24.329571465839386]
  plot "gradient-norms.dat" index 1 using 1:2 with lines linewidth 2 linecolor rgb "#0072B2" title "‖g‖ before clipping", \
       "gradient-norms.dat" index 2 using 1:2 with lines linewidth 2 linecolor rgb "#D55E00" title "‖g‖ after clipping (what the step uses)", \
       1.7092228329537462 with lines linewidth 1.5 dashtype (5,5) linecolor rgb "#707070" title "median of the unclipped run"
  # Panel 3: per tensor ≤ 1.0× median
  reset
  set title "per tensor ≤ 1.0× median"
  set xlabel "update"
  set ylabel "global gradient norm ‖g‖"
  set grid
  set key top right opaque box
  set format x "%g"
  set xrange [-22.96:623.96]
  set logscale y 10.0
  set format y "%g"
  set yrange [0.0053470644068896725:11.576543995415232]
  plot "gradient-norms.dat" index 3 using 1:2 with lines linewidth 2 linecolor rgb "#0072B2" title "‖g‖ before clipping", \
       "gradient-norms.dat" index 4 using 1:2 with lines linewidth 2 linecolor rgb "#D55E00" title "‖g‖ after clipping (what the step uses)", \
       1.7092228329537462 with lines linewidth 1.5 dashtype (5,5) linecolor rgb "#707070" title "median of the unclipped run"
  # Panel 4: element-wise ±0.10× median
  reset
  set title "element-wise ±0.10× median"
  set xlabel "update"
  set ylabel "global gradient norm ‖g‖"
  set grid
  set key top right opaque box
  set format x "%g"
  set xrange [-22.96:623.96]
  set logscale y 10.0
  set format y "%g"
  set yrange [0.006299689315692196:23.617658588751038]
  plot "gradient-norms.dat" index 5 using 1:2 with lines linewidth 2 linecolor rgb "#0072B2" title "‖g‖ before clipping", \
       "gradient-norms.dat" index 6 using 1:2 with lines linewidth 2 linecolor rgb "#D55E00" title "‖g‖ after clipping (what the step uses)", \
       1.7092228329537462 with lines linewidth 1.5 dashtype (5,5) linecolor rgb "#707070" title "median of the unclipped run"
  unset multiplot
  unset output
}
