#!/bin/sh
# run.sh - build the libFuzzer targets of tests/fuzz and run each of them
# for FUZZ_SECONDS seconds (default 30), then run the regression inputs.
#
#   tests/fuzz/run.sh                   all targets, 30 s each
#   FUZZ_SECONDS=300 tests/fuzz/run.sh  longer
#   FUZZ_TARGETS="log sop" tests/fuzz/run.sh
#
# Each target is built with clang, libFuzzer, AddressSanitizer and UBSan
# (a UBSan report is fatal) from its fuzz_NAME.c and the library sources
# themselves, not lib/libaduan.a, so that the library is instrumented too.
# The binaries go to tests/fuzz/fuzz_NAME (ignored by git).
#
# A target runs from the top of the tree on a private copy of its seed
# corpus, tests/fuzz/corpus/NAME, so that the tree does not grow; what it
# writes (its data directories, new corpus entries, crash inputs) goes to
# one temporary directory, removed at the end unless something crashed.
# Then every file of tests/fuzz/regress/NAME/ is run once: inputs that
# crashed once, kept so that they are tried again.
#
# Prints per target the executions and whether it crashed; exits 0 when
# nothing crashed, 1 when something did, 2 when the build failed.

set -u

top=$(cd "$(dirname "$0")/../.." && pwd) || exit 2
cd "$top" || exit 2

FUZZ_SECONDS=${FUZZ_SECONDS:-30}
FUZZ_TARGETS=${FUZZ_TARGETS:-log line sop time id surat tree}
CC=${FUZZ_CC:-clang}
PKG_CONFIG=${PKG_CONFIG:-pkg-config}

case $FUZZ_SECONDS in
''|*[!0-9]*) echo "run.sh: FUZZ_SECONDS must be a number of seconds" >&2
	exit 2 ;;
esac

deps_cflags=$($PKG_CONFIG --cflags yaml-0.1 nettle) || exit 2
deps_libs=$($PKG_CONFIG --libs yaml-0.1 nettle) || exit 2

work=$(mktemp -d "${TMPDIR:-/tmp}/aduan-fuzz-run.XXXXXX") || exit 2
keep=0
trap 'if [ $keep = 0 ]; then rm -rf "$work"; fi' EXIT
trap 'exit 130' INT TERM

# $deps_cflags is split into words on purpose, as make would.
fuzz_cc() {
	# shellcheck disable=SC2086
	"$CC" -g -O1 -fsanitize=fuzzer,address,undefined \
	    -fno-sanitize-recover=undefined -std=c17 -D_GNU_SOURCE -I lib \
	    $deps_cflags -DFUZZ_TOP="\"$top\"" "$@"
}

echo "== building with $CC"
mkdir -p "$work/obj" || exit 2
objs=
for src in lib/*.c; do
	obj=$work/obj/$(basename "$src" .c).o
	fuzz_cc -c -o "$obj" "$src" || { echo "run.sh: cannot build $src" >&2
		exit 2; }
	objs="$objs $obj"
done
for t in $FUZZ_TARGETS; do
	# shellcheck disable=SC2086
	fuzz_cc -o "tests/fuzz/fuzz_$t" "tests/fuzz/fuzz_$t.c" $objs $deps_libs ||
	    { echo "run.sh: cannot build tests/fuzz/fuzz_$t" >&2; exit 2; }
done

export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"

# The lines that say what went wrong, from a libFuzzer log: a sanitizer's
# report with the top of its stack, a harness's BUG line, the summary.
why() {
	awk '
	/==[0-9]+==ERROR: [A-Za-z]+Sanitizer/ { blk = 7 }
	blk > 0 { print; blk--; next }
	/BUG:|harness:|runtime error:|ERROR: libFuzzer|^SUMMARY:/ { print }
	' "$1" | head -n 24 | sed 's/^/    /'
}

status=0
summary=
for t in $FUZZ_TARGETS; do
	corpus=$work/corpus/$t
	art=$work/artifacts/$t
	mkdir -p "$corpus" "$art" "$work/tmp-$t" || exit 2
	[ -d "tests/fuzz/corpus/$t" ] && cp -R "tests/fuzz/corpus/$t/." "$corpus/"
	echo "== fuzz_$t: $FUZZ_SECONDS s on $(find "$corpus" -type f | wc -l) seeds"
	TMPDIR=$work/tmp-$t "./tests/fuzz/fuzz_$t" \
	    -max_total_time="$FUZZ_SECONDS" -max_len=65536 -timeout=30 \
	    -print_final_stats=1 -artifact_prefix="$art/" "$corpus" \
	    >"$work/$t.log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' \
	    "$work/$t.log" | tail -n 1)
	if [ $rc = 0 ]; then
		result=ok
	else
		result="CRASHED (exit $rc)"
		status=1
		keep=1
		why "$work/$t.log"
		for a in "$art"/*; do
			[ -f "$a" ] && echo "    input: $a"
		done
		echo "    log: $work/$t.log"
	fi

	# Inputs that crashed before: each must now run clean.
	regress=ok nreg=0
	if [ -d "tests/fuzz/regress/$t" ]; then
		for f in "tests/fuzz/regress/$t"/*; do
			[ -f "$f" ] || continue
			nreg=$((nreg + 1))
			rlog=$work/$t.regress.$nreg.log
			if ! TMPDIR=$work/tmp-$t "./tests/fuzz/fuzz_$t" \
			    -timeout=30 "$f" >"$rlog" 2>&1; then
				regress="CRASHED"
				status=1
				keep=1
				echo "    regression $f crashes:"
				why "$rlog"
				echo "    log: $rlog"
			fi
		done
	fi
	line=$(printf '%-10s %12s executions  %-18s regress: %s' "fuzz_$t" \
	    "${execs:-?}" "$result" \
	    "$([ $nreg = 0 ] && echo none || echo "$regress ($nreg inputs)")")
	echo "$line"
	summary="$summary$line
"
done

echo "== summary"
printf '%s' "$summary"
if [ $keep = 1 ]; then
	echo "logs and crashing inputs kept in $work"
fi
exit $status
