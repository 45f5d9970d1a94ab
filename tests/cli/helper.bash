# Shared by every bats file: the commands of this tree first on PATH, a
# fresh data directory and a fixed clock for each test.
bats_require_minimum_version 1.5.0
top=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
PATH="$top/cmd:$PATH"
# make valgrind: every command under valgrind, through tests/tools/vg-wrap.
if [ -n "${ADUAN_VALGRIND:-}" ]; then
	[ -d "$top/tests/tools/valgrind/logs" ] ||
		{ echo "ADUAN_VALGRIND: run make valgrind" >&2; exit 1; }
	PATH="$top/tests/tools/valgrind:$PATH"
fi
# plain CMD ARGS: CMD from cmd/, outside valgrind even under make valgrind:
# for the set-up of a test (workflow.bash), which runs the same commands
# hundreds of times over; every command the tests check runs under it.
plain() {
	PATH="$top/cmd:$PATH" "$@"
}
export ADUAN_DIR="$BATS_TEST_TMPDIR/data"
export ADUAN_NOW="2026-03-02T09:00:00+07:00"
export ADUAN_USER="Petugas Uji"
# The commands' caches (aduan-overdue(1), FILES): the test's own.
export XDG_CACHE_HOME="$BATS_TEST_TMPDIR/cache"
unset ADUAN_SOP
# The tests match the messages in English, the language of the sources,
# whatever the locale of who runs them (i18n.bats sets its own per command).
export LC_MESSAGES=C
unset LC_ALL LANGUAGE
SOP="$top/sop/kranggan.yaml"
