#!/bin/sh
# solve's table at n = 100: the models used, by count, and one line for the
# rest (as sweep keeps its columns to the used ones); --all lists every model;
# a pool of up to 12 models keeps every row; the CSV always has every model.
# --rows takes used or all, where it applies (plot, the planner).
set -eu
. tests/cli/lib.sh

run solve --pool torchvision --budget 6.4
expect_status 0
csv_used=$("$OPTDEPLOY" solve --pool torchvision --budget 6.4 --format csv |
	awk -F, 'NR > 1 && $5 > 0' | wc -l)
rows=$(awk '/^  -----/ { on = 1; next } on && /^  [^ (]/ { n++ } on && /^$/ { on = 0 } END { print n + 0 }' "$T/out")
expect_true "one row per used model ($rows rows, $csv_used used)" "$rows == $csv_used"
expect_out "(the other $((114 - csv_used)) models are not used: --all lists every model)"
expect_out "models used        $csv_used of 114"
# used rows come by count, largest first
awk '/^  -----/ { on = 1; next } on && /^  [^ (]/ { print $(NF - 1) }' "$T/out" >"$T/counts"
sort -rn "$T/counts" | cmp -s - "$T/counts"
check $? "the used rows are in decreasing count"

run solve --pool torchvision --budget 6.4 --all
expect_status 0
rows=$(awk '/^  -----/ { on = 1; next } on && /^  [^ (]/ { n++ } on && /^$/ { on = 0 } END { print n + 0 }' "$T/out")
expect_true "--all: 114 rows ($rows)" "$rows == 114"
expect_no_out "not used: --all"
expect_out "  mobilenet_v3_large_v2 "

# the CSV is the same with and without --all: every model
a=$("$OPTDEPLOY" solve --pool torchvision --budget 6.4 --format csv | wc -l)
b=$("$OPTDEPLOY" solve --pool torchvision --budget 6.4 --format csv --all | wc -l)
expect_true "CSV rows $a and $b" "$a == 115 && $b == 115"

# a small pool keeps every row, used or not
run solve data/uci_har.csv --budget 80
expect_out "  gradient_boosting "
expect_no_out "--all lists"

# the memory used, in the table and the CSV, with --memory
run solve --pool torchvision --columns memory=file_size_mb --budget 6.4 --memory 100
expect_status 0
expect_out "  model            cost (GFLOPS)  accuracy  load_cost  memory  count   share"
expect_out "memory used        74.489 of 100"
run solve --pool torchvision --columns memory=file_size_mb --budget 6.4 --memory 100 --format csv
expect_out ",status,memory,memory_used,memory_limit"
expect_out "efficientnet_b4,4.394,83.384,1,1000,1,6.4,1000,100,83.384,4.394,94684,optimal,74.489,74.489,100"

# --all is solve's; --rows is plot's and the planner's, used or all
expect_usage "--all: not used by 'sweep'" sweep data/uci_har.csv --all
expect_usage '--rows: "some" is not used or all' plot data/uci_har.csv -o "$T/f.svg" --rows some
expect_usage "--rows: not used by 'solve'" solve data/uci_har.csv --budget 80 --rows all
finish
