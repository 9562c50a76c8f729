#!/bin/sh
# tests/cli/frontier_time.sh - frontier's LP frontier with the time row
# (--rate, --duty-cycle): a slow model enters only in a mix on the row,
# listed as one ("92.3% mid + 7.7% big") with its busy share, in the text
# and in the CSV's extra fields; nothing slower than the time per inference:
# the hull of models as without a rate; everything slower: no LP policy
# keeps up, said so.  On rpi4 at 10/s the hull without the row has a vertex
# the row forbids, and the one with it none, above every exact policy.
set -eu
. tests/cli/lib.sh

# energy (mJ), accuracy, latency (ms); at 10/s (100 ms) big alone is too slow
printf 'model,cost,accuracy,latency\nsmall,10,60,20\nmid,30,75,80\nbig,60,85,340\n' >"$T/p.csv"
P=$T/p.csv

# without a rate: the three models, no mix, the CSV as before
run frontier $P --steps 3
expect_status 0
expect_out "  big    "
expect_no_out " + "
run frontier $P --steps 3 --format csv
expect_status 0
expect_line "$T/out" 1 "kind,budget,accuracy,model,status"
expect_true "big is a hull vertex" "$(grep -c '^hull,60,85,big,$' "$T/out") == 1"

# 10/s: small, mid and 24/26 mid + 2/26 big on t = 100 ms (cost 32.31, accuracy 75.77)
run frontier $P --rate 10/s --steps 3
expect_status 0
expect_out "LP frontier: the 3 vertices of the upper concave hull (best mix of models at each average cost, lambda = 0, keeping up with the time row)"
expect_out "  92.3% mid + 7.7% big  "
line=$(grep "92.3% mid + 7.7% big" "$T/out")
expect_true "the mix's cost, accuracy, busy ($line)" \
	"$(echo "$line" | awk '{ print ($(NF-2) == 32.3077 && $(NF-1) == 75.7692 && $NF == "100%") }') == 1"
expect_true "mid alone: busy 80%" "$(grep -c '^  mid  *30  *75  *80%$' "$T/out") == 1"
expect_no_out "without the time row"
expect_true "big alone is no vertex" \
	"$(awk '/^LP frontier/ { t = 1 } /^ILP frontier/ { t = 0 } t && $1 == "big"' "$T/out" | wc -l) == 0"
# the LP hull column: 75.7692 at the top level (budget 60), not big's 85
expect_true "hull at 60" "$(awk '$1 == 60 { print ($3 == 75.7692) }' "$T/out") == 1"

run frontier $P --rate 10/s --steps 3 --format csv
expect_status 0
expect_line "$T/out" 1 "kind,budget,accuracy,model,status,share,other_model,latency_s,busy_share"
mix=$(grep '^hull,.*,mid,,.*,big,' "$T/out")
expect_true "one mix row ($mix)" "$(grep -c '^hull,.*,big,' "$T/out") == 1"
echo "$mix" | awk -F, '{ exit !($2 > 32.3076 && $2 < 32.3077 && $3 > 75.7692 && $3 < 75.7693 &&
	$6 > 0.923076 && $6 < 0.923077 && $7 == "big" && $8 == 0.1 && $9 == 1) }' && r=0 || r=1
check $r "the mix row: cost, accuracy, share, other model, latency, busy share"
expect_true "a model row: share 1, its latency" "$(grep -c '^hull,30,75,mid,,1,,0.08,0.8$' "$T/out") == 1"
expect_true "ilp rows: the policy's latency and busy share" \
	"$(awk -F, '$1 == "ilp" && $8 != "" && $9 <= 1 + 1e-12' "$T/out" | wc -l) == 3"

# half the time (50 ms per inference): only small keeps up alone
run frontier $P --rate 10/s --duty-cycle 0.5 --steps 3
expect_status 0
expect_out "50.0% small + 50.0% mid"
expect_out "(x% A + y% B: A within 50 ms on x% of the inferences, B slower on the rest; busy 50%, the most the time row allows)"

# nothing slower than 200 ms per inference but big: at 5/s no mix, the hull of models
run frontier $P --rate 2/s --steps 3 --format csv
expect_status 0
expect_true "2/s: three model vertices" "$(grep -c '^hull,.*,1,,' "$T/out") == 3"

# 100/s (10 ms): every model is slower, no LP policy keeps up
run frontier $P --rate 100/s --steps 3
expect_status 0
expect_out "LP frontier: none: each of the 3 models that may run is slower than the 10 ms per inference the time row allows (busy at most 100% at 100/s), and so is every mix of them: no LP policy keeps up"
expect_no_out "vertices of the upper concave hull"
run frontier $P --rate 100/s --steps 3 --format csv
expect_status 0
expect_true "no hull row" "$(grep -c '^hull,' "$T/out" || true) == 0"

# rpi4 at 10/s: without the row the hull's top vertex takes 341 ms ...
run frontier --pool rpi4 --steps 5 --format csv
expect_status 0
awk -F, 'NR > 1 && $1 == "hull" { print $4 }' "$T/out" >"$T/old"
slow=$(awk -F, 'NR > 1 { print $1 "," $4 }' data/mlperf_rpi4_tflite.csv |
	while IFS=, read -r name ms; do
		grep -qx "$name" "$T/old" && awk -v t="$ms" 'BEGIN { exit !(t > 100) }' && echo "$name"
	done | wc -l)
expect_true "the hull without the row has $slow vertices slower than 100 ms" "$slow >= 1"
# ... with it every vertex takes at most 100 ms, some are mixes, and no
# exact policy is above it
run frontier --pool rpi4 --rate 10/s --steps 9 --lambda 0 --format csv
expect_status 0
expect_true "every vertex within 100 ms" \
	"$(awk -F, '$1 == "hull" && $8 > 0.1 * (1 + 1e-12)' "$T/out" | wc -l) == 0"
expect_true "mix vertices" "$(awk -F, '$1 == "hull" && $7 != ""' "$T/out" | wc -l) >= 1"
run frontier --pool rpi4 --rate 10/s --steps 9 --lambda 0
expect_status 0
expect_true "ILP accuracy <= LP hull at every level" \
	"$(awk '/^  budget/ { t = 1; next } t && $NF == "optimal" && $2 > $3 + 1e-4' "$T/out" | wc -l) == 0"
expect_true "nine levels" "$(awk '/^  budget/ { t = 1; next } t && $NF == "optimal"' "$T/out" | wc -l) == 9"

finish
