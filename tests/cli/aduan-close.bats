#!/usr/bin/env bats
# aduan close: step 10 after sepakat (selesai) or step 9 after tidak-sepakat
# (jalur-hukum); the case file moves to closed/.

load helper
load workflow

@test "close after sepakat records step 10, outcome selesai, and moves the file" {
	walk_to 10
	run aduan close "$id" --catatan "para pihak menerima"
	[ "$status" -eq 0 ]
	[ "$output" = "aduan close: $id: recorded step 10 (Para pihak menerima penyelesaian) at 2026-03-02 09:00 by Petugas Uji
aduan close: $id: closed: selesai" ]
	[ ! -e "$log" ]
	log="$ADUAN_DIR/closed/$id.log"
	[ "$(events)" -eq 9 ]
	[ "$(last 5)" = 10 ]
	[ "$(last 6)" = done ]
	[ "$(last 7)" = "catatan=para pihak menerima" ]
	[ "$(json .status)" = closed ]
	[ "$(json .outcome)" = selesai ]
}

@test "close after tidak-sepakat records step 9, outcome jalur-hukum" {
	walk_to 9
	run aduan close "$id"
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = "aduan close: $id: closed: jalur-hukum" ]
	[ ! -e "$log" ]
	log="$ADUAN_DIR/closed/$id.log"
	[ "$(events)" -eq 9 ]
	[ "$(last 5)" = 9 ]
	[ "$(json .outcome)" = jalur-hukum ]
}

@test "the closed log is the open log with the closing event appended" {
	walk_to 10
	snap
	run aduan close -q "$id"
	[ "$status" -eq 0 ]
	log="$ADUAN_DIR/closed/$id.log"
	[ "$(head -n -1 "$log" | cmp - "$BATS_TEST_TMPDIR/before.log" && echo same)" = same ]
}

@test "close before the deliberation names step 7 and the musyawarah command" {
	walk_to 7
	snap
	run aduan close "$id"
	[ "$status" -eq 4 ]
	[ "$output" = "aduan close: $id: step 7 (Musyawarah) has not been recorded; run: aduan musyawarah $id --hasil sepakat|tidak-sepakat" ]
	unchanged
	[ ! -e "$ADUAN_DIR/closed/$id.log" ]
}

@test "close on a fresh case names step 2 and the assign command" {
	new_case
	snap
	run aduan close "$id"
	[ "$status" -eq 4 ]
	[ "$output" = "aduan close: $id: step 2 (Camat menerima warga) has not been recorded; run: aduan assign $id --kepada KEPADA" ]
	unchanged
}

@test "closing twice is refused: the case is closed" {
	walk_closed selesai
	snap
	run aduan close "$id"
	[ "$status" -eq 4 ]
	[ "$output" = "aduan close: $id: the case is closed (selesai); nothing more can be recorded" ]
	unchanged
	[ ! -e "$ADUAN_DIR/open/$id.log" ]
}

@test "a closed jalur-hukum case names its outcome when refused" {
	walk_closed jalur-hukum
	snap
	run aduan close "$id" --catatan lagi
	[ "$status" -eq 4 ]
	[ "$output" = "aduan close: $id: the case is closed (jalur-hukum); nothing more can be recorded" ]
	unchanged
}

@test "--step 9 on a case that agreed is refused" {
	walk_to 10
	snap
	run aduan close "$id" --step 9
	[ "$status" -eq 4 ]
	[ "$output" = "aduan close: $id: step 10 (Para pihak menerima penyelesaian) has not been recorded; run: aduan close $id" ]
	unchanged
	[ ! -e "$ADUAN_DIR/closed/$id.log" ]
}

@test "--step 10 on a case that agreed closes it" {
	walk_to 10
	run aduan close "$id" --step 10
	[ "$status" -eq 0 ]
	[ -f "$ADUAN_DIR/closed/$id.log" ]
}

@test "--step naming a step of another command is a usage error" {
	walk_to 10
	snap
	run aduan close "$id" --step 8
	[ "$status" -eq 2 ]
	[ "$output" = "aduan close: --step: step 8 is recorded by 'musyawarah', not by this command" ]
	unchanged
}

@test "an option close does not take is a usage error" {
	walk_to 10
	snap
	run aduan close "$id" --hasil sepakat
	[ "$status" -eq 2 ]
	[[ "$output" == *"unrecognized option '--hasil'"* ]]
	[[ "$output" == *"aduan close: try 'aduan close --help'" ]]
	unchanged
}

@test "a --at before the result was reported is refused" {
	walk_to 5
	ADUAN_NOW=2026-03-02T10:00:00+07:00 aduan panggil -q "$id" --pihak A --jadwal "$JADWAL"
	ADUAN_NOW=2026-03-02T10:30:00+07:00 aduan panggil -q "$id" --hadir
	ADUAN_NOW=2026-03-02T11:00:00+07:00 aduan musyawarah -q "$id" --hasil sepakat
	snap
	ADUAN_NOW=2026-03-02T12:00:00+07:00 run aduan close "$id" --at "2026-03-02 10:59"
	[ "$status" -eq 4 ]
	[ "$output" = "aduan close: $id: --at: 2026-03-02T10:59:00+07:00 is before the last recorded step (2026-03-02T11:00:00+07:00); nothing was recorded" ]
	unchanged
	[ ! -e "$ADUAN_DIR/closed/$id.log" ]
}

@test "a malformed or unknown ID is refused" {
	walk_to 10
	run aduan close 2026-42
	[ "$status" -eq 2 ]
	[ "$output" = "aduan close: '2026-42' is not a case ID; an ID looks like 2026-0042 (year, hyphen, number), or KRG-2026-0042 with the office's code" ]
	run aduan close 2026-0999
	[ "$status" -eq 3 ]
	[ "$output" = "aduan close: 2026-0999: no such case; 'aduan list' shows the cases" ]
	[ -f "$log" ]
}

@test "aduan close --help prints the usage on stdout and exits 0" {
	run aduan close --help
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "usage: aduan close id [--field value ...] [--batal hasil] [-hqV] [--at waktu] [--by nama] [-D dir] [--sop file] [--step n]" ]
}

@test "--batal closes a case at any step with the SOP's outcome, ends its deadlines, and verify accepts it" {
	walk_to 5
	snap
	run -2 aduan close "$id" --batal hilang
	[ "$output" = "aduan close: --batal: 'hilang' is not a cancellation of the SOP: give dicabut, ganda or bukan-wewenang" ]
	unchanged
	run -0 aduan close "$id" --batal Dicabut --catatan "pelapor sudah berdamai"
	[ "${lines[0]}" = "aduan close: $id: cancelled (dicabut) while it waited for step 5 (Para pihak dipanggil), recorded at 2026-03-02 09:00 by Petugas Uji" ]
	[ "${lines[1]}" = "aduan close: $id: closed: dicabut" ]
	log="$ADUAN_DIR/closed/$id.log"
	[ -f "$log" ] && [ ! -e "$ADUAN_DIR/open/$id.log" ]
	[ "$(last 5)/$(last 6)" = 5/batal ]
	[ "$(kv "$(events)" batal-outcome)" = dicabut ]
	[ "$(kv "$(events)" catatan)" = "pelapor sudah berdamai" ]
	[ "$(json .status)/$(json .outcome)/$(json .next)" = closed/dicabut/null ]
	run -0 aduan list --outcome dicabut --format tsv
	[ "$(cut -f1 <<<"$output")" = "$id" ]
	run -0 aduan verify "$id"
	ADUAN_NOW=2026-04-30T09:00:00+07:00 run -0 aduan overdue --all
	[ -z "$output" ]
	run -4 aduan close "$id" --batal ganda
	[ "$output" = "aduan close: $id: the case is closed (dicabut); nothing more can be recorded" ]
}

@test "--batal takes only text notes and no --ulang, --tunda or --step; assign has no --batal" {
	walk_to 3
	snap
	run -2 aduan close "$id" --batal ganda --step 9
	[ "$output" = "aduan close: --batal closes the case: it does not go with --ulang, --tunda or --step; try 'aduan close --help'" ]
	run -2 aduan close "$id" --batal ganda --catatan "   "
	[ "$output" = "aduan close: --catatan: empty" ]
	run -2 aduan assign "$id" --batal ganda
	[[ "$output" == "aduan assign: unrecognized option '--batal'"* ]]
	unchanged
	run -0 aduan close --help
	[[ "$output" == *"--batal bukan-wewenang   Di luar kewenangan Seksi Trantib"* ]]
}

@test "a batal outcome that is a step's outcome, repeated, or malformed is refused by the loader" {
	mkdir -p "$BATS_TEST_TMPDIR/s"
	cp "$top/sop/kalender.yaml" "$BATS_TEST_TMPDIR/s/"
	f="$BATS_TEST_TMPDIR/s/k.yaml"
	sed 's/outcome: dicabut/outcome: selesai/' "$SOP" > "$f"
	run -5 aduan sop --check "$f"
	[[ "$output" == *"batal outcome 'selesai' is the outcome of step 10" ]]
	sed 's/outcome: dicabut/outcome: ganda/' "$SOP" > "$f"
	run -5 aduan sop --check "$f"
	[[ "$output" == *"duplicate outcome 'ganda'" ]]
	sed 's/outcome: dicabut/outcome: Dicabut/' "$SOP" > "$f"
	run -5 aduan sop --check "$f"
	[[ "$output" == *"outcome 'Dicabut': use lower-case letters, digits, '-' and '_'" ]]
}
