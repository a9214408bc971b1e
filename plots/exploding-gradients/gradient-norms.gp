# Gradient norm per update (seed 1, ρ = 2.00, plain SGD, η = 0.100): drawn by LSTMLab from gradient-norms.dat
# Redraw (writes gradient-norms.png and gradient-norms.svg):  gnuplot gradient-norms.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' gradient-norms.gp
# Each series is one block of gradient-norms.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1400,900 noenhanced font "Sans,11"; set output "gradient-norms.png" }
  if (format eq "svg") { set terminal svg size 1400,900 noenhanced font "Sans,11" background "white"; set output "gradient-norms.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  set multiplot layout 2,2 title "Gradient norm per update (seed 1, ρ = 2.00, plain SGD, η = 0.100)"
  # Panel 1: no clipping
  reset
  set title "no clipping"
  set xlabel "update"
  set ylabel "global gradient norm ‖g‖"
  set grid
  set key top right opaque box
  set format x "%g"
  set xrange [-22.96:623.96]
  set logscale y 10.0
  set format y "%g"
  set yrange [0.04380857962084772:31.456943235624557]
  plot "gradient-norms.dat" index 0 using 1:2 with lines linewidth 2 linecolor rgb "#0072B2" title "‖g‖ before clipping", \
       1.1210555789910706 with lines linewidth 1.5 dashtype (5,5) linecolor rgb "#707070" title "median of the unclipped run"
  # Panel 2: global norm ≤ 4.0× median
  reset
  set title "global norm ≤ 4.0× median"
  set xlabel "update"
  set ylabel "global gradient norm ‖g‖"
  set grid
  set key below opaque box
  set bmargin 7
  set format x "%g"
  set xrange [-22.96:623.96]
  set logscale y 10.0
  set format y "%g"
  set yrange [0.006784814048920364:17.334160707690796]
  plot "gradient-norms.dat" index 1 using 1:2 with lines linewidth 2 linecolor rgb "#0072B2" title "‖g‖ before clipping", \
       "gradient-norms.dat" index 2 using 1:2 with lines linewidth 2 linecolor rgb "#D55E00" title "‖g‖ after clipping (what the step uses)", \
       1.1210555789910706 with lines linewidth 1.5 dashtype (5,5) linecolor rgb "#707070" title "median of the unclipped run"
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
  set yrange [0.004923496718666668:17.549273313705243]
  plot "gradient-norms.dat" index 3 using 1:2 with lines linewidth 2 linecolor rgb "#0072B2" title "‖g‖ before clipping", \
       "gradient-norms.dat" index 4 using 1:2 with lines linewidth 2 linecolor rgb "#D55E00" title "‖g‖ after clipping (what the step uses)", \
       1.1210555789910706 with lines linewidth 1.5 dashtype (5,5) linecolor rgb "#707070" title "median of the unclipped run"
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
  set yrange [0.0051574050732194005:20.95385933515484]
  plot "gradient-norms.dat" index 5 using 1:2 with lines linewidth 2 linecolor rgb "#0072B2" title "‖g‖ before clipping", \
       "gradient-norms.dat" index 6 using 1:2 with lines linewidth 2 linecolor rgb "#D55E00" title "‖g‖ after clipping (what the step uses)", \
       1.1210555789910706 with lines linewidth 1.5 dashtype (5,5) linecolor rgb "#707070" title "median of the unclipped run"
  unset multiplot
  unset output
}
