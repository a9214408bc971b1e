# Decay factor per step at initialisation: measured against the forward-pass estimate (10 seeds): drawn by LSTMLab from decay-rates.dat
# Redraw (writes decay-rates.png and decay-rates.svg):  gnuplot decay-rates.gp
# Text preview in the terminal:            gnuplot -e 'formats="dumb"' decay-rates.gp
# Each series is one block of decay-rates.dat, chosen below with `index N`.
if (!exists("formats")) formats = "png svg"
set encoding utf8
do for [format in formats] {
  if (format eq "png") { set terminal pngcairo size 1100,700 noenhanced font "Sans,11"; set output "decay-rates.png" }
  if (format eq "svg") { set terminal svg size 1100,700 noenhanced font "Sans,11" background "white"; set output "decay-rates.svg" }
  if (format eq "dumb") { set terminal dumb size 100,32 noenhanced; set output }
  # Panel 1: Decay factor per step at initialisation: measured against the forward-pass estimate (10 seeds)
  reset
  set title "Decay factor per step at initialisation: measured against the forward-pass estimate (10 seeds)"
  set xlabel "estimate from the forward pass: ρ · rms tanh'(z) (RNN) or mean forget gate f̄ (LSTM)"
  set ylabel "measured factor per step (95% interval over seeds)"
  set grid
  set key top left opaque box
  set format x "%g"
  set xrange [0.3747080939107872:1.5952035348495852]
  set format y "%g"
  set yrange [0.3747080939107872:1.5952035348495852]
  plot "decay-rates.dat" index 0 using 1:2 with lines linewidth 1.5 dashtype (5,5) linecolor rgb "#707070" title "measured = estimate", \
       "decay-rates.dat" index 1 using 1:2:3:4 with yerrorbars pointtype 6 pointsize 1.3 linewidth 1.5 linecolor rgb "#0072B2" title "tanh RNN, ρ = 0.500, 0.950, 1.50", \
       "decay-rates.dat" index 2 using 1:2:3:4 with yerrorbars pointtype 6 pointsize 1.3 linewidth 1.5 linecolor rgb "#D55E00" title "LSTM, b_f = 0, 1.00, 3.00", \
       "decay-rates.dat" index 3 using 1:2 with points pointtype 6 pointsize 1.3 linewidth 1.5 linecolor rgb "#009E73" title "Pascanu's bound for the RNN: ‖U‖₂ = ρ"
  unset output
}
