#!/bin/sh
# valgrind.sh CMDS...: the suite under valgrind (make valgrind).  The unit
# tests and the SOP loader's hostile inputs first, then the whole
# command-line suite with every command under memcheck: tests/tools/valgrind
# holds links to vg-wrap, first on PATH (helper.bash), a hard link of the
# dispatcher whose commands are those links, and one log a process;
# vg-check fails on any error or leak and names the test and the command.
# CMDS are the names of the built commands (aduan, aduan-new, ...); UNITS
# in the environment the unit test binaries.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
vg=tests/tools/valgrind
for t in ${UNITS:-}; do
	echo "== valgrind $t"
	(cd tests/unit && valgrind -q --leak-check=full \
	    --child-silent-after-fork=yes --errors-for-leak-kinds=all \
	    --error-exitcode=99 "./${t##*/}")
done
rm -rf "$vg"
mkdir -p "$vg/logs"
chmod 1777 "$vg/logs"
for c in "$@"; do
	ln -s ../vg-wrap "$vg/$c"
done
j=
command -v parallel >/dev/null && j="--jobs $(nproc)"
echo "== valgrind bats $j tests/cli"
# shellcheck disable=SC2086
{ ADUAN_VALGRIND=1 bats $j tests/cli; echo $? > "$vg/rc"; } | tee "$vg/tap"
sh tests/tools/vg-check "$vg"
[ "$(cat "$vg/rc")" -eq 0 ]
