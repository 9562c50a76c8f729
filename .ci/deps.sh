#!/bin/sh
# .ci/deps.sh [EXTRA-PACKAGE...] - make sure the Debian packages optdeploy
# builds and tests with are installed.  As root with apt-get, installs what is
# missing; otherwise names the packages to install and fails.
set -eu
packages="gcc make pkg-config libncurses-dev libglpk-dev libcsv-dev libcmocka-dev tmux mandoc valgrind libcairo2-dev libfontconfig-dev fonts-dejavu-core libxml2-utils locales poppler-utils $*"
missing=""
for p in $packages; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "deps: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing
	exit 0
fi
echo "deps: missing Debian packages:$missing" >&2
echo "deps: install them with: sudo apt-get install$missing" >&2
exit 1
