#!/usr/bin/env bats
# aduan musyawarah: steps 7 (the deliberation) and 8 (its result, --hasil);
# --tunda adjourns the deliberation.

load helper
load workflow

@test "aduan musyawarah records steps 7 and 8, the result on step 8" {
	walk_to 7
	run aduan musyawarah "$id" --hasil sepakat
	[ "$status" -eq 0 ]
	[ "$(events)" -eq 8 ]
	[ "$(ev 7 5)/$(ev 7 6)" = 7/done ]
	[ "$(ev 8 5)/$(ev 8 6)" = 8/done ]
	[ "$(ev 8 7)" = hasil=sepakat ]
	[ "$(json .next)" = 10 ]
	[ "${lines[2]}" = "aduan musyawarah: $id: next: step 10 (Para pihak menerima penyelesaian), Para Pihak: aduan close $id" ]
}

@test "--hasil tidak-sepakat sends the case to step 9" {
	walk_to 7
	run aduan musyawarah "$id" --hasil tidak-sepakat
	[ "$status" -eq 0 ]
	[ "$(ev 8 7)" = hasil=tidak-sepakat ]
	[ "$(json .next)" = 9 ]
	[ "$(json '.steps[9].status')" = n/a ]
	[ "${lines[2]}" = "aduan musyawarah: $id: next: step 9 (Diserahkan ke jalur hukum), Camat: aduan close $id" ]
}

@test "--catatan goes to the last step of the run that has it, step 8" {
	walk_to 7
	run aduan musyawarah "$id" --hasil sepakat --catatan "kedua pihak berdamai"
	[ "$status" -eq 0 ]
	[ "$(awk -F'\t' 'NR == 8 { print NF }' "$log")" -eq 8 ]
	[ "$(kv 8 catatan)" = "kedua pihak berdamai" ]
	[ "$(json '.steps[6].done[0].data | del(.["drill-now"]) | length')" -eq 0 ]
	[ "$(json '.steps[7].done[0].data.catatan')" = "kedua pihak berdamai" ]
}

@test "--step 7 records only the deliberation, with its own --catatan" {
	walk_to 7
	run aduan musyawarah "$id" --step 7 --catatan "berjalan alot"
	[ "$status" -eq 0 ]
	[ "$(events)" -eq 7 ]
	[ "$(last 5)" = 7 ]
	[ "$(last 7)" = "catatan=berjalan alot" ]
	[ "$(json .next)" = 8 ]
	run aduan musyawarah "$id" --step 8 --hasil sepakat
	[ "$status" -eq 0 ]
	[ "$(events)" -eq 8 ]
	[ "$(last 5)" = 8 ]
}

@test "--step 8 while the deliberation is pending is refused" {
	walk_to 7
	snap
	run aduan musyawarah "$id" --step 8 --hasil sepakat
	[ "$status" -eq 4 ]
	[ "$output" = "aduan musyawarah: $id: step 7 (Musyawarah) has not been recorded; run: aduan musyawarah $id --hasil sepakat|tidak-sepakat" ]
	unchanged
}

@test "--step naming a step of another command is a usage error" {
	walk_to 7
	snap
	run aduan musyawarah "$id" --step 6 --hasil sepakat
	[ "$status" -eq 2 ]
	[ "$output" = "aduan musyawarah: --step: step 6 is recorded by 'panggil', not by this command" ]
	unchanged
}

@test "musyawarah on a fresh case names step 2 and the assign command" {
	new_case
	snap
	run aduan musyawarah "$id" --hasil sepakat
	[ "$status" -eq 4 ]
	[ "$output" = "aduan musyawarah: $id: step 2 (Camat menerima warga) has not been recorded; run: aduan assign $id --kepada KEPADA" ]
	unchanged
}

@test "musyawarah before the parties came names step 6 and its command" {
	walk_to 6
	snap
	run aduan musyawarah "$id" --hasil sepakat
	[ "$status" -eq 4 ]
	[ "$output" = "aduan musyawarah: $id: step 6 (Para pihak datang) has not been recorded; run: aduan panggil $id --hadir" ]
	unchanged
}

@test "aduan musyawarah without --hasil is refused with exit 4 and records nothing" {
	walk_to 7
	snap
	run aduan musyawarah "$id"
	[ "$status" -eq 4 ]
	[ "$output" = "aduan musyawarah: $id: step 8 (Hasil musyawarah dilaporkan ke Camat) needs --hasil sepakat|tidak-sepakat (Hasil musyawarah); nothing was recorded" ]
	unchanged
}

@test "a --hasil that is not one of the choices is a usage error" {
	walk_to 7
	snap
	run aduan musyawarah "$id" --hasil mungkin
	[ "$status" -eq 2 ]
	[ "$output" = "aduan musyawarah: --hasil: 'mungkin' is not one of sepakat|tidak-sepakat" ]
	run aduan musyawarah "$id" --hasil sepakatlah
	[ "$status" -eq 2 ]
	unchanged
}

@test "an adjourned deliberation records an adjourn event and step 7 stays pending" {
	walk_to 7
	run aduan musyawarah "$id" --tunda --jadwal "2026-03-05 10:00" --alasan "pihak sakit"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "aduan musyawarah: $id: adjourned step 7 (Musyawarah), recorded at 2026-03-02 09:00 by Petugas Uji" ]
	[ "$(events)" -eq 7 ]
	[ "$(last 5)" = 7 ]
	[ "$(last 6)" = adjourn ]
	[ "$(tail -1 "$log" | cut -f7-8)" = $'jadwal=2026-03-05T10:00:00+07:00\talasan=pihak sakit' ]
	[ "$(json .next)" = 7 ]
	[ "$(json '.steps[6].status')" = next ]
	[ "$(json '.steps[6].done | length')" -eq 0 ]
	[ "$(json '.events[-1].event')" = adjourn ]
	[ "$(json '.events[-1].step')" = 7 ]
	[ "$(json '.events[-1].data.jadwal')" = 2026-03-05T10:00:00+07:00 ]
	run aduan musyawarah "$id" --tunda --jadwal "2026-03-06 10:00"
	[ "$status" -eq 0 ]
	[ "$(grep -c $'\t7\tadjourn\t' "$log")" -eq 2 ]
	run aduan musyawarah "$id" --hasil sepakat
	[ "$status" -eq 0 ]
	[ "$(events)" -eq 10 ]
	[ "$(ev 9 5)/$(ev 9 6)" = 7/done ]
	[ "$(ev 10 5)/$(ev 10 6)" = 8/done ]
	[ "$(json .next)" = 10 ]
	[ "$(json '[.events[] | select(.event == "adjourn")] | length')" -eq 2 ]
}

@test "--tunda without --jadwal is refused with exit 4" {
	walk_to 7
	snap
	run aduan musyawarah "$id" --tunda --alasan hujan
	[ "$status" -eq 4 ]
	[ "$output" = "aduan musyawarah: $id: step 7 (Musyawarah) needs --jadwal WAKTU (Jadwal musyawarah berikutnya); nothing was recorded" ]
	unchanged
}

@test "--tunda with --hasil is a usage error" {
	walk_to 7
	snap
	run aduan musyawarah "$id" --tunda --jadwal "2026-03-05 10:00" --hasil sepakat
	[ "$status" -eq 2 ]
	[ "$output" = "aduan musyawarah: --hasil: not used when adjourning step 7 (Musyawarah); nothing was recorded" ]
	unchanged
}

@test "--tunda once the deliberation is done is refused" {
	walk_to 8
	snap
	run aduan musyawarah "$id" --tunda --jadwal "2026-03-05 10:00"
	[ "$status" -eq 4 ]
	[ "$output" = "aduan musyawarah: $id: step 8 (Hasil musyawarah dilaporkan ke Camat) cannot be adjourned" ]
	unchanged
}

@test "musyawarah on a closed case is refused: the case is closed" {
	walk_closed selesai
	snap
	run aduan musyawarah "$id" --hasil tidak-sepakat
	[ "$status" -eq 4 ]
	[ "$output" = "aduan musyawarah: $id: the case is closed (selesai); nothing more can be recorded" ]
	unchanged
}

@test "a --at more than a minute in the future is refused" {
	walk_to 7
	snap
	run aduan musyawarah "$id" --hasil sepakat --at "2026-03-02T09:05:00+07:00"
	[ "$status" -eq 4 ]
	[ "$output" = "aduan musyawarah: $id: --at: 2026-03-02T09:05:00+07:00 is in the future (now is 2026-03-02T09:00:00+07:00); nothing was recorded" ]
	unchanged
}

@test "aduan musyawarah --help prints its usage and the SOP's fields as options" {
	run aduan musyawarah --help
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "usage: aduan musyawarah id [--field value ...] [--tunda] [-hqV] [--at waktu] [--by nama] [-D dir] [--sop file] [--step n]" ]
	[[ "$output" == *"--hasil sepakat|tidak-sepakat"*"step 8: Hasil musyawarah (required)"* ]]
	[[ "$output" == *"--jadwal WAKTU"*"with --tunda, step 7: Jadwal musyawarah berikutnya (required)"* ]]
	[[ "$output" == *"--tunda "* ]]
}
