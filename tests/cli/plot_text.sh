#!/bin/sh
# The figures' text, read back from the PDF with pdftotext (poppler-utils):
# heatmap rows are the models used at some level of either sweep and one line
# says how many are never used, the rows cheapest first; --rows all draws
# every model (on a page that grows so each row keeps a legible label, or says
# what it leaves out when --size holds it); log ticks read 0.1 1 10 100, and a log axis under a
# decade has ticks between its ends.
set -eu
. tests/cli/lib.sh
command -v pdftotext >/dev/null || { echo "plot_text.sh: pdftotext missing (make deps)" >&2; exit 1; }

pdf_text() { pdftotext -layout "$1" - 2>/dev/null; }

# the models with a share at some level of the two sweeps plot draws
used_models() {
	{ "$OPTDEPLOY" sweep "$@" --lambda 0 --format csv
	  "$OPTDEPLOY" sweep "$@" --lambda-per-k 0.1 --format csv; } |
		awk -F, '$1 != "budget" && $4 > 0 { print $2 }' | sort -u
}

run plot --pool torchvision --figure heatmap -o "$T/heat.pdf"
expect_status 0
pdf_text "$T/heat.pdf" >"$T/heat.txt"
used_models --pool torchvision >"$T/used"
n_used=$(wc -l <"$T/used")
expect_true "some models used ($n_used), not all" "$n_used > 2 && $n_used < 114"
# every used model labelled, once; no unused model labelled
"$OPTDEPLOY" solve --pool torchvision --budget 1 --format csv | sed 1d | cut -d, -f1 |
while IFS= read -r model; do
	n=$(grep -cE "(^| )$model( |$)" "$T/heat.txt" || true)
	if grep -qx "$model" "$T/used"; then want=1; else want=0; fi
	[ "$n" -eq "$want" ] || echo "$model: $n labels, want $want"
done >"$T/bad"
check "$([ -s "$T/bad" ] && echo 1 || echo 0)" "heatmap row labels: $(head -3 "$T/bad")"
expect_true "the summary line" "$(grep -c "$((114 - n_used)) models never used from 0.04 to 1016.72 GFLOPS" "$T/heat.txt") == 1"
# log ticks: 0.1 1 10 100 1000, never 1.0 or 10.0
grep -qE "0\.1 +1 +10 +100 +1000" "$T/heat.txt" && r=0 || r=1
check $r "log ticks read 0.1 1 10 100 1000"
grep -qE "(^| )(1|10|100)\.0( |$)" "$T/heat.txt" && r=1 || r=0
check $r "no tick reads 1.0 or 10.0"

# rows cheapest first (rpi4's file is not in cost order), as the planner's rows
# and sweep's columns
run plot --pool rpi4 --figure heatmap -o "$T/rpi4.pdf"
expect_status 0
used_models --pool rpi4 >"$T/used"
"$OPTDEPLOY" solve --pool rpi4 --budget 1e9 --format csv | sed 1d | cut -d, -f1-3 |
	awk -F, 'NR == FNR { u[$1] = 1; next } u[$1]' "$T/used" - >"$T/models.csv"
pdf_text "$T/rpi4.pdf" | awk '$1 ~ /^(mobilenet|efficientnet)/ { print $1 }' >"$T/labels"
expect_true "rpi4: a label for each of the $(wc -l <"$T/used") models used" \
	"$(wc -l <"$T/labels") == $(wc -l <"$T/used")"
o=$(awk -F, -f tests/cli/name_fits.awk -f tests/cli/cost_order.awk "$T/models.csv" "$T/labels" | head -3 | tr '\n' ';')
check "$([ -z "$o" ] && echo 0 || echo 1)" "rpi4 heatmap rows not cheapest first: $o"

# --rows all: every model, on a taller page, every row labelled
run plot --pool torchvision --figure heatmap --rows all -o "$T/all.pdf"
expect_status 0
pdf_text "$T/all.pdf" >"$T/all.txt"
missing=$("$OPTDEPLOY" solve --pool torchvision --budget 1 --format csv | sed 1d | cut -d, -f1 |
	while IFS= read -r model; do grep -qE "(^| )$model( |$)" "$T/all.txt" || echo "$model"; done | wc -l)
expect_true "--rows all: $missing models without a label" "$missing == 0"
grep -q "never used" "$T/all.txt" && r=1 || r=0
check $r "--rows all: no summary line"
h=$(pdfinfo "$T/all.pdf" | awk '/Page size/ { print $5 }')
expect_true "the page grew for 114 labelled rows ($h pt)" "${h%.*} > 1000"

# a size asked for is kept, and the figure says what it left out
run plot --pool torchvision --figure heatmap --rows all --size 540x250 -o "$T/small.pdf"
expect_status 0
pdf_text "$T/small.pdf" >"$T/small.txt"
grep -qE "labels of [0-9]+ of 114 rows left out at this size" "$T/small.txt" && r=0 || r=1
check $r "--size 540x250 --rows all: says which labels it left out"

# a log axis under a decade (uci_har, 59.01 to 100): ticks between the ends
run plot data/uci_har.csv --log --figure frontier -o "$T/uci.pdf"
expect_status 0
pdf_text "$T/uci.pdf" >"$T/uci.txt"
grep -qE "60 +70 +80 +90 +100" "$T/uci.txt" && r=0 || r=1
check $r "uci_har's log axis: 60 70 80 90 100"

# the frontier of 114 models labels frontier models only, and says how many are unlabelled
run plot --pool torchvision --figure frontier -o "$T/front.pdf"
expect_status 0
pdf_text "$T/front.pdf" >"$T/front.txt"
unl=$(sed -n 's/^ *\([0-9][0-9]*\) models unlabelled.*/\1/p' "$T/front.txt")
labelled=$("$OPTDEPLOY" solve --pool torchvision --budget 1 --format csv | sed 1d | cut -d, -f1 |
	while IFS= read -r model; do grep -qE "(^| )$model( |$)" "$T/front.txt" && echo "$model"; done | wc -l)
expect_true "labelled $labelled + unlabelled ${unl:-none} = 114" "${unl:-0} > 0 && $((labelled + ${unl:-0})) == 114"
# no two words of a figure overlap (pdftotext -bbox): model labels, ticks, the
# legend, titles; the heatmaps' tick labels keep a gap between the panels
overlaps() {  # overlaps PDF: pairs of words whose boxes intersect (shrunk by 0.5 pt)
	pdftotext -bbox "$1" - 2>/dev/null | sed -n 's/.*xMin="\([^"]*\)" yMin="\([^"]*\)" xMax="\([^"]*\)" yMax="\([^"]*\)">\([^<]*\)<.*/\1 \2 \3 \4 \5/p' |
		awk '{ x0[NR] = $1 + 0.5; y0[NR] = $2 + 0.5; x1[NR] = $3 - 0.5; y1[NR] = $4 - 0.5; w[NR] = $5 }
		END { for (i = 1; i <= NR; i++) for (j = i + 1; j <= NR; j++)
			if (x0[i] < x1[j] && x0[j] < x1[i] && y0[i] < y1[j] && y0[j] < y1[i])
				print w[i] " / " w[j] }'
}
for fig in frontier heatmap both; do
	"$OPTDEPLOY" plot --pool torchvision --figure $fig -o "$T/ov.pdf" 2>/dev/null
	o=$(overlaps "$T/ov.pdf" | head -3 | tr '\n' ';')
	check "$([ -z "$o" ] && echo 0 || echo 1)" "torchvision $fig: words overlap: $o"
	"$OPTDEPLOY" plot --pool rpi4 --figure $fig -o "$T/ov.pdf" 2>/dev/null
	o=$(overlaps "$T/ov.pdf" | head -3 | tr '\n' ';')
	check "$([ -z "$o" ] && echo 0 || echo 1)" "rpi4 $fig: words overlap: $o"
done
# the two heatmaps' tick labels: the last of the left panel ends well before the
# first of the right one (0.1 after 1000, on the zoo)
gap=$(pdftotext -bbox "$T/heat.pdf" - 2>/dev/null |
	sed -n 's/.*xMin="\([^"]*\)" yMin="\([^"]*\)" xMax="\([^"]*\)" yMax="[^"]*">\(1000\|0\.1\)<.*/\1 \3 \4/p' |
	awk '{ if ($3 == "1000" && !a) a = $2; else if ($3 == "0.1" && a && !b) b = $1 } END { print b - a }')
expect_true "the heatmap panels' tick labels are $gap pt apart" "${gap:-0} > 4"

# the time constraints a figure was solved under are in its title (rpi4 and xavier)
for pool in rpi4 xavier; do
	run plot --pool $pool --K 1000 --budget 300 --rate 10/s --duty-cycle 0.5 --deadline 200ms -o "$T/time.pdf"
	expect_status 0
	pdf_text "$T/time.pdf" | tr -s ' \n' '  ' | grep -q "deadline 200 ms; busy at most 50% at 10/s" ||
		check 1 "plot --pool $pool: the title names the deadline and the time row"
	# the models the deadline rules out are counted in the legend, named by
	# it, and the hull is said to be over the others and to keep up; its
	# mixes of two models (the time row's) have their own entry
	slow=$("$OPTDEPLOY" solve --pool $pool --budget 300 --deadline 200ms 2>/dev/null |
		sed -n 's/^too slow  *\([0-9][0-9]*\) models\{0,1\} slower than 200 ms.*/\1/p')
	pdf_text "$T/time.pdf" | tr -s ' \n' '  ' >"$T/time.txt"
	if [ "${slow:-0}" -gt 0 ]; then
		grep -qE "$slow models? over the 200 ms deadline: not used" "$T/time.txt" && r=0 || r=1
		check $r "plot --pool $pool --deadline 200ms: the legend counts the $slow models it rules out"
		grep -q "LP frontier of the others keeping up" "$T/time.txt" && r=0 || r=1
		check $r "plot --pool $pool --deadline 200ms --rate: the legend's hull entry"
		grep -q "mix of two models, busy 50%" "$T/time.txt" && r=0 || r=1
		check $r "plot --pool $pool --deadline 200ms --rate: the legend's mix entry"
	fi
	o=$(overlaps "$T/time.pdf" | head -3 | tr '\n' ';')
	check "$([ -z "$o" ] && echo 0 || echo 1)" "$pool with a deadline: words overlap: $o"
	run plot --pool $pool --K 1000 --budget 300 -o "$T/plain.pdf"
	expect_status 0
	pdf_text "$T/plain.pdf" | grep -q "deadline\|busy at most\|not used\|time row" &&
		check 1 "plot --pool $pool without time options: no time constraint in the title or legend"
done
# a memory limit rules models out the same way (a pool with a memory column)
printf 'model,cost,accuracy,memory\na,10,60,5\nb,30,75,50\nc,60,85,9\n' >"$T/mem.csv"
run plot "$T/mem.csv" --memory 20 --figure frontier -o "$T/mem.pdf"
expect_status 0
pdf_text "$T/mem.pdf" | tr -s ' \n' '  ' | grep -q "1 model over the memory limit: not used" && r=0 || r=1
check $r "plot --memory: the legend counts the model over the memory limit"

# the LP frontier keeps up with the time row: on rpi4 at 10/s its mixes of
# two models have their own legend entry; when every model is too slow for
# the rate the legend says no LP policy keeps up, and no frontier is drawn
run plot --pool rpi4 --rate 10/s --budget 300 --figure frontier -o "$T/rate.pdf"
expect_status 0
pdf_text "$T/rate.pdf" | tr -s ' \n' '  ' >"$T/rate.txt"
grep -q "LP frontier keeping up" "$T/rate.txt" && r=0 || r=1
check $r "plot --rate 10/s: the legend's hull entry"
grep -q "mix of two models, busy 100%" "$T/rate.txt" && r=0 || r=1
check $r "plot --rate 10/s: the legend's mix entry"
printf 'model,cost,accuracy,latency\nsmall,10,60,20\nmid,30,75,80\nbig,60,85,340\n' >"$T/slow.csv"
run plot "$T/slow.csv" --rate 100/s --budget 40 --figure frontier --data-csv "$T/slow_data.csv" -o "$T/slow.pdf"
expect_status 0
pdf_text "$T/slow.pdf" | tr -s ' \n' '  ' >"$T/slow.txt"
grep -q "no LP policy keeps up at 100/s: every model is too slow" "$T/slow.txt" && r=0 || r=1
check $r "plot --rate 100/s: the legend says no LP policy keeps up"
grep -qE "LP frontier (keeping|of)|model on the LP frontier" "$T/slow.txt" && r=1 || r=0
check $r "plot --rate 100/s: no LP frontier in the legend"
expect_true "plot --rate 100/s: no hull rows" "$(grep -c '^hull,' "$T/slow_data.csv" || true) == 0"
finish
