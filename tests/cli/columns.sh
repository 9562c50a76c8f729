#!/bin/sh
# tests/cli/columns.sh - --columns on a model zoo's results table, --only and
# --exclude, --skip-incomplete, memory values, and the sweep's log spacing:
# exact exit statuses and messages for good and bad mappings.
set -eu
. tests/cli/lib.sh

Z=tests/data/timm_results.csv
TV=data/torchvision_imagenet.csv
MAP=cost=infer_gmacs,accuracy=top1

# Without a mapping the zoo table is refused, with the way out in the message.
run solve $Z --budget 2
expect_status 65
expect_line "$T/err" 1 "optdeploy: $Z:1: missing column 'cost' (also accepted: 'energy'); map one with --columns cost=COLUMN (the columns are: model, img_size, top1, top5, param_count, infer_gmacs)"
expect_out_empty

# Mapped, the empty cell of the last row is a located data error ...
run solve $Z --columns $MAP --budget 2
expect_status 65
expect_line "$T/err" 1 "optdeploy: $Z:14: column 'infer_gmacs': empty value (a number is required)"
# ... which --skip-incomplete turns into one warning line.
run solve $Z --columns $MAP --budget 2 --skip-incomplete
expect_status 0
expect_line "$T/err" 1 "optdeploy: warning: --skip-incomplete: left out 1 model with an empty value: eva02_tiny_patch14_336.mim_in22k_ft_in1k"
expect_true "one warning line" "$(wc -l <"$T/err") == 1"
expect_out "pool               $Z, 12 models"
expect_out "models used        2 of 12"
# Keys and column names in any case; the mapped columns are what the table shows.
run solve $Z --columns COST=Infer_GMACs,Accuracy=TOP1 --budget 2 --skip-incomplete
expect_status 0
expect_true "efficientnet_b3 runs 993 at budget 2" \
	"$(awk '$1 == "efficientnet_b3.ra2_in1k" { print $5 }' "$T/out") == 993"
expect_true "its cost is infer_gmacs" \
	"$(awk '$1 == "efficientnet_b3.ra2_in1k" { print $2 }' "$T/out") == 2.01"
# name and load_cost can be mapped too; a column may serve two keys
run solve $Z --columns name=model,cost=infer_gmacs,accuracy=top5,load_cost=param_count \
	--budget 2 --skip-incomplete --K 10 --lambda 0
expect_status 0
expect_true "load_cost from param_count" \
	"$(awk '$1 == "resnet50.a1_in1k" { print $4 }' "$T/out") == 25.56"
expect_true "accuracy from top5" "$(awk '$1 == "resnet50.a1_in1k" { print $3 }' "$T/out") == 95.11"

# Bad mappings: the option (64) or the table (65).
expect_usage "--columns: unknown key 'speed' (keys: name, cost, accuracy, load_cost, memory, latency)" \
	solve $Z --columns speed=x --budget 2
expect_usage "--columns: key 'cost' given twice" solve $Z --columns cost=a,cost=b --budget 2
expect_usage "--columns: key 'cost' given twice" \
	solve $Z --columns cost=infer_gmacs --columns accuracy=top1,cost=x --budget 2
expect_usage '--columns: "cost" is not KEY=COLUMN' solve $Z --columns cost --budget 2
expect_usage "--columns: accuracy: the column name is empty" solve $Z --columns cost=a,accuracy= --budget 2
expect_usage "--columns: an empty item (write KEY=COLUMN, separated by commas)" \
	solve $Z --columns cost=a, --budget 2
run solve $Z --columns cost=gmacs,accuracy=top1 --budget 2
expect_status 65
expect_line "$T/err" 1 "optdeploy: $Z:1: --columns cost=gmacs: no such column (the columns are: model, img_size, top1, top5, param_count, infer_gmacs)"
run solve $Z --columns name=model,cost=top5,accuracy=model --budget 2
expect_status 65
expect_line "$T/err" 1 "optdeploy: $Z:2: column 'model': \"mobilenetv3_small_100.lamb_in1k\" is not a number"

# --only and --exclude: shell globs on the model name.
run solve $Z --columns $MAP --budget 5 --only 'resnet*,convnext_*'
expect_status 0
expect_out "pool               $Z, 4 models"
run solve $Z --columns $MAP --budget 5 --exclude 'vit_*,*_in22k_*' --skip-incomplete
expect_status 0
expect_out "pool               $Z, 9 models"
expect_err_empty   # the excluded eva02 row is never read: no warning
expect_no_out "vit_"
expect_usage "--only 'efficientnet_v2*': selects none of the 13 models in $Z" \
	solve $Z --columns $MAP --budget 5 --only 'efficientnet_v2*'
expect_usage "--only 'resnet*' with --exclude '*.a1_*': selects none of the 13 models in $Z" \
	solve $Z --columns $MAP --budget 5 --only 'resnet*' --exclude '*.a1_*'
expect_usage "--only: an empty pattern (write PATTERN[,PATTERN...])" solve $Z --only 'a,' --budget 5
expect_usage "--exclude given twice (list the patterns in one, separated by commas)" \
	solve $Z --exclude a --exclude b --budget 5

# The torchvision zoo as the issue opens it; a memory column.
run solve $TV --columns cost=gflops,accuracy=acc1,memory=file_size_mb --budget 5
expect_status 0
expect_out "pool               $TV, 114 models"
printf 'model,cost,accuracy,memory\na,1,50,3\nb,2,60,-4\n' >"$T/mem.csv"
run solve "$T/mem.csv" --budget 2
expect_status 65
expect_line "$T/err" 1 "optdeploy: $T/mem.csv:3: column 'memory': \"-4\" is negative (a memory footprint must be >= 0)"
printf 'model,cost,accuracy,mb\na,1,50,3\nb,2,60,inf\n' >"$T/mem2.csv"
run solve "$T/mem2.csv" --columns memory=mb --budget 2
expect_status 65
expect_line "$T/err" 1 "optdeploy: $T/mem2.csv:3: column 'mb': \"inf\" is not a number"

# Log spacing: the default when costs span more than two decades, stated in the header.
run sweep $TV --columns cost=gflops,accuracy=acc1 --steps 5
expect_status 0
expect_out "sweep              5 budget levels from 0.04 to 1016.717 per inference"
expect_out "spacing            log (default: costs span a factor of 25418, log above 100)"
expect_true "level 2 is geometric: 0.04 x (1016.717 / 0.04)^(1/4)" \
	"$(awk '/optimal/ && ++n == 2 { print $1 }' "$T/out") == 0.505062"
run sweep $TV --columns cost=gflops,accuracy=acc1 --steps 5 --linear
expect_status 0
expect_out "spacing            linear (--linear)"
expect_true "level 2 is even" "$(awk '/optimal/ && ++n == 2 { print $1 }' "$T/out") == 254.209"
run sweep data/uci_har.csv --steps 3
expect_out "spacing            linear (default: costs span a factor of 1.69, log above 100)"
run frontier data/uci_har.csv --steps 3 --log
expect_status 0
expect_out "spacing            log (--log)"
expect_usage "--log and --linear: give only one" sweep data/uci_har.csv --log --linear
expect_usage "--log: not used by 'solve'" solve data/uci_har.csv --budget 80 --log
# Zero-cost model: the log range starts at the cheapest positive cost.
printf 'model,cost,accuracy\nfree,0,40\nb,0.5,60\nc,500,90\n' >"$T/zero.csv"
run sweep "$T/zero.csv" --steps 4 --format csv
expect_status 0
expect_true "first level is the cheapest positive cost" \
	"$(awk -F, 'NR == 2 { print $1 }' "$T/out") == 0.5"
expect_true "second level 5" "$(awk -F, 'NR == 5 { print $1 }' "$T/out") == 5"
expect_usage "log spacing starts at the cheapest positive cost 0.5, which is not below 0.25 (use --linear)" \
	sweep "$T/zero.csv" --steps 4 --log --to 0.25

finish
