#!/usr/bin/env bats
# aduan koreksi: a field recorded wrongly, corrected; the old value stays.

bats_require_minimum_version 1.5.0

load helper
load workflow

@test "a misspelled pelapor is corrected: a koreksi event, the old line untouched, show and list give the new value" {
	new_case "Budi Santosa"
	first=$(sed -n 2p "$log")
	run -0 aduan koreksi "$id" --pelapor "Budi Santoso" --alasan "salah ketik"
	[ "$output" = "aduan koreksi: $id: corrected step 1 (Warga datang membawa aduan) at 2026-03-02 09:00 by Petugas Uji; the old values stay in the log" ]
	[ "$(sed -n 2p "$log")" = "$first" ]
	[ "$(last 5)/$(last 6)" = 1/koreksi ]
	[ "$(kv 2 pelapor)" = "Budi Santoso" ]
	[ "$(kv 2 koreksi-alasan)" = "salah ketik" ]
	[ "$(kv 1 pelapor)" = "Budi Santosa" ]
	run -0 aduan show "$id"
	[ "${lines[2]}" = "pelapor: Budi Santoso (corrected)" ]
	[[ "$output" == *"     corrected 2026-03-02 09:00 by Petugas Uji: salah ketik"$'\n'"       pelapor: Budi Santoso"* ]]
	[ "$(json '.steps[0].corrections[0].data.pelapor')" = "Budi Santoso" ]
	[ "$(json '.steps[0].done[0].data.pelapor')" = "Budi Santosa" ]
	run -0 aduan list --format tsv
	[ "$(cut -f3 <<<"$output")" = "Budi Santoso" ]
	run -0 aduan verify "$id"
	# The case goes on as before.
	[ "$(json .next)" = 2 ]
}

@test "a correction is checked as the field is: a phone, a kelurahan; the step is the last done holding the field" {
	walk_to 5
	run -0 aduan koreksi "$id" --telepon "0813-2222-1111" --kelurahan sentanan --alasan "data baru"
	[ "$(last 5)" = 1 ]
	[ "$(kv "$(events)" telepon)" = 081322221111 ]
	[ "$(kv "$(events)" kelurahan)" = Sentanan ]
	run -0 aduan koreksi "$id" --kepada "Agus Salim" --alasan "nama Kasi keliru"
	[ "$(last 5)" = 3 ]
	snap
	run -2 aduan koreksi "$id" --telepon 12 --alasan x
	[[ "$output" == "aduan koreksi: --telepon: '12' is not a telephone number"* ]]
	unchanged
}

@test "refused with nothing written: no --alasan, no field, a step not done, a closed case, a field that moves the case" {
	walk_to 8
	snap
	run -2 aduan koreksi "$id" --pelapor X
	[ "$output" = "aduan koreksi: --alasan: say why the record is corrected, such as --alasan \"salah ketik\"; try 'aduan koreksi --help'" ]
	run -2 aduan koreksi "$id" --alasan "tanpa isian"
	[[ "$output" == *"give the fields to correct and their right values"* ]]
	run -2 aduan koreksi "$id" --pelapor X --alasan "   "
	[ "$output" = "aduan koreksi: --alasan: empty: say why the record is corrected" ]
	run -2 aduan koreksi "$id" --hasil sepakat --alasan x
	[[ "$output" == "aduan koreksi: unrecognized option '--hasil'"* ]]
	run -2 aduan koreksi "$id" --jadwal "2026-03-03 10:00" --alasan x
	[[ "$output" == "aduan koreksi: unrecognized option '--jadwal'"* ]]
	run -2 aduan koreksi "$id" --pelapor X --kepada Y --alasan x
	[[ "$output" == *"no step done holds all the fields given"* ]]
	unchanged
	walk_closed selesai
	run -4 aduan koreksi "$id" --pelapor X --alasan x
	[ "$output" = "aduan koreksi: $id: the case is closed (selesai): its record is final; nothing was recorded" ]
}

@test "a step not yet recorded has nothing to correct" {
	new_case
	run -4 aduan koreksi "$id" --kepada X --alasan y --step 3
	[ "$output" = "aduan koreksi: $id: step 3 (Camat memerintahkan Kasi Trantib) has not been recorded; there is nothing to correct" ]
}
