#!/usr/bin/env bats
# aduan panggil: steps 4 (study) and 5 (summons) in one go, --hadir for
# step 6, --ulang for a summons again when a party did not come.

load helper
load workflow

@test "aduan panggil records steps 4 and 5 with every --pihak and the --jadwal" {
	walk_to 4
	run aduan panggil "$id" --pihak "Pak RT" --pihak "Bu Siti" --jadwal "2026-03-03 10:00"
	[ "$status" -eq 0 ]
	[ "$(events)" -eq 5 ]
	[ "$(ev 4 5)/$(ev 4 6)" = 4/done ]
	[ "$(ev 5 5)/$(ev 5 6)" = 5/done ]
	[ "$(tail -1 "$log" | cut -f7-9)" = $'pihak=Pak RT\tpihak=Bu Siti\tjadwal=2026-03-03T10:00:00+07:00' ]
	[ "$(json '.steps[4].done[0].data.pihak | join("|")')" = "Pak RT|Bu Siti" ]
	[ "$(json '.steps[4].done[0].data.jadwal')" = 2026-03-03T10:00:00+07:00 ]
	[ "$(json .next)" = 6 ]
	[ "${lines[2]}" = "aduan panggil: $id: next: step 6 (Para pihak datang), Para Pihak: aduan panggil $id --hadir" ]
}

@test "aduan panggil --hadir records step 6, the parties came" {
	walk_to 6
	run aduan panggil "$id" --hadir
	[ "$status" -eq 0 ]
	[ "$(events)" -eq 6 ]
	[ "$(last 5)" = 6 ]
	[ "$(last 7)" = hadir=ya ]
	[ "$(json .next)" = 7 ]
}

@test "aduan panggil --step 4 records only the study, then --step 5 the summons" {
	walk_to 4
	run aduan panggil "$id" --step 4 --catatan "berkas dibaca"
	[ "$status" -eq 0 ]
	[ "$(events)" -eq 4 ]
	[ "$(last 5)" = 4 ]
	[ "$(last 7)" = "catatan=berkas dibaca" ]
	[ "$(json .next)" = 5 ]
	run aduan panggil "$id" --step 5 --pihak A --jadwal "$JADWAL"
	[ "$status" -eq 0 ]
	[ "$(events)" -eq 5 ]
	[ "$(last 5)" = 5 ]
	[ "$(json .next)" = 6 ]
}

@test "--step 5 while the case waits for step 4 is refused" {
	walk_to 4
	snap
	run aduan panggil "$id" --step 5 --pihak A --jadwal "$JADWAL"
	[ "$status" -eq 4 ]
	[ "$output" = "aduan panggil: $id: step 4 (Kasi Trantib menelaah aduan) has not been recorded; run: aduan panggil $id --pihak PIHAK --jadwal WAKTU" ]
	unchanged
}

@test "--step naming a step of another command is a usage error" {
	walk_to 4
	snap
	run aduan panggil "$id" --step 7
	[ "$status" -eq 2 ]
	[ "$output" = "aduan panggil: --step: step 7 is recorded by 'musyawarah', not by this command" ]
	unchanged
}

@test "aduan panggil without --jadwal is refused with exit 4 and records nothing" {
	walk_to 4
	snap
	run aduan panggil "$id" --pihak A
	[ "$status" -eq 4 ]
	[ "$output" = "aduan panggil: $id: step 5 (Para pihak dipanggil) needs --jadwal WAKTU (Jadwal kedatangan para pihak); nothing was recorded" ]
	unchanged
}

@test "aduan panggil without --pihak is refused with exit 4 and records nothing" {
	walk_to 4
	snap
	run aduan panggil "$id" --jadwal "$JADWAL"
	[ "$status" -eq 4 ]
	[ "$output" = "aduan panggil: $id: step 5 (Para pihak dipanggil) needs --pihak PIHAK (Pihak yang dipanggil); nothing was recorded" ]
	unchanged
}

@test "a --jadwal that is not a time is a usage error with a readable message" {
	walk_to 4
	snap
	run aduan panggil "$id" --pihak A --jadwal besok
	[ "$status" -eq 2 ]
	[ "$output" = "aduan panggil: --jadwal: 'besok': give the time of day too, such as besok 09.00" ]
	unchanged
}

@test "--hadir before the summons is refused: step 5 needs its parties" {
	walk_to 5
	snap
	run aduan panggil "$id" --hadir
	[ "$status" -eq 4 ]
	[ "$output" = "aduan panggil: $id: step 5 (Para pihak dipanggil) needs --pihak PIHAK (Pihak yang dipanggil) and --jadwal WAKTU (Jadwal kedatangan para pihak); nothing was recorded" ]
	unchanged
}

@test "panggil on a case not yet assigned names step 2 and the assign command" {
	walk_to 2
	snap
	run aduan panggil "$id" --pihak A --jadwal "$JADWAL"
	[ "$status" -eq 4 ]
	[ "$output" = "aduan panggil: $id: step 2 (Camat menerima warga) has not been recorded; run: aduan assign $id --kepada KEPADA" ]
	unchanged
}

@test "an absent party is summoned again with --ulang: step 5 twice, then --hadir" {
	walk_to 6
	run aduan panggil "$id" --ulang --pihak "Bu Siti" --jadwal "2026-03-03 10:00" --alasan "tidak hadir"
	[ "$status" -eq 0 ]
	[ "$(events)" -eq 6 ]
	[ "$(grep -c $'\t5\tdone\t' "$log")" -eq 2 ]
	[ "$(last 5)" = 5 ]
	[ "$(tail -1 "$log" | cut -f7-9)" = $'pihak=Bu Siti\tjadwal=2026-03-03T10:00:00+07:00\talasan=tidak hadir' ]
	[ "$(json '.steps[4].done | length')" -eq 2 ]
	[ "$(json '.steps[4].done[0].data.pihak | join("|")')" = "Pak RT|Bu Siti" ]
	[ "$(json '.steps[4].done[1].data.alasan')" = "tidak hadir" ]
	[ "$(json .next)" = 6 ]
	run aduan panggil "$id" --ulang --pihak "Bu Siti" --jadwal "2026-03-04 10:00"
	[ "$status" -eq 0 ]
	[ "$(json '.steps[4].done | length')" -eq 3 ]
	run aduan panggil "$id" --hadir
	[ "$status" -eq 0 ]
	[ "$(last 5)" = 6 ]
	[ "$(json .next)" = 7 ]
}

@test "--ulang needs --pihak and --jadwal" {
	walk_to 6
	snap
	run aduan panggil "$id" --ulang --pihak A
	[ "$status" -eq 4 ]
	[ "$output" = "aduan panggil: $id: step 5 (Para pihak dipanggil) needs --jadwal WAKTU (Jadwal kedatangan para pihak); nothing was recorded" ]
	run aduan panggil "$id" --ulang --jadwal "$JADWAL"
	[ "$status" -eq 4 ]
	[[ "$output" == *"needs --pihak PIHAK"* ]]
	unchanged
}

@test "--ulang when no summons is pending is refused" {
	walk_to 4
	snap
	run aduan panggil "$id" --ulang --pihak A --jadwal "$JADWAL"
	[ "$status" -eq 4 ]
	[ "$output" = "aduan panggil: $id: --ulang: there is no step to record again now; the case waits for step 4 (Kasi Trantib menelaah aduan)" ]
	unchanged
	walk_to 7
	snap
	run aduan panggil "$id" --ulang --pihak A --jadwal "$JADWAL"
	[ "$status" -eq 4 ]
	[ "$output" = "aduan panggil: $id: --ulang: there is no step to record again now; the case waits for step 7 (Musyawarah)" ]
	unchanged
}

@test "--ulang together with --hadir is a usage error" {
	walk_to 6
	snap
	run aduan panggil "$id" --ulang --pihak A --jadwal "$JADWAL" --hadir
	[ "$status" -eq 2 ]
	[ "$output" = "aduan panggil: --hadir: not used when recording step 5 (Para pihak dipanggil); nothing was recorded" ]
	unchanged
}

@test "a second summons without --ulang is refused by the workflow, not as a usage error" {
	walk_to 6
	snap
	run aduan panggil "$id" --pihak X --jadwal "$JADWAL"
	[ "$status" -eq 4 ]
	[[ "$output" == *"$id"*"step 6"* ]]
	unchanged
}

@test "panggil on a closed case is refused: the case is closed" {
	walk_closed jalur-hukum
	snap
	run aduan panggil "$id" --hadir
	[ "$status" -eq 4 ]
	[ "$output" = "aduan panggil: $id: the case is closed (jalur-hukum); nothing more can be recorded" ]
	unchanged
}

@test "a malformed or unknown ID is refused before anything is read" {
	walk_to 4
	run aduan panggil ../x --pihak A --jadwal "$JADWAL"
	[ "$status" -eq 2 ]
	[ "$output" = "aduan panggil: '../x' is not a case ID; an ID looks like 2026-0042 (year, hyphen, number), or KRG-2026-0042 with the office's code" ]
	run aduan panggil 2026-0999 --pihak A --jadwal "$JADWAL"
	[ "$status" -eq 3 ]
	[ "$output" = "aduan panggil: 2026-0999: no such case; 'aduan list' shows the cases" ]
}

@test "a --at before the summons is refused for --hadir" {
	walk_to 5
	ADUAN_NOW=2026-03-02T11:00:00+07:00 aduan panggil -q "$id" --pihak A --jadwal "2026-03-02 13:00"
	snap
	ADUAN_NOW=2026-03-02T12:00:00+07:00 run aduan panggil "$id" --hadir --at "2026-03-02 10:59"
	[ "$status" -eq 4 ]
	[ "$output" = "aduan panggil: $id: --at: 2026-03-02T10:59:00+07:00 is before the last recorded step (2026-03-02T11:00:00+07:00); nothing was recorded" ]
	unchanged
}

@test "aduan panggil --help prints its usage and the SOP's fields as options" {
	run aduan panggil --help
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "usage: aduan panggil id [--field value ...] [--ulang] [-hqV] [--at waktu] [--by nama] [-D dir] [--sop file] [--step n]" ]
	[[ "$output" == *"--pihak PIHAK"*"step 5: Pihak yang dipanggil (required) (may be given more than once)"* ]]
	[[ "$output" == *"--jadwal WAKTU"*"step 5: Jadwal kedatangan para pihak (required)"* ]]
	[[ "$output" == *"--hadir "*"step 6: Para pihak hadir (required)"* ]]
	[[ "$output" == *"--alasan ALASAN"*"with --ulang, step 5: Alasan pemanggilan ulang"* ]]
	[[ "$output" == *"--ulang "* ]]
}

@test "a summons for besok 10.00 is set for tomorrow at 10:00, counted from the clerk's now" {
	walk_to 5
	ADUAN_NOW="2026-03-02T09:00:00+07:00" run -0 aduan panggil "$id" --pihak "Pak RT" --jadwal "besok 10.00"
	[ "$(kv "$(events)" jadwal)" = 2026-03-03T10:00:00+07:00 ]
}

@test "--hadir --pihak records who came with step 6" {
	walk_to 6
	run -0 aduan panggil "$id" --hadir --pihak "Pak RT"
	[ "$(last 5)" = 6 ]
	[ "$(kv "$(events)" pihak)" = "Pak RT" ]
	[ "$(json '.steps[5].done[0].data.pihak | join("|")')" = "Pak RT" ]
}
