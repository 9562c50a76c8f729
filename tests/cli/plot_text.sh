#!/bin/sh
# The figures' text, read back from the PDF with pdftotext (poppler-utils):
# heatmap rows are the models used at some level of either sweep and one line
# says how many are never used; --rows all draws every model (on a page that
# grows so each row keeps a legible label, or says what it leaves out when
# --size holds it); log ticks read 0.1 1 10 100, and a log axis under a
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
expect_true "some models used ($n_used), not all" "$n_used -gt 2 -a $n_used -lt 114"
# every used model labelled, once; no unused model labelled
"$OPTDEPLOY" solve --pool torchvision --budget 1 --format csv | sed 1d | cut -d, -f1 |
while IFS= read -r model; do
	n=$(grep -cE "(^| )$model( |$)" "$T/heat.txt" || true)
	if grep -qx "$model" "$T/used"; then want=1; else want=0; fi
	[ "$n" -eq "$want" ] || echo "$model: $n labels, want $want"
done >"$T/bad"
check "$([ -s "$T/bad" ] && echo 1 || echo 0)" "heatmap row labels: $(head -3 "$T/bad")"
expect_true "the summary line" "$(grep -c "$((114 - n_used)) models never used from 0.04 to 1016.72" "$T/heat.txt") -eq 1"
# log ticks: 0.1 1 10 100 1000, never 1.0 or 10.0
grep -qE "0\.1 +1 +10 +100 +1000" "$T/heat.txt" && r=0 || r=1
check $r "log ticks read 0.1 1 10 100 1000"
grep -qE "(^| )(1|10|100)\.0( |$)" "$T/heat.txt" && r=1 || r=0
check $r "no tick reads 1.0 or 10.0"

# --rows all: every model, on a taller page, every row labelled
run plot --pool torchvision --figure heatmap --rows all -o "$T/all.pdf"
expect_status 0
pdf_text "$T/all.pdf" >"$T/all.txt"
missing=$("$OPTDEPLOY" solve --pool torchvision --budget 1 --format csv | sed 1d | cut -d, -f1 |
	while IFS= read -r model; do grep -qE "(^| )$model( |$)" "$T/all.txt" || echo "$model"; done | wc -l)
expect_true "--rows all: $missing models without a label" "$missing -eq 0"
grep -q "never used" "$T/all.txt" && r=1 || r=0
check $r "--rows all: no summary line"
h=$(pdfinfo "$T/all.pdf" | awk '/Page size/ { print $5 }')
expect_true "the page grew for 114 labelled rows ($h pt)" "${h%.*} -gt 1000"

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

finish
