#!/usr/bin/env bats
# aduan assign: steps 2 (the Camat receives the citizen) and 3 (the Camat
# orders the Kasi Trantib, --kepada).

load helper
load workflow

@test "aduan assign records steps 2 and 3 with --kepada on step 3" {
	new_case
	run aduan assign "$id" --kepada "Joko Susilo"
	[ "$status" -eq 0 ]
	[ "$(events)" -eq 3 ]
	[ "$(ev 2 5)" = 2 ]
	[ "$(ev 2 6)" = done ]
	[ "$(awk -F'\t' 'NR == 3 { print NF }' "$log")" -eq 8 ]
	[ "$(ev 2 7)" = "drill-now=$ADUAN_NOW" ]
	[ "$(ev 3 5)" = 3 ]
	[ "$(ev 3 7)" = "kepada=Joko Susilo" ]
	[ "$(json .next)" = 4 ]
	[ "$(json '.steps[2].done[0].data.kepada')" = "Joko Susilo" ]
}

@test "aduan assign --step 2 records only step 2, and the next assign records step 3" {
	new_case
	run aduan assign "$id" --step 2
	[ "$status" -eq 0 ]
	[ "$output" = "aduan assign: $id: recorded step 2 (Camat menerima warga) at 2026-03-02 09:00 by Petugas Uji
aduan assign: $id: next: step 3 (Camat memerintahkan Kasi Trantib), Camat: aduan assign $id --kepada KEPADA" ]
	[ "$(events)" -eq 2 ]
	[ "$(last 5)" = 2 ]
	[ "$(json .next)" = 3 ]
	run aduan assign "$id" --kepada K
	[ "$status" -eq 0 ]
	[ "$(events)" -eq 3 ]
	[ "$(last 5)" = 3 ]
	[ "$(last 7)" = kepada=K ]
}

@test "--kepada with --step 2 is a usage error: step 2 has no such field" {
	new_case
	snap
	run aduan assign "$id" --step 2 --kepada K
	[ "$status" -eq 2 ]
	[ "$output" = "aduan assign: --kepada: not used when recording step 2 (Camat menerima warga); nothing was recorded" ]
	unchanged
}

@test "--step naming a step of another command is a usage error" {
	new_case
	snap
	run aduan assign "$id" --step 4
	[ "$status" -eq 2 ]
	[ "$output" = "aduan assign: --step: step 4 is recorded by 'panggil', not by this command" ]
	run aduan assign "$id" --step 10
	[ "$status" -eq 2 ]
	[ "$output" = "aduan assign: --step: step 10 is recorded by 'close', not by this command" ]
	run aduan assign "$id" --step dua
	[ "$status" -eq 2 ]
	[[ "$output" == "aduan assign: --step: 'dua' is not a step number"* ]]
	unchanged
}

@test "--step 3 while the case waits for step 2 is refused with exit 4" {
	new_case
	snap
	run aduan assign "$id" --step 3 --kepada K
	[ "$status" -eq 4 ]
	[ "$output" = "aduan assign: $id: step 2 (Camat menerima warga) has not been recorded; run: aduan assign $id --kepada KEPADA" ]
	unchanged
}

@test "aduan assign without --kepada is refused with exit 4 and records nothing" {
	new_case
	snap
	run aduan assign "$id"
	[ "$status" -eq 4 ]
	[ "$output" = "aduan assign: $id: step 3 (Camat memerintahkan Kasi Trantib) needs --kepada KEPADA (Kasi Trantib yang menerima perintah); nothing was recorded" ]
	unchanged
}

@test "assign on a case already assigned names the step it waits for and its command" {
	walk_to 4
	snap
	run aduan assign "$id" --kepada K
	[ "$status" -eq 4 ]
	[ "$output" = "aduan assign: $id: step 4 (Kasi Trantib menelaah aduan) has not been recorded; run: aduan panggil $id --pihak PIHAK --jadwal WAKTU" ]
	unchanged
}

@test "assign on a closed case is refused: the case is closed" {
	walk_closed selesai
	snap
	run aduan assign "$id" --kepada K
	[ "$status" -eq 4 ]
	[ "$output" = "aduan assign: $id: the case is closed (selesai); nothing more can be recorded" ]
	unchanged
	[ ! -e "$ADUAN_DIR/open/$id.log" ]
}

@test "a malformed case ID is a usage error, never a path" {
	new_case
	snap
	for bad in ../x 2026-42 /etc/passwd 2026-0001/../2026-0001 "" \
	    "$(printf 'a%.0s' $(seq 300))"; do
		run aduan assign "$bad" --kepada K
		[ "$status" -eq 2 ]
		[[ "$output" == "aduan assign: '"*"' is not a case ID; an ID looks like 2026-0042 (year, hyphen, number), or KRG-2026-0042 with the office's code" ]]
	done
	unchanged
	[ "$(ls "$ADUAN_DIR/open")" = "$id.log" ]
}

@test "an ID with no case is not found: exit 3" {
	new_case
	run aduan assign 2026-0999 --kepada K
	[ "$status" -eq 3 ]
	[ "$output" = "aduan assign: 2026-0999: no such case; 'aduan list' shows the cases" ]
	[ ! -e "$ADUAN_DIR/open/2026-0999.log" ]
}

@test "before any case is filed there is no data directory: exit 3, none made" {
	run aduan assign 2026-0001 --kepada K
	[ "$status" -eq 3 ]
	[ "$output" = "aduan assign: $ADUAN_DIR: no data directory here yet; it is made by 'aduan new'; set ADUAN_DIR or -D to use another" ]
	[ ! -e "$ADUAN_DIR" ]
}

@test "a --at that is not a time is a usage error" {
	new_case
	snap
	run aduan assign "$id" --kepada K --at besok
	[ "$status" -eq 2 ]
	[[ "$output" == *"'besok'"* ]]
	[[ "$output" != *"--at: --at:"* ]]
	[ "$output" = "aduan assign: --at: 'besok': give the time of day too, such as besok 09.00" ]
	unchanged
}

@test "a --at more than a minute in the future is refused" {
	new_case
	snap
	run aduan assign "$id" --kepada K --at "2026-03-02 09:02"
	[ "$status" -eq 4 ]
	[ "$output" = "aduan assign: $id: --at: 2026-03-02T09:02:00+07:00 is in the future (now is 2026-03-02T09:00:00+07:00); nothing was recorded" ]
	unchanged
}

@test "a --at before the last recorded step is refused" {
	new_case
	snap
	run aduan assign "$id" --kepada K --at "2026-03-02 08:59"
	[ "$status" -eq 4 ]
	[ "$output" = "aduan assign: $id: --at: 2026-03-02T08:59:00+07:00 is before the last recorded step (2026-03-02T09:00:00+07:00); nothing was recorded" ]
	unchanged
}

@test "a terminal escape in --kepada is refused and nothing is recorded" {
	new_case
	snap
	run aduan assign "$id" --kepada $'Joko\e]0;x\a'
	[ "$status" -eq 2 ]
	[ "$output" = "aduan assign: --kepada: control character U+001B at byte 4 is not allowed" ]
	unchanged
}

@test "a case busy under another command's lock is exit 8, then works once free" {
	new_case
	snap
	exec 9>> "$log"
	flock -x 9
	ADUAN_LOCK_WAIT=0 run aduan assign "$id" --kepada K
	flock -u 9
	exec 9>&-
	[ "$status" -eq 8 ]
	[[ "$output" == *"busy"* ]]
	unchanged
	run aduan assign "$id" --kepada K
	[ "$status" -eq 0 ]
	[ "$(events)" -eq 3 ]
}

@test "aduan assign --help prints the usage on stdout and exits 0" {
	run aduan assign --help
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "usage: aduan assign id [--field value ...] [-hqV] [--at waktu] [--by nama] [-D dir] [--sop file] [--step n]" ]
}
