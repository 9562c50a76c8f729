# tests/cli/name_fits.awk - fits(shown, name): is shown the name, or a cut of
# it?  A cut marks each place it left characters out with "…" (or "~" in
# ASCII), one or more characters each: head…tail (names_crop_set), and the
# planner's word cuts with two marks (mo…v2-0.75-128-q…, names_crop_words).
# Shared by tests/cli/cost_order.awk and the terminal tests:
#   awk -f tests/cli/name_fits.awk -f OTHER.awk ... , or awk "$(cat tests/cli/name_fits.awk)"'...'
function fits(shown, name,   m, n, part, i, at, p) {
	if (shown == name) return 1
	m = "\342\200\246"
	if (index(shown, m) == 0) m = "~"
	if (index(shown, m) == 0) return 0
	n = split(shown, part, m == "~" ? "~" : "\342\200\246")
	if (substr(name, 1, length(part[1])) != part[1]) return 0
	at = length(part[1])    # characters of name matched so far
	for (i = 2; i < n; i++) {
		# at least one character left out before each part
		p = index(substr(name, at + 2), part[i])
		if (part[i] == "" || p == 0) return 0
		at += p + length(part[i])
	}
	return length(name) - length(part[n]) >= at + 1 &&
		substr(name, length(name) - length(part[n]) + 1) == part[n]
}
