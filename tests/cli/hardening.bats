#!/usr/bin/env bats
# What an outside test broke, each closed at its root: crash-class input,
# spoofed screens, lost cron notices, impossible appointments and
# deadlines, and the contracts scripts rely on.

load helper
load workflow

# calcopy SED: a copy of the SOP and of the calendar in s/, the calendar
# changed by SED; sets new to the SOP.
calcopy() {
	mkdir -p "$BATS_TEST_TMPDIR/s"
	new="$BATS_TEST_TMPDIR/s/k.yaml"
	cp "$SOP" "$new"
	sed -e "$1" "$top/sop/kalender.yaml" > "$BATS_TEST_TMPDIR/s/kalender.yaml"
}

@test "a sequence hint past what the logs show is not trusted, and reads no uninitialised memory" {
	new_case
	for hint in 0100000000 0099999999 99999999999999999999 0000000042; do
		printf '%s\n' "$hint" > "$ADUAN_DIR/seq/2026"
		run aduan new -q --pelapor A --lurah B --perihal C --isi D
		[ "$status" -eq 0 ]
		[[ "$output" =~ ^2026-000[2-9]$ ]]
	done
	[ "$(ls "$ADUAN_DIR/open" | wc -l)" -eq 5 ]
}

@test "when no case number is left for the year, new says so with exit 7 and writes nothing" {
	new_case
	touch "$ADUAN_DIR/closed/2026-99999999.log"
	printf '99999999\n' > "$ADUAN_DIR/seq/2026"
	run aduan new -q --pelapor A --lurah B --perihal C --isi D
	[ "$status" -eq 7 ]
	[ "$output" = "aduan new: no case number left for 2026" ]
	[ "$(ls "$ADUAN_DIR/open" | wc -l)" -eq 1 ]
}

@test "a recorder's name with a line break or carriage return is refused, and never reaches a screen raw" {
	new_case
	ADUAN_USER=$'Siti\r  2  2026-03-02 09:10  done' run aduan assign "$id" --step 2
	[ "$status" -eq 2 ]
	[ "$output" = "aduan assign: --by: a name is one line, with no tab" ]
	run aduan assign "$id" --step 2 --by $'Siti\n   3  2026-03-02 09:10  done    step 3'
	[ "$status" -eq 2 ]
	run aduan assign "$id" --step 2 --by ""
	[ "$status" -eq 2 ]
	[ "$output" = "aduan assign: --by: empty" ]
	run aduan assign "$id" --step 2 --by "   "
	[ "$status" -eq 2 ]
	[ "$(events)" -eq 1 ]
}

@test "an SOP's texts and the names in a log reach no screen with a raw control character" {
	walk_to 3
	for f in text tsv json; do
		run aduan show "$id" --format $f
		[[ "$output" != *$'\r'* && "$output" != *$'\e'* ]]
	done
}

@test "arguments echoed in messages carry no terminal escape" {
	run aduan new --at $'\e[2J' --pelapor A --lurah B --perihal C --isi D
	[ "$status" -eq 2 ]
	[[ "$output" != *$'\e'* ]]
	[[ "$output" == *'\x1b[2J'* ]]
	run aduan show $'2026-\e]0;x\a'
	[ "$status" -eq 2 ]
	[[ "$output" != *$'\e'* && "$output" != *$'\a'* ]]
	run aduan overdue --role $'\e[31mcamat'
	[ "$status" -eq 2 ]
	[[ "$output" != *$'\e'* ]]
	# getopt's own message too: all that goes to standard error.
	run aduan new --$'\e[2J'
	[ "$status" -eq 2 ]
	[[ "$output" == *"unrecognized option '--\x1b[2J'"* ]]
}

@test "a notice is flagged only once it reached standard output: a failed run is said again by the next" {
	walk_to 2
	ADUAN_NOW="2026-03-02 11:00" run aduan overdue
	[ "$status" -eq 1 ]
	snap
	walk_to 2
	log2=$log
	cp "$log2" "$BATS_TEST_TMPDIR/two"
	ADUAN_NOW="2026-03-02 11:00" run sh -c 'aduan overdue > /dev/full'
	[ "$status" -eq 7 ]
	[[ "$output" == *"the notice was not delivered; the step is not flagged"* ]]
	cmp "$log2" "$BATS_TEST_TMPDIR/two"
	ADUAN_NOW="2026-03-02 11:00" run aduan overdue
	[ "$status" -eq 1 ]
	[[ "$output" == *"$id  step 2"* ]]
	[ "$(grep -c '	late	' "$log2")" -eq 1 ]
}

@test "one corrupt log does not switch off cron: it is named, every other case is flagged and witnessed" {
	walk_to 2
	bad=$id
	walk_to 2
	good=$id
	sed -i '2s/\tdone\t/\tdonE\t/' "$ADUAN_DIR/open/$bad.log"
	ADUAN_NOW="2026-03-02 11:00" run aduan overdue
	[ "$status" -eq 6 ]
	[[ "$output" == *"$bad: line 2 does not verify"* ]]
	[[ "$output" == *"$good  step 2"* ]]
	grep -q "	$good	" "$ADUAN_DIR/checkpoint.log"
}

@test "an appointment before the summons, too far ahead, on a closed day or after hours is refused" {
	walk_to 5
	snap
	run aduan panggil "$id" --pihak A --jadwal "2026-03-01 09:00"
	[ "$status" -eq 4 ]
	[[ "$output" == "aduan panggil: $id: --jadwal: 2026-03-01T09:00:00+07:00 is before the step it is set at"* ]]
	run aduan panggil "$id" --pihak A --jadwal "2026-03-08 09:00"
	[ "$status" -eq 4 ]
	[[ "$output" == *"falls on a day the office is closed"* ]]
	run aduan panggil "$id" --pihak A --jadwal "2026-03-02 19:00"
	[ "$status" -eq 4 ]
	[[ "$output" == *"is outside office hours"* ]]
	run aduan panggil "$id" --pihak A --jadwal "2026-03-19 10:00"
	[ "$status" -eq 4 ]
	[[ "$output" == *"falls on a holiday"* ]]
	run aduan panggil "$id" --pihak A --jadwal "2099-01-01 09:00"
	[ "$status" -eq 4 ]
	[[ "$output" == *"is more than 30 hari ahead"* ]]
	unchanged
}

@test "an adjournment into the past or past the SOP's bound is refused, not ignored" {
	walk_to 7
	snap
	run aduan musyawarah "$id" --tunda --jadwal "2026-03-01 10:00"
	[ "$status" -eq 4 ]
	run aduan musyawarah "$id" --tunda --jadwal "2099-01-01 09:00"
	[ "$status" -eq 4 ]
	unchanged
}

@test "a day the office opens in the calendar (buka) takes an appointment" {
	calcopy '/^buka:/,$d'
	cat >> "$BATS_TEST_TMPDIR/s/kalender.yaml" <<-'EOF'
	buka:
	  - tanggal: "2026-03-07"
	    alasan: pelayanan Sabtu
	    jam_kerja: ["08:00-12:00"]
	EOF
	run aduan sop --check "$new"
	[ "$status" -eq 0 ]
	ADUAN_SOP=$new walk_to 5
	ADUAN_SOP=$new run aduan panggil "$id" --pihak A --jadwal "2026-03-07 09:00"
	[ "$status" -eq 0 ]
	run aduan panggil "$id" --pihak A --jadwal "2026-03-07 09:00"
	[ "$status" -eq 4 ]
}

@test "a buka day with no hours of its own, and a week with no office hours, are refused by the check" {
	calcopy '/^buka:/,$d'
	cat >> "$BATS_TEST_TMPDIR/s/kalender.yaml" <<-'EOF'
	buka:
	  - tanggal: "2026-03-07"
	    alasan: pelayanan Sabtu
	EOF
	run aduan sop --check "$new"
	[ "$status" -eq 5 ]
	[[ "$output" == *"buka: that day has no office hours of its own"* ]]
	calcopy 's/^\(  [a-z]*:\) \[.*\]$/\1 []/'
	run aduan sop --check "$new"
	[ "$status" -eq 5 ]
	[[ "$output" == *"jam_kerja: no office hours on any day of the week"* ]]
}

@test "a time standard the calendar cannot count is refused by the check, as the arithmetic would" {
	mkdir -p "$BATS_TEST_TMPDIR/s"
	cp "$top/sop/kalender.yaml" "$BATS_TEST_TMPDIR/s/"
	for w in "2700 hari" "20000 jam"; do
		sed "0,/waktu: 1 hari/s//waktu: $w/" "$SOP" > "$BATS_TEST_TMPDIR/s/k.yaml"
		run aduan sop --check "$BATS_TEST_TMPDIR/s/k.yaml"
		[ "$status" -eq 5 ]
		[[ "$output" == *"waktu '$w' cannot be counted by the calendar"* ]]
	done
}

@test "a one-day deadline never falls in a rest break, and --explain says why it moved" {
	# Step 3 recorded on Thursday 11:45: step 4 is due a working day
	# later, on Friday, whose break is 11:30-13:00.
	export ADUAN_NOW="2026-11-26 11:50"
	id=$(aduan-new -q --pelapor A --lurah B --perihal C --isi D --at "2026-11-26 11:44")
	aduan assign -q "$id" --kepada K --at "2026-11-26 11:45"
	run aduan show "$id" --explain
	[ "$status" -eq 0 ]
	[[ "$output" == *"due 2026-11-27 11:30 (1 hari)"* ]]
	[[ "$output" == *"11:45 falls in the rest break 11:30-13:00: due when it starts, 2026-11-27 11:30"* ]]
}

@test "a step due at the closing is not late by 0h00m after hours, only from the next office minute" {
	# Filed Monday 15:00: step 2 (1 jam) is due 16:00, the closing.
	ADUAN_NOW="2026-11-30 15:00" new_case
	ADUAN_NOW="2026-11-30 16:01" run aduan overdue --all
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	ADUAN_NOW="2026-12-01 07:31" run aduan overdue
	[ "$status" -eq 1 ]
	[[ "$output" == *"$id  step 2"*"late by 0h01m"* ]]
}

@test "a case whose last step lies in the clock's future says so, not that --at was before it" {
	new_case
	ADUAN_NOW="2036-03-02 09:00" aduan assign -q "$id" --step 2
	run aduan assign "$id" --kepada K
	[ "$status" -eq 4 ]
	[[ "$output" == "aduan assign: $id: the last recorded step (2036-03-02T09:00:00+07:00) lies in the future of this clock"* ]]
}

@test "list warns of a year without a holiday list in every format, and show's JSON says it" {
	ADUAN_NOW="2027-03-01 09:00" new_case
	for f in text tsv json; do
		ADUAN_NOW="2027-03-01 09:00" run --separate-stderr aduan list --format $f
		[ "$status" -eq 0 ]
		[[ "$stderr" == *"the calendar has no holiday list for 2027"* ]]
	done
	ADUAN_NOW="2027-03-01 09:00" run aduan show "$id" --format json
	[ "$(jq '.steps[1].unlisted' <<<"$output")" = 2027 ]
	[ "$(jq '.steps[0].unlisted' <<<"$output")" = 2027 ]
}

@test "list and overdue report a torn tail" {
	new_case
	printf '2\t2026-03-02T09' >> "$log"
	run aduan list
	[ "$status" -eq 0 ]
	[[ "$output" == *"$id: warning: the log ends in"*"left by a write that did not finish"* ]]
	ADUAN_NOW="2026-03-02 11:00" run aduan overdue
	[[ "$output" == *"$id: warning: the log ends in"* ]]
}

@test "data.pihak is a list with one party as with two" {
	walk_to 5
	aduan panggil -q "$id" --pihak "Pak RT" --jadwal "$JADWAL"
	run aduan show "$id" --format json
	[ "$(jq -r '.steps[4].done[0].data.pihak | type' <<<"$output")" = array ]
	[ "$(jq -r '.events[4].data.pihak[0]' <<<"$output")" = "Pak RT" ]
}

@test "a mechanics option given twice is refused, as a field is" {
	run aduan new --at "2026-03-02 09:00" --at "2026-03-02 08:00" --pelapor A --lurah B --perihal C --isi D
	[ "$status" -eq 2 ]
	[[ "$output" == "aduan new: --at: given more than once"* ]]
	run aduan new --by A --by B --pelapor A --lurah B --perihal C --isi D
	[ "$status" -eq 2 ]
	run aduan new --pelapor " " --lurah B --perihal C --isi D
	[ "$status" -eq 2 ]
	[ "$output" = "aduan new: --pelapor: empty" ]
}

@test "a well-formed time out of range is said to be out of range, not unreadable" {
	run aduan new --at "1970-01-01 00:00" --pelapor A --lurah B --perihal C --isi D
	[ "$status" -eq 2 ]
	[ "$output" = "aduan new: --at: the time '1970-01-01 00:00' is out of range: aduan keeps times from 1970-01-02 to 9999-12-30" ]
}

@test "a command there that cannot run is said as such (exit 7), and aduan help --version answers" {
	mkdir -p "$BATS_TEST_TMPDIR/bin"
	cp "$top/cmd/aduan" "$BATS_TEST_TMPDIR/bin/"
	printf '#!/bin/sh\n' > "$BATS_TEST_TMPDIR/bin/aduan-ekspor"
	chmod 644 "$BATS_TEST_TMPDIR/bin/aduan-ekspor"
	PATH=/usr/bin:/bin run "$BATS_TEST_TMPDIR/bin/aduan" ekspor
	[ "$status" -eq 7 ]
	[[ "$output" == *"cannot run '$BATS_TEST_TMPDIR/bin/aduan-ekspor': Permission denied" ]]
	run aduan help --version
	[ "$status" -eq 0 ]
	[[ "$output" == "aduan (aduan) "* ]]
}
