#!/usr/bin/env bats
# aduan verify: the chain of each log, and where and how it first breaks.

load helper

# Three cases, each with the header and three events.
setup() {
	for p in Ani Budi Citra; do
		id=$(aduan new --pelapor "$p" --lurah L --perihal P --isi I -q)
		aduan assign "$id" --kepada Agus -q
	done
	log() { echo "$ADUAN_DIR/open/$1.log"; }
}

# The coreutils-only check of aduan-log(5): prints the first bad line.
shcheck() {
	local prev= n=0 line body hash want
	while IFS= read -r line; do
		body=${line%$'\t'*}
		hash=${line##*$'\t'}
		if [ $n -eq 0 ]; then
			want=$(printf '%s\n' "$body" | sha256sum | cut -c1-64)
		else
			want=$(printf '%s\t%s\n' "$prev" "$body" | sha256sum | cut -c1-64)
		fi
		[ "$want" = "$hash" ] || { echo "line $((n + 1))"; return 1; }
		prev=$hash
		n=$((n + 1))
	done < "$1"
	echo ok
}

@test "untouched logs verify, and the summary counts them" {
	run --separate-stderr aduan verify
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 3 ]
	[ "${lines[0]}" = "2026-0001: ok, 3 events" ]
	[ "${stderr_lines[1]}" = "aduan verify: 3 case(s) checked, 0 did not verify" ]
	# Recorded under ADUAN_NOW, as every test: said, and not a failure.
	[[ "${stderr_lines[0]}" == "aduan verify: "*" event(s) recorded with the clock set by hand (ADUAN_NOW); --strict refuses them" ]]
}

@test "an altered line is named with its line number and exit 1" {
	sed -i '4s/kepada=Agus/kepada=Agos/' "$(log 2026-0002)"
	run aduan verify -q
	[ "$status" -eq 1 ]
	[ "$output" = "2026-0002: altered at line 4: event 3 was altered (its hash does not match)" ]
}

@test "a removed line is named where the gap is" {
	sed -i '3d' "$(log 2026-0001)"
	run aduan verify -q 2026-0001
	[ "$status" -eq 1 ]
	[[ "$output" == "2026-0001: removed at line 3: "* ]]
}

@test "a duplicated line is named" {
	f=$(log 2026-0001)
	sed -n 3p "$f" >> "$f"
	run aduan verify -q 2026-0001
	[ "$status" -eq 1 ]
	[[ "$output" == "2026-0001: duplicated at line 5: "* ]]
}

@test "two lines swapped are caught at the first of them" {
	f=$(log 2026-0003)
	awk 'NR == 3 { held = $0; next } NR == 4 { print; print held; next } 1' "$f" > "$BATS_TEST_TMPDIR/x"
	cat "$BATS_TEST_TMPDIR/x" > "$f"
	run aduan verify -q 2026-0003
	[ "$status" -eq 1 ]
	[[ "$output" == "2026-0003: removed at line 3: event 3 comes where 2 should"* ]]
}

@test "an inserted line is caught" {
	sed -i '3i\\tnot an event' "$(log 2026-0001)"
	run aduan verify -q 2026-0001
	[ "$status" -eq 1 ]
	[[ "$output" == "2026-0001: inserted at line 3: "* ]]
}

@test "a case file copied over another is caught" {
	cp "$(log 2026-0001)" "$(log 2026-0002)"
	run aduan verify -q
	[ "$status" -eq 1 ]
	[[ "$output" == "2026-0002: copied at line 1: "*"log of case 2026-0001"* ]]
}

@test "a torn tail is reported, then verifies once sealed by the next recording" {
	printf '4\t2026-03-02T09:0' >> "$(log 2026-0001)"
	run aduan verify -q 2026-0001
	[ "$status" -eq 1 ]
	[[ "$output" == "2026-0001: torn at line 5: 17 bytes at byte "* ]]
	aduan panggil 2026-0001 --pihak Joko --jadwal "2026-03-03 09:00" -q
	run --separate-stderr aduan verify 2026-0001
	[ "$status" -eq 0 ]
	[ "$output" = "2026-0001: ok, 6 events, a torn write sealed in place" ]
}

@test "a log that is a symlink is refused, not followed" {
	ln -s /etc/passwd "$ADUAN_DIR/open/2026-0009.log"
	run aduan verify -q 2026-0009
	[ "$status" -eq 1 ]
	[[ "$output" == "2026-0009: link at line 0: "* ]]
}

@test "the coreutils check of aduan-log(5) agrees with aduan verify" {
	for f in "$ADUAN_DIR"/open/*.log; do
		[ "$(shcheck "$f")" = ok ]
	done
	sed -i '3s/2026/2025/' "$(log 2026-0002)"
	[ "$(shcheck "$(log 2026-0002)")" = "line 3" ]
	run aduan verify -q 2026-0002
	[[ "$output" == "2026-0002: altered at line 3: "* ]]
}

@test "tsv gives one line per case with five fields" {
	sed -i '4s/Agus/Agos/' "$(log 2026-0003)"
	run aduan verify --format tsv
	[ "$status" -eq 1 ]
	[ "${#lines[@]}" -eq 3 ]
	[ "$(printf '%s\n' "${lines[2]}" | awk -F'\t' '{ print NF, $1, $2, $3, $4 }')" = "5 2026-0003 altered 4 2" ]
	[ "$(printf '%s\n' "${lines[0]}" | cut -f2)" = ok ]
	# A log that verifies has no line at fault: 0, as aduan-verify(1) says.
	[ "$(printf '%s\n' "${lines[0]}" | cut -f3)" = 0 ]
}

@test "a malformed ID is a usage error and an unknown one is not found" {
	run aduan verify ../x
	[ "$status" -eq 2 ]
	[[ "$output" == *"not a case ID"* ]]
	run aduan verify 2026-0999
	[ "$status" -eq 3 ]
	[[ "$output" == *"2026-0999: no such case"* ]]
}

# verify reads a log first with no lock; a log that does not read whole so
# may be in the middle of a write, and is read again under the lock.
@test "a log half-written under its writer's lock is waited for, not called torn" {
	f=$(log 2026-0002)
	size=$(stat -c %s "$f")
	exec 9>> "$f"
	flock -x 9
	printf '4\t2026-03-02T' >> "$f"
	ADUAN_LOCK_WAIT=0 run --separate-stderr aduan verify 2026-0002
	[ "$status" -eq 8 ]
	[[ "$stderr" == *"2026-0002"*"being written"* ]]
	[[ "$output$stderr" != *torn* ]]
	# The writer fails and cuts its line back, as aduan does; then ok.
	truncate -s "$size" "$f"
	flock -u 9
	exec 9>&-
	run aduan verify -q 2026-0002
	[ "$status" -eq 0 ]
	run aduan verify --format tsv 2026-0002
	[ "${lines[0]}" = "2026-0002	ok	0	3	" ] || { echo "$output"; false; }
	# With no writer, the same bytes are a write that did not finish.
	printf '4\t2026-03-02T' >> "$f"
	run aduan verify 2026-0002
	[ "$status" -eq 1 ]
	[[ "$output" == *"2026-0002: torn"* ]] || { echo "$output"; false; }
}
