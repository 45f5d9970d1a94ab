#!/usr/bin/env bats
# aduan checkpoint: case heads noted outside the logs, so that verify sees
# a log cut short, rewritten whole, or removed.

load helper

setup() {
	for p in Ani Budi; do
		id=$(aduan new --pelapor "$p" --lurah L --perihal P --isi I -q)
		aduan assign "$id" --kepada Agus -q
	done
	log() { echo "$ADUAN_DIR/open/$1.log"; }
}

# Rewrite a log whole with a changed line and a fresh, valid chain, as a
# forger with sha256sum would (the check of aduan-log(5), run backwards).
forge() {
	local prev= n=0 line body hash
	while IFS= read -r line; do
		body=${line%$'\t'*}
		[ $n -eq 3 ] && body=${body/kepada=Agus/kepada=Palsu}
		if [ $n -eq 0 ]; then
			hash=$(printf '%s\n' "$body" | sha256sum | cut -c1-64)
		else
			hash=$(printf '%s\t%s\n' "$prev" "$body" | sha256sum | cut -c1-64)
		fi
		printf '%s\t%s\n' "$body" "$hash"
		prev=$hash
		n=$((n + 1))
	done < "$1"
}

@test "a checkpoint notes each changed case once and says how many" {
	run aduan checkpoint
	[ "$status" -eq 0 ]
	[ "$output" = "aduan checkpoint: 2 case head(s) noted" ]
	run aduan checkpoint
	[ "$output" = "aduan checkpoint: 0 case head(s) noted" ]
	aduan panggil 2026-0001 --pihak Joko --jadwal "2026-03-03 09:00" -q
	run aduan checkpoint -q
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[ "$(wc -l < "$ADUAN_DIR/checkpoint.log")" -eq 4 ]
}

@test "a log cut after its last good line is caught against the checkpoint" {
	aduan checkpoint -q
	head -n 3 "$(log 2026-0001)" > "$BATS_TEST_TMPDIR/x"
	cat "$BATS_TEST_TMPDIR/x" > "$(log 2026-0001)"
	run aduan verify -q
	[ "$status" -eq 1 ]
	[ "$output" = "2026-0001: cut at line 4: the log ends at event 2, but the checkpoint saw 3: its tail was cut off" ]
}

@test "a log rewritten whole with a valid chain is caught against the checkpoint" {
	aduan checkpoint -q
	forge "$(log 2026-0002)" > "$BATS_TEST_TMPDIR/x"
	cat "$BATS_TEST_TMPDIR/x" > "$(log 2026-0002)"
	mv "$ADUAN_DIR/checkpoint.log" "$BATS_TEST_TMPDIR/cp"
	run aduan verify -q
	# Its own chain holds: only a witness sees it, and a missing one is
	# said.
	[ "$status" -eq 1 ]
	[ "$output" = "aduan verify: checkpoint.log: the witness of the case heads is missing: it was removed" ]
	mv "$BATS_TEST_TMPDIR/cp" "$ADUAN_DIR/checkpoint.log"
	run aduan verify -q
	[ "$status" -eq 1 ]
	[[ "$output" == "2026-0002: rewritten at line 4: "* ]]
}

@test "a removed log is caught against the checkpoint" {
	aduan checkpoint -q
	rm "$(log 2026-0002)"
	run aduan verify -q
	[ "$status" -eq 1 ]
	[ "$output" = "2026-0002: missing at line 0: the checkpoint saw 3 events; the log is gone" ]
}

@test "an altered checkpoint is itself reported" {
	aduan checkpoint -q
	sed -i '2s/\t3\t/\t9\t/' "$ADUAN_DIR/checkpoint.log"
	run aduan verify -q
	[ "$status" -eq 6 ]
	[[ "$output" == *"checkpoint.log: line 2 does not verify"* ]]
}

@test "each cron run of aduan overdue keeps the checkpoint of the open cases" {
	ADUAN_NOW="2026-03-02 09:05" run aduan overdue
	[ "$(wc -l < "$ADUAN_DIR/checkpoint.log")" -eq 3 ]
	run aduan overdue --all
	[ "$(wc -l < "$ADUAN_DIR/checkpoint.log")" -eq 3 ]
}
