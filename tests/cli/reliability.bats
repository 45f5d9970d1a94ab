#!/usr/bin/env bats
# The storage protocols seen from outside: the order of system calls,
# readers beside writers, and many cron runs at once.  The power cut on a
# real ext4 file system and the full disk are in powercut.bats.

load helper
load workflow

# The order of the calls that change the disk, from strace.
calls() {
	strace -f -o "$BATS_TEST_TMPDIR/trace" -e trace=write,fsync,linkat,openat,renameat2 "$@" >/dev/null 2>&1
	grep -E 'fsync|linkat|renameat2|write\([0-9]+, "(aduan-log|[0-9])' "$BATS_TEST_TMPDIR/trace" |
		grep -v -E 'write\((1|2),' | sed -E 's/^[0-9]+ +//; s/\(.*//' | tr '\n' ' '
}

@test "a new case is written, synced, linked, then its directory synced" {
	command -v strace >/dev/null || skip "no strace"
	mkdir -p "$ADUAN_DIR"
	aduan-new -q --pelapor A --lurah B --perihal C --isi D >/dev/null
	[ "$(calls aduan-new -q --pelapor A --lurah B --perihal C --isi D)" = "write fsync linkat fsync " ]
}

@test "an append is one write, then fsync; a close also moves and syncs both directories" {
	command -v strace >/dev/null || skip "no strace"
	[ -z "${ADUAN_VALGRIND:-}" ] || skip "valgrind writes the ID argument, which strace sees as a log write"
	walk_to 10
	[ "$(calls aduan-panggil --help)" = "" ]
	# The close is witnessed in the checkpoint: one more write and fsync.
	[ "$(calls aduan-close -q "$id")" = "write fsync renameat2 fsync fsync write fsync " ]
}

@test "8 writers and 8 readers on one case: no reader ever sees a torn tail" {
	[ -z "${ADUAN_VALGRIND:-}" ] || skip "a test of timing: 160 runs of show and panggil --ulang, which other tests run under valgrind"
	walk_to 6
	barrier="$BATS_TEST_TMPDIR/barrier"
	: > "$barrier"
	exec 8>"$barrier"
	flock -x 8
	for w in 1 2 3 4 5 6 7 8; do
		flock -s "$barrier" sh -c "for i in 1 2 3 4 5 6 7 8 9 10; do
			aduan-panggil -q $id --ulang --pihak W$w-\$i --jadwal '$JADWAL' || exit 1
		done" &
	done
	for r in 1 2 3 4 5 6 7 8; do
		flock -s "$barrier" sh -c "for i in 1 2 3 4 5 6 7 8 9 10; do
			aduan-show --format tsv $id >/dev/null 2>>'$BATS_TEST_TMPDIR/err.$r' || exit 1
		done" &
	done
	flock -u 8
	failed=0
	for j in $(jobs -p); do wait "$j" || failed=$((failed + 1)); done
	[ "$failed" -eq 0 ]
	[ -z "$(cat "$BATS_TEST_TMPDIR"/err.*)" ]
	[ "$(grep -c $'\t5\tdone\t' "$log")" -eq 81 ]
	run aduan verify "$id"
	[ "$status" -eq 0 ]
}

@test "8 cron runs at once flag each late step exactly once" {
	for i in $(seq 1 12); do new_case "Pelapor $i"; done
	export ADUAN_NOW="2026-03-03 09:00"
	barrier="$BATS_TEST_TMPDIR/barrier"
	: > "$barrier"
	exec 8>"$barrier"
	flock -x 8
	for r in 1 2 3 4 5 6 7 8; do
		flock -s "$barrier" sh -c "aduan-overdue > '$BATS_TEST_TMPDIR/out.$r'; [ \$? -eq 1 ]" &
	done
	flock -u 8
	failed=0
	for j in $(jobs -p); do wait "$j" || failed=$((failed + 1)); done
	[ "$failed" -eq 0 ]
	for f in "$ADUAN_DIR"/open/*.log; do
		[ "$(grep -c $'\tlate\t' "$f")" -eq 1 ]
	done
	# Between them the runs printed each case once.
	[ "$(cat "$BATS_TEST_TMPDIR"/out.* | wc -l)" -eq 12 ]
	[ "$(cat "$BATS_TEST_TMPDIR"/out.* | cut -d' ' -f1 | sort -u | wc -l)" -eq 12 ]
	run aduan overdue
	[ "$status" -eq 1 ]
	[ -z "$output" ]
}

@test "hostile IDs are refused before anything in the data directory is opened" {
	command -v strace >/dev/null || skip "no strace"
	new_case
	while IFS= read -r bad; do
		strace -f -o "$BATS_TEST_TMPDIR/trace" -e trace=openat,openat2,open aduan-show "$bad" >/dev/null 2>&1 && false
		run ! grep -q "$ADUAN_DIR" "$BATS_TEST_TMPDIR/trace"
		# No path opened is the ID itself or a log named after it.
		run ! grep -qF -e "\"$bad\"" -e "$bad.log" "$BATS_TEST_TMPDIR/trace"
		run aduan show "$bad"
		[ "$status" -eq 2 ]
	done <<'IDS'
../x
../../etc/passwd
/etc/passwd
2026-0001/../../x
2026-0001/
2026-0001.log
./2026-0001
2026-0001 
 2026-0001
2026-42
2026-00001
26-0001
2026_0001
2026--001
2026-0000
1969-0001
2026-0001x
x2026-0001
2026-123456789
~/2026-0001
$HOME
*
?
2026-000*
-
--
..
.
open/2026-0001
closed/2026-0001
%2e%2e%2f
2026-0001%00
20260001
2026-
-0001
2026-abcd
٢٠٢٦-٠٠٠١
2026‐0001
IDS
}
