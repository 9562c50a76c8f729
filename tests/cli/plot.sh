#!/bin/sh
# tests/cli/plot.sh - `optdeploy plot`: each format is produced and valid
# (the SVG parses as XML, the PDF has its pages and end marker, the PNG has
# the size asked for), the figure's numbers (--data-csv) are those of
# `optdeploy sweep` and `optdeploy frontier`, and bad output names exit 64
# (before any work) or 73 and leave nothing behind.
set -eu
. tests/cli/lib.sh

POOL=data/imagenet_paper.csv

# png_size FILE: "WIDTHxHEIGHT" from the PNG's IHDR chunk (bytes 16-23, big-endian)
png_size() {
	od -An -tu1 -j16 -N8 "$1" | awk '{ printf "%dx%d\n",
		(($1 * 256 + $2) * 256 + $3) * 256 + $4, (($5 * 256 + $6) * 256 + $7) * 256 + $8 }'
}

# --- each format ------------------------------------------------------------
mkdir "$T/figs"
run plot "$POOL" --budget 40 -o "$T/figs/both.svg"
expect_status 0
expect_err "wrote the frontier and heatmap figure to $T/figs/both.svg"
xmllint --noout "$T/figs/both.svg" 2>"$T/xml.err" && r=0 || r=1
check $r "the SVG should parse as XML: $(head -c 300 "$T/xml.err")"
grep -q 'width="540pt" height="600pt"\|width="540" height="600"' "$T/figs/both.svg" && r=0 || r=1
check $r "the SVG should have the default page of 540 x 600 points"

run plot "$POOL" --figure heatmap --size 400x300 -o "$T/figs/heat.pdf"
expect_status 0
[ "$(head -c 5 "$T/figs/heat.pdf")" = "%PDF-" ] && r=0 || r=1
check $r "the PDF should start with %PDF-"
pages=$(grep -a -c '/Type /Page\b' "$T/figs/heat.pdf" || true)
[ "$pages" -eq 1 ] && r=0 || r=1
check $r "the PDF should have exactly one page, has $pages"
grep -a -q '/MediaBox \[ *0 0 400 300 *\]' "$T/figs/heat.pdf" && r=0 || r=1
check $r "the PDF page should be 400 x 300 points"
tail -c 16 "$T/figs/heat.pdf" | grep -a -q '%%EOF' && r=0 || r=1
check $r "the PDF should end with %%EOF"

run plot "$POOL" --figure frontier --size 640x480 -o "$T/figs/front.png"
expect_status 0
[ "$(od -An -c -N4 "$T/figs/front.png" | tr -d ' ')" = "211PNG" ] && r=0 || r=1
check $r "the PNG should start with the PNG signature"
[ "$(png_size "$T/figs/front.png")" = "640x480" ] && r=0 || r=1
check $r "the PNG should be 640x480, is $(png_size "$T/figs/front.png")"

run plot "$POOL" -o "$T/figs/default.PNG"
expect_status 0
[ "$(png_size "$T/figs/default.PNG")" = "1620x1800" ] && r=0 || r=1
check $r "the default PNG of both figures should be 1620x1800, is $(png_size "$T/figs/default.PNG")"
[ "$(ls -A "$T/figs" | tr '\n' ' ')" = "both.svg default.PNG front.png heat.pdf " ] && r=0 || r=1
check $r "exactly the figures asked for, no temporary files: $(ls -A "$T/figs" | tr '\n' ' ')"

# --- the figure's numbers are the CLI's -------------------------------------
# heatmap rows: budget,model,share of the lambda = 0 and the current sweeps;
# ilp rows: budget,accuracy of `frontier` with the same levels; hull rows.
for args in "--K 1000" "--K 200 --lambda 7.5 --from 20 --to 90 --steps 15" "--K 5000 --relax" "--log --steps 31"; do
	# shellcheck disable=SC2086
	run plot "$POOL" $args --data-csv "$T/data.csv" -o "$T/fig.svg"
	expect_status 0
	expect_line "$T/data.csv" 1 "series,lambda,budget,model,cost,accuracy,share"
	lambda=$(awk -F, '$1 == "ilp" { print $2; exit }' "$T/data.csv")
	for lam in 0 "$lambda"; do
		# shellcheck disable=SC2086
		"$OPTDEPLOY" sweep "$POOL" $args --lambda "$lam" --format csv 2>/dev/null |
			awk -F, 'NR > 1 { print $1 "," $2 "," $4 }' >"$T/want"
		awk -F, -v l="$lam" '$1 == "heatmap" && $2 == l { print $3 "," $4 "," $7 }' "$T/data.csv" >"$T/got"
		[ -s "$T/want" ] && cmp -s "$T/want" "$T/got" && r=0 || r=1
		check $r "$args: heatmap at lambda $lam should equal the sweep CSV ($(wc -l <"$T/got") rows, $(wc -l <"$T/want") wanted)"
	done
	steps=$(awk -F, '$1 == "heatmap" && $2 == 0 && $4 == "resnet18"' "$T/data.csv" | wc -l)
	# shellcheck disable=SC2086
	"$OPTDEPLOY" frontier "$POOL" $args --steps "$steps" --format csv >"$T/front.csv" 2>/dev/null
	awk -F, '$1 == "ilp" || $1 == "lp_rounded" { print $2 "," $3 }' "$T/front.csv" >"$T/want"
	awk -F, '$1 == "ilp" { print $3 "," $6 }' "$T/data.csv" >"$T/got"
	[ -s "$T/want" ] && cmp -s "$T/want" "$T/got" && r=0 || r=1
	check $r "$args: the ILP frontier should equal the frontier CSV's"
	awk -F, '$1 == "hull" { print $2 "," $3 "," $4 }' "$T/front.csv" >"$T/want"
	awk -F, '$1 == "hull" { print $5 "," $6 "," $4 }' "$T/data.csv" >"$T/got"
	[ -s "$T/want" ] && cmp -s "$T/want" "$T/got" && r=0 || r=1
	check $r "$args: the LP frontier should equal the frontier CSV's hull"
done
# a deadline: the LP frontier is frontier's, over the models it allows, and
# with a rate keeping up with the time row (a mix "A + B" with A's share, as
# frontier's model, other_model and share fields); the models the deadline
# rules out are the excluded rows, the ones slower than it in the pool
# file, and none is on the hull
RPI=data/mlperf_rpi4_tflite.csv
for args in "--deadline 200ms" "--deadline 60ms --rate 10/s --duty-cycle 0.5" "--deadline 30ms --log"; do
	# shellcheck disable=SC2086
	run plot --pool rpi4 $args --steps 5 --data-csv "$T/data.csv" -o "$T/fig.svg"
	expect_status 0
	# shellcheck disable=SC2086
	"$OPTDEPLOY" frontier --pool rpi4 $args --steps 5 --format csv >"$T/front.csv" 2>/dev/null
	awk -F, '$1 == "hull" { m = $4; s = ""; if ($7 != "") { m = m " + " $7; s = $6 }
		print $2 "," $3 "," m "," s }' "$T/front.csv" >"$T/want"
	awk -F, '$1 == "hull" { print $5 "," $6 "," $4 "," $7 }' "$T/data.csv" >"$T/got"
	[ -s "$T/want" ] && cmp -s "$T/want" "$T/got" && r=0 || r=1
	check $r "rpi4 $args: the LP frontier should equal the frontier CSV's hull"
	case $args in *--rate*)
		expect_true "rpi4 $args: the hull mixes two models" "$(grep -c '^hull,.* + ' "$T/data.csv") >= 1"
	esac
	ms=$(echo "$args" | sed 's/--deadline \([0-9]*\)ms.*/\1/')
	awk -F, -v d="$ms" 'NR > 1 && $1 !~ /^#/ && $4 > d { print $1 }' "$RPI" | sort >"$T/want"
	awk -F, '$1 == "excluded" { print $4 }' "$T/data.csv" | sort >"$T/got"
	[ -s "$T/want" ] && cmp -s "$T/want" "$T/got" && r=0 || r=1
	check $r "rpi4 $args: the excluded rows should be the $(wc -l <"$T/want") models slower than $ms ms, are $(wc -l <"$T/got")"
	awk -F, 'NR == FNR { slow[$1] = 1; next } $1 == "hull" && slow[$4] { bad++ } END { exit bad > 0 }' \
		"$T/want" "$T/data.csv" && r=0 || r=1
	check $r "rpi4 $args: no model the deadline rules out is on the hull"
done
# without a deadline every model may be on the hull, and none is excluded
run plot --pool rpi4 --steps 5 --data-csv "$T/data.csv" -o "$T/fig.svg"
expect_status 0
expect_true "no excluded rows without a deadline" "$(grep -c '^excluded,' "$T/data.csv" || true) == 0"

# the policy marked is the solve's at the budget
run plot "$POOL" --budget 40 --data-csv "$T/data.csv" -o "$T/fig.svg"
expect_status 0
expect_err "wrote 1934 rows to $T/data.csv"  # 9 models, 5 hull, 101 ilp, 1 policy, 2 x 909 cells
"$OPTDEPLOY" solve "$POOL" --budget 40 --format csv 2>/dev/null |
	awk -F, 'NR == 2 { print $10 "," $11 }' >"$T/want"
awk -F, '$1 == "policy" { print $6 "," $5 }' "$T/data.csv" >"$T/got"
[ -s "$T/want" ] && cmp -s "$T/want" "$T/got" && r=0 || r=1
check $r "the policy marked should be the one solve finds: $(cat "$T/got") vs $(cat "$T/want")"

# --data-csv - writes the same numbers on standard output
run plot "$POOL" --budget 40 --data-csv - -o "$T/fig.svg"
expect_status 0
cmp -s "$T/out" "$T/data.csv" && r=0 || r=1
check $r "--data-csv - should print what --data-csv FILE writes"

# --- bad output names ----------------------------------------------------------
mkdir "$T/bad"
for name in fig.jpg fig noext.svg.bak .png; do
	expect_usage "$T/bad/$name: not a figure file name (end it in .svg, .pdf or .png)" \
		plot "$POOL" -o "$T/bad/$name"
done
expect_usage "plot: -o FILE is required, its name ending in .svg, .pdf or .png" plot "$POOL"
# a usage error comes before any work: even an unreadable pool is not opened
expect_usage "fig.gif: not a figure file name (end it in .svg, .pdf or .png)" \
	plot "$T/no-such-pool.csv" -o fig.gif
expect_usage "--size: \"12x34\" is not WxH with whole numbers 100..10000 (pixels for PNG, points for PDF and SVG)" \
	plot "$POOL" --size 12x34 -o "$T/bad/f.png"
expect_usage "--figure: \"pie\" is not a figure (frontier, heatmap or both)" \
	plot "$POOL" --figure pie -o "$T/bad/f.png"
expect_usage "--log and --linear: give only one" plot "$POOL" --log --linear -o "$T/bad/f.png"
expect_usage "--figure: not used by 'sweep'" sweep "$POOL" --figure both

run plot "$POOL" -o "$T/bad/missing/f.svg"
expect_status 73
expect_err "$T/bad/missing/f.svg: cannot write: No such file or directory"
echo "a file" >"$T/bad/plain"
run plot "$POOL" -o "$T/bad/plain/f.png"
expect_status 73
expect_err "$T/bad/plain/f.png: cannot write: Not a directory"
if [ "$(id -u)" -ne 0 ]; then  # root writes anywhere: the mode is no test then
	mkdir "$T/bad/ro" && chmod 555 "$T/bad/ro"
	run plot "$POOL" -o "$T/bad/ro/f.pdf"
	expect_status 73
	expect_err "$T/bad/ro/f.pdf: cannot write: Permission denied"
	chmod 755 "$T/bad/ro" && rmdir "$T/bad/ro"
fi
# an unwritable --data-csv is found before the figure is written, not after
run plot "$POOL" -o "$T/bad/f.svg" --data-csv "$T/bad/missing/data.csv"
expect_status 73
expect_err "$T/bad/missing/data.csv: cannot write: No such file or directory"
expect_no_out "wrote"
[ "$(ls -A "$T/bad")" = "plain" ] && r=0 || r=1
check $r "failed plots should leave nothing behind: $(ls -A "$T/bad" | tr '\n' ' ')"

finish
