#!/bin/sh
# tests/core_purity.sh DIR... - the core is a library: no file under DIR may
# include curses, print (printf, puts, fprintf/fputs to stderr or stdout) or
# end the process (exit, _Exit, abort).  Comments and string literals are
# stripped first, so "exit status" in a comment is not a call.  Prints every
# offending line as FILE:LINE: TEXT and exits 1 when there is one.
set -u
[ $# -gt 0 ] || { echo "usage: tests/core_purity.sh DIR..." >&2; exit 64; }
bad=0
for f in $(find "$@" -name '*.[ch]' | sort); do
	# Blank out /* */ and // comments and "..." literals, keeping line numbers.
	hits=$(awk '
	{
		line = $0; out = ""
		while (length(line) > 0) {
			if (incomment) {
				e = index(line, "*/")
				if (e == 0) { line = ""; break }
				line = substr(line, e + 2); incomment = 0; continue
			}
			c = substr(line, 1, 1); two = substr(line, 1, 2)
			if (two == "/*") { incomment = 1; line = substr(line, 3); continue }
			if (two == "//") break
			if (c == "\"") {
				line = substr(line, 2)
				while (length(line) > 0) {
					c = substr(line, 1, 1)
					if (c == "\\") { line = substr(line, 3); continue }
					line = substr(line, 2)
					if (c == "\"") break
				}
				out = out "\"\""; continue
			}
			out = out c; line = substr(line, 2)
		}
		print FNR ": " out
	}' "$f" | grep -E '#[[:space:]]*include[[:space:]]*[<"]n?cursesw?[^>"]*\.h|(^|[^A-Za-z0-9_])(printf|vprintf|puts|exit|_Exit|abort)[[:space:]]*\(|f(printf|puts|putc|write)[[:space:]]*\((stderr|stdout)|(fputs|fputc|putc)[[:space:]]*\([^;]*,[[:space:]]*(stderr|stdout)[[:space:]]*\)|<ncurses|<curses|"curses')
	if [ -n "$hits" ]; then
		echo "$hits" | sed "s|^|$f:|"
		bad=1
	fi
done
if [ "$bad" -ne 0 ]; then
	echo "core-purity: the files above print, include curses or end the process;" \
		"the core returns a status and a message instead" >&2
	exit 1
fi
exit 0
