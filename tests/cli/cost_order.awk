# tests/cli/cost_order.awk - are heatmap row labels cheapest first?  Shared by
# tests/cli/plot_text.sh (the figure) and tests/tui/heatmap_rows.sh (the planner).
#
#   awk -F, -f tests/cli/name_fits.awk -f tests/cli/cost_order.awk MODELS.csv LABELS
#
# MODELS.csv: "name,cost,accuracy" of the models that may have a row, in pool
# order.  LABELS: the row labels in the order drawn, one a line: a name, or a
# cut of one (name_fits.awk).  Prints each label out of order
# (or that fits no model) and exits 1; the order is cost up, then accuracy
# down, then pool order (pool_cost_order).
# before(i, j): model i comes before model j
function before(i, j) {
	if (cost[i] != cost[j]) return cost[i] < cost[j]
	if (acc[i] != acc[j]) return acc[i] > acc[j]
	return i < j
}
FILENAME == ARGV[1] { name[++n] = $1; cost[n] = $2 + 0; acc[n] = $3 + 0; next }
{
	label = $0
	sub(/^ +/, "", label); sub(/ +$/, "", label)
	# a cut may fit several names: take the first of them in that order
	k = 0
	for (i = 1; i <= n; i++)
		if (!took[i] && fits(label, name[i]) && (!k || before(i, k))) k = i
	if (!k) { print "label " label " fits no model"; bad = 1; next }
	took[k] = 1
	if (prev && !before(prev, k)) {
		print "label " label " (cost " cost[k] ") after " name[prev] " (cost " cost[prev] ")"
		bad = 1
	}
	prev = k
}
END { exit bad }
