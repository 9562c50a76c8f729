#!/bin/sh
# Model names cut to the planner's narrow columns on the 94-model MLPerf pool
# and the 114-model torchvision zoo, at 80x24 and 120x40: a heatmap row label
# is a name or a marked cut of it that keeps a head (never "…25-128-quantized"),
# and a MobileNet v1/v2 label keeps what tells it apart: the version, width
# and resolution whole (mo…v2-0.75-128-q…), and its quantisation (-q… / -n…).
set -u
. tests/tui/helpers/tmux.sh

# heat_labels: the first panel's row labels, one per line (continuation rows skipped)
heat_labels() {
	screen | awk '/^Fig\. 4/ { on = 1; next } on && /─/ { exit } on && /^[^ ]/ { print $1 }'
}

# check_cuts POOL LABEL: the labels on the screen against the pool's names
check_cuts() {
	heat_labels >"$TMPD/labels.txt"
	[ -s "$TMPD/labels.txt" ] || fail "$2: no heatmap labels read"
	LC_ALL=C awk -v label="$2" "$(cat tests/cli/name_fits.awk)"'
		FILENAME == ARGV[1] { name[++n] = $0; next }
		{
			if (index($0, "\342\200\246") == 1) { print label ": " $0 " has no head"; bad = 1 }
			k = 0; family = 1
			for (i = 1; i <= n; i++)
				if (fits($0, name[i])) { k++; family = family && name[i] ~ /^mobilenet-v[12]-[0-9.]+-[0-9]+-/ }
			if (k == 0) { print label ": " $0 " is no name nor a marked cut of one"; bad = 1 }
			else if (family && $0 !~ /v[12]-[0-9.]+-[0-9]+-(q|n|quantized|non-quantized)/) {
				print label ": " $0 " lost the version, width, resolution or quantisation"; bad = 1
			}
			shown++
		}
		END { exit bad }' "$TMPD/names.txt" "$TMPD/labels.txt" || fail "$2: a name cut badly"
}

for pool in rpi4 torchvision; do
	"$OPTDEPLOY" solve --pool $pool --budget 1e9 --format csv | sed 1d | cut -d, -f1 >"$TMPD/names.txt"
	for size in "80 24" "120 40"; do
		# shellcheck disable=SC2086
		start $size -- --pool $pool
		wait_ready
		check_cuts $pool "$pool $size"
		# every model a row: the first screenful of the whole pool
		T send-keys -t t: u
		wait_for "of $(wc -l <"$TMPD/names.txt"))"
		wait_settled
		check_cuts $pool "$pool $size, every row"
		T send-keys -t t: q
		wait_for "EXIT=0"
	done
done
echo "name_cuts: ok"
