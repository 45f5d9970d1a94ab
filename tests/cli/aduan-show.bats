#!/usr/bin/env bats
# aduan show: one case as a timeline against the SOP, as text, JSON or TSV.

bats_require_minimum_version 1.5.0

load helper
load workflow

# section N: the lines of step N's block in the text output.
section() {
	awk -v n="$1" '
	    /^ *[0-9]+\. / { cur = $1 + 0 }
	    /^history:/ { cur = 0 }
	    cur == n' <<<"$output"
}

@test "aduan show names the case, its state and the SOP in the header" {
	walk_to 4
	run aduan show "$id"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "$id  open" ]
	[ "${lines[1]}" = "SOP 065/SOP/ /417.515/2019, revisi 2019-06.2" ]
}

@test "the header of aduan show names the pelapor and the perihal" {
	new_case "Siti Aminah" "Parkir liar di depan pasar"
	run aduan show "$id"
	[ "$status" -eq 0 ]
	header=$(sed '/^ *1\. /,$d' <<<"$output")
	[[ "$header" == *"Siti Aminah"* ]]
	[[ "$header" == *"Parkir liar di depan pasar"* ]]
}

@test "each step shows its status word: done, next or later" {
	walk_to 4
	run aduan show "$id"
	[ "$status" -eq 0 ]
	[[ "$(section 1)" == "  1. done  2026-03-02 09:00 Petugas Uji "*"Warga datang membawa aduan"* ]]
	[[ "$(section 3)" == "  3. done "* ]]
	[[ "$(section 3)" == *"kepada: Kasi Trantib"* ]]
	[[ "$(section 4)" == "  4. next "*"Kasi Trantib"*"Kasi Trantib menelaah aduan"* ]]
	[[ "$(section 5)" == "  5. later "* ]]
	[[ "$(section 10)" == " 10. later "* ]]
	[ "$(grep -cE '^ *[0-9]+\. (done|next|later|n/a) ' <<<"$output")" -eq 10 ]
}

@test "the pending step shows whose turn it is and the command to run" {
	walk_to 4
	run aduan show "$id"
	[[ "$(section 4)" == *"Kasi Trantib: aduan panggil $id --pihak PIHAK --jadwal WAKTU"* ]]
	walk_to 6
	run aduan show "$id"
	[[ "$(section 6)" == *"Para Pihak: aduan panggil $id --hadir"* ]]
}

@test "a closed case shows its outcome and the step of the other branch as n/a" {
	walk_closed jalur-hukum
	run aduan show "$id"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "$id  jalur-hukum" ]
	[[ "$(section 9)" == "  9. done "* ]]
	[[ "$(section 10)" == " 10. n/a "* ]]
	[ "$(grep -c ' next ' <<<"$output")" -eq 0 ]
}

@test "the history lists every event in order with seq, times, by, step and data" {
	walk_to 5
	ADUAN_NOW=2026-03-02T12:00:00+07:00 aduan panggil -q "$id" --pihak A --jadwal "2026-03-02 13:00" \
	    --at "2026-03-02 11:30" --by "Kasi Joko"
	run aduan show "$id"
	[ "$status" -eq 0 ]
	hist=$(sed '1,/^history:$/d' <<<"$output")
	[ "$(wc -l <<<"$hist")" -eq 5 ]
	[[ "$(sed -n 1p <<<"$hist")" == "   1  2026-03-02 09:00  done      step 1 "*"by Petugas Uji (recorded "*", the clock set to 2026-03-02 09:00): pelapor=Budi Santoso, "* ]]
	[[ "$(sed -n 5p <<<"$hist")" == "   5  2026-03-02 11:30  done      step 5   by Kasi Joko (recorded "*", the clock set to 2026-03-02 12:00): pihak=A, jadwal=2026-03-02T13:00:00+07:00" ]]
}

@test "a summons repeated with --ulang is shown each time in the step and the history" {
	walk_to 6
	aduan panggil -q "$id" --ulang --pihak "Bu Siti" --jadwal "2026-03-03 10:00" --alasan "tidak hadir"
	run aduan show "$id"
	[ "$status" -eq 0 ]
	[ "$(section 5 | grep -c 'jadwal: ')" -eq 2 ]
	[[ "$(section 5)" == *"pihak: Pak RT"*"alasan: tidak hadir"* ]]
	[ "$(grep -cE '^ +[0-9]+  .*  done      step 5 ' <<<"$output")" -eq 2 ]
}

@test "an adjournment shows in the history and the deliberation stays next" {
	walk_to 7
	aduan musyawarah -q "$id" --tunda --jadwal "2026-03-05 10:00" --alasan hujan
	run aduan show "$id"
	[ "$status" -eq 0 ]
	[[ "$(section 7)" == "  7. next "* ]]
	[[ "$output" == *"  adjourned step 7   by Petugas Uji (recorded "*", the clock set to 2026-03-02 09:00): jadwal=2026-03-05T10:00:00+07:00, alasan=hujan"* ]]
}

@test "aduan show --format tsv prints ten lines of seven fields" {
	walk_to 6
	run aduan show --format tsv "$id"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 10 ]
	[ "$(awk -F'\t' '{ print NF }' <<<"$output" | sort -u)" = 7 ]
	[ "$(cut -f1 <<<"$output" | sort -u)" = "$id" ]
	[ "$(cut -f2 <<<"$output" | tr '\n' ,)" = "1,2,3,4,5,6,7,8,9,10," ]
	[ "${lines[0]}" = "$id"$'\t1\tdone\t2026-03-02T09:00:00+07:00\tPetugas Uji\twarga\tAduan diterima Camat' ]
	[ "${lines[5]}" = "$id"$'\t6\tnext\t\t\tpara_pihak\tPara pihak datang ke Kecamatan' ]
	[ "$(cut -f3 <<<"$output" | tr '\n' ,)" = "done,done,done,done,done,next,later,later,later,later," ]
}

@test "aduan show --format json is one object with the case, its steps and its events" {
	walk_to 7
	run --separate-stderr aduan show --format json "$id"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[ "$(jq -r .id <<<"$output")" = "$id" ]
	[ "$(jq -r .status <<<"$output")" = open ]
	[ "$(jq -c .outcome <<<"$output")" = null ]
	[ "$(jq .next <<<"$output")" -eq 7 ]
	[ "$(jq -r .sop.nomor <<<"$output")" = "065/SOP/ /417.515/2019" ]
	[ "$(jq -r .sop.revisi <<<"$output")" = 2019-06.2 ]
	[ "$(jq '.steps | length' <<<"$output")" -eq 10 ]
	[ "$(jq -r '[.steps[].step] | join(",")' <<<"$output")" = "1,2,3,4,5,6,7,8,9,10" ]
	[ "$(jq -r '.steps[6] | [.status, .pelaksana, .command, .output] | join("|")' <<<"$output")" = "next|kasi_trantib|musyawarah|Permasalahan dimusyawarahkan" ]
	[ "$(jq -r '.steps[2].done[0] | [.seq, .happened, .data["drill-now"], .by, .data.kepada] | join("|")' <<<"$output")" = "3|2026-03-02T09:00:00+07:00|2026-03-02T09:00:00+07:00|Petugas Uji|Kasi Trantib" ]
	[ "$(jq '.events | length' <<<"$output")" -eq 6 ]
	[ "$(jq -r '.events[4] | [.seq, .step, .event] | join("|")' <<<"$output")" = "5|5|done" ]
	[ "$(jq -r '.events[4].data.pihak | join("|")' <<<"$output")" = "Pak RT|Bu Siti" ]
}

@test "data with quotes, backslashes, tabs and newlines comes through JSON unchanged" {
	text=$'kata "kutip" \\ garis\tmiring\nbaris dua'
	id=$(printf '%s' "$text" | aduan new -q --pelapor 'O"Neil' --lurah b --perihal c)
	run aduan show --format json "$id"
	[ "$status" -eq 0 ]
	[ "$(jq -r '.steps[0].done[0].data.isi' <<<"$output")" = "$text" ]
	[ "$(jq -r '.steps[0].done[0].data.pelapor' <<<"$output")" = 'O"Neil' ]
}

@test "aduan show does not write to the log" {
	walk_to 7
	snap
	aduan show "$id" > /dev/null
	aduan show --format json "$id" > /dev/null
	aduan show --format tsv "$id" > /dev/null
	unchanged
}

@test "a malformed ID is a usage error and an unknown one is not found" {
	new_case
	run aduan show ../x
	[ "$status" -eq 2 ]
	[ "$output" = "aduan show: '../x' is not a case ID; an ID looks like 2026-0042 (year, hyphen, number), or KRG-2026-0042 with the office's code" ]
	run aduan show 2026-0999
	[ "$status" -eq 3 ]
	[ "$output" = "aduan show: 2026-0999: no such case; 'aduan list' shows the cases" ]
}

@test "an unknown --format is a usage error" {
	new_case
	run aduan show --format xml "$id"
	[ "$status" -eq 2 ]
	[[ "$output" == "aduan show: --format: 'xml' is not text, json or tsv; try 'aduan show --help'" ]]
}

@test "an altered line of a log is corrupt data: exit 6 naming the line" {
	walk_to 4
	sed -i 's/pelapor=Budi Santoso/pelapor=Budi Sentosa/' "$log"
	run aduan show "$id"
	[ "$status" -eq 6 ]
	[ "$output" = "aduan show: $id: line 2 does not verify (altered, or a line was removed, inserted or moved); run 'aduan verify $id'" ]
}

@test "a torn tail is reported with a warning and never read as an event" {
	walk_to 4
	off=$(stat -c %s "$log")
	frag=$'4\t2026-03-02T09:00'
	printf '%s' "$frag" >> "$log"
	run --separate-stderr aduan show --format json "$id"
	[ "$status" -eq 0 ]
	[ "$(jq '.events | length' <<<"$output")" -eq 3 ]
	[ "$(jq .next <<<"$output")" -eq 4 ]
	[[ "$stderr" == *"$id"* ]]
	[[ "$stderr" == *"$off"* ]]
	[[ "$stderr" == *"${#frag} bytes"* ]]
}

@test "aduan show --help prints the usage on stdout and exits 0" {
	run --separate-stderr aduan show --help
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "usage: aduan show "*"[--format text|json|tsv]"*" id" ]]
	[ -z "$stderr" ]
}

@test "a case whose first event was torn off has no deadline and is never late" {
	new_case
	size=$(stat -c %s "$log")
	head -c $((size - 10)) "$log" > "$BATS_TEST_TMPDIR/cut"
	cat "$BATS_TEST_TMPDIR/cut" > "$log"
	ADUAN_NOW="2026-03-09T09:00:00+07:00" run --separate-stderr aduan overdue --all --format tsv
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
	run --separate-stderr aduan show --format json "$id"
	[ "$status" -eq 0 ]
	[ "$(jq -r '.steps[0].deadline' <<<"$output")" = null ]
	[ "$(jq '.events | length' <<<"$output")" -eq 0 ]
}

@test "a step done again shows the first time, which is judged, and each repeat below; an adjournment shows under its step" {
	walk_to 6
	ADUAN_NOW=2026-03-02T11:00:00+07:00 plain aduan-panggil -q "$id" --ulang --pihak "Bu Siti" --jadwal "2026-03-03 10:00"
	run -0 aduan show "$id"
	[[ "$(section 5)" == "  5. done  2026-03-02 09:00 "* ]]
	[[ "$(section 5)" == *"     again 2026-03-02 11:00 by Petugas Uji:"* ]]
	walk_to 7
	plain aduan-musyawarah -q "$id" --tunda --jadwal "2026-03-05 10:00" --alasan hujan
	run -0 aduan show "$id"
	[[ "$(section 7)" == *"     adjourned 2026-03-02 09:00 by Petugas Uji:"$'\n'"       jadwal: 2026-03-05T10:00:00+07:00"$'\n'"       alasan: hujan"* ]]
}
