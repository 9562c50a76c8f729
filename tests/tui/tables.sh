#!/bin/sh
# The planner reads tables as the batch commands do: --pool NAME opens a
# bundled pool with its mapping, several files are joined with --columns,
# and the warning about models left out is in the status line.
set -u
. tests/tui/helpers/tmux.sh

start 140 40 -- --pool torchvision
wait_for "torchvision_imagenet.csv | 114 models"
T send-keys -t t q
wait_for "EXIT=0"

start 160 40 -- tests/data/timm_results.csv tests/data/energy_mj.csv --columns cost=mj,accuracy=top1
wait_for "| 11 models |"
wait_for "left out 3 models not in every file: deit_tiny_patch16_224.fb_in1k"
T send-keys -t t q
wait_for "EXIT=0"

# a bad mapping stops the planner before the screen opens, as it stops solve
start 120 30 -- tests/data/timm_results.csv --columns cost=gmacs,accuracy=top1
wait_for "EXIT=65"
wait_for "--columns cost=gmacs: no such column"
start 120 30 -- --pool torchvision --only 'nothing*'
wait_for "EXIT=64"
wait_for "selects none of the 114 models"
echo "tables: ok"
