#!/usr/bin/env bats
# aduan new: step 1, a new case; the ID alone on stdout for scripts.

bats_require_minimum_version 1.5.0

load helper
load workflow

@test "aduan new prints the new ID alone on stdout and the confirmation on stderr" {
	run --separate-stderr aduan new --pelapor "Budi Santoso" --lurah "Lurah Kranggan" \
	    --perihal "Kebisingan" --isi "Musik keras"
	[ "$status" -eq 0 ]
	[ "$output" = 2026-0001 ]
	[ "${stderr_lines[0]}" = "aduan new: 2026-0001: recorded step 1 (Warga datang membawa aduan) at 2026-03-02 09:00 by Petugas Uji" ]
	[ "${stderr_lines[1]}" = "aduan new: 2026-0001: next: step 2 (Camat menerima warga), Camat: aduan assign 2026-0001 --kepada KEPADA" ]
}

@test "a script gets exactly the ID from \$(aduan new ...)" {
	id=$(aduan new --pelapor a --lurah b --perihal c --isi d 2>/dev/null)
	[[ "$id" =~ ^[0-9]{4}-[0-9]{4}$ ]]
	[ "$(aduan new --pelapor a --lurah b --perihal c --isi d 2>/dev/null | wc -l)" -eq 1 ]
	[ -f "$ADUAN_DIR/open/$id.log" ]
}

@test "aduan new --quiet still prints the ID and nothing on stderr" {
	run --separate-stderr aduan new --quiet --pelapor a --lurah b --perihal c --isi d
	[ "$status" -eq 0 ]
	[ "$output" = 2026-0001 ]
	[ -z "$stderr" ]
	run --separate-stderr aduan new -q --pelapor a --lurah b --perihal c --isi d
	[ "$output" = 2026-0002 ]
	[ -z "$stderr" ]
}

@test "IDs count up within the year of the complaint" {
	new_case
	[ "$id" = 2026-0001 ]
	new_case
	[ "$id" = 2026-0002 ]
	ADUAN_NOW=2027-01-04T09:00:00+07:00 run aduan new -q --pelapor a --lurah b --perihal c --isi d
	[ "$output" = 2027-0001 ]
}

@test "the new log has the header and one done event for step 1 with its fields" {
	new_case "Siti Aminah" "Parkir liar"
	[ "$(head -1 "$log" | cut -f1-4)" = $'aduan-log 1\t'"$id"$'\t065/SOP/ /417.515/2019\t2019-06.2' ]
	[ "$(events)" -eq 1 ]
	[ "$(ev 1 1)" = 1 ]
	recorded 1 2026-03-02T09:00:00+07:00
	[ "$(ev 1 3)" = "2026-03-02T09:00:00+07:00" ]
	[ "$(ev 1 4)" = "Petugas Uji" ]
	[ "$(ev 1 5)" = 1 ]
	[ "$(ev 1 6)" = done ]
	[ "$(kv 1 pelapor)" = "Siti Aminah" ]
	[ "$(kv 1 lurah)" = "Lurah Kranggan" ]
	[ "$(kv 1 perihal)" = "Parkir liar" ]
	[ "$(kv 1 isi)" = "Tetangga memutar musik keras" ]
	[ "$(json .next)" = 2 ]
}

@test "without --isi the complaint text is read from standard input, newlines kept" {
	id=$(printf 'baris1\nbaris2' | aduan new --pelapor a --lurah b --perihal c 2>/dev/null)
	[ "$id" = 2026-0001 ]
	log="$ADUAN_DIR/open/$id.log"
	[ "$(kv 1 isi)" = 'baris1\nbaris2' ]
	[ "$(aduan show --format json "$id" | jq -r '.steps[0].done[0].data.isi')" = $'baris1\nbaris2' ]
}

@test "no --isi and an empty standard input is a missing kelengkapan: exit 4, no case" {
	run aduan new --pelapor a --lurah b --perihal c < /dev/null
	[ "$status" -eq 4 ]
	[ "$output" = "aduan new: step 1 (Warga datang membawa aduan) needs --isi ISI (Isi aduan); nothing was recorded" ]
	[ -z "$(ls "$ADUAN_DIR/open" 2>/dev/null)" ]
}

@test "aduan new without --perihal is refused with exit 4 and files nothing" {
	run aduan new --pelapor a --lurah b --isi d
	[ "$status" -eq 4 ]
	[[ "$output" == *"step 1 (Warga datang membawa aduan) needs --perihal PERIHAL (Perihal aduan); nothing was recorded" ]]
	[ -z "$(ls "$ADUAN_DIR/open" 2>/dev/null)" ]
	run aduan new --lurah b --perihal c --isi d
	[ "$status" -eq 4 ]
	[[ "$output" == *"needs --pelapor PELAPOR"* ]]
	run aduan new --pelapor a --perihal c --isi d
	[ "$status" -eq 4 ]
	[[ "$output" == *"needs --lurah LURAH"* ]]
	[ -z "$(ls "$ADUAN_DIR/open" 2>/dev/null)" ]
}

@test "an empty field is a usage error" {
	run aduan new --pelapor a --lurah b --perihal c --isi ""
	[ "$status" -eq 2 ]
	[ "$output" = "aduan new: --isi: empty" ]
	[ -z "$(ls "$ADUAN_DIR/open" 2>/dev/null)" ]
}

@test "a terminal escape in --pelapor is refused with exit 2 and no case is filed" {
	run aduan new --pelapor $'\e[31mmerah' --lurah b --perihal c --isi d
	[ "$status" -eq 2 ]
	[ "$output" = "aduan new: --pelapor: control character U+001B at byte 0 is not allowed" ]
	[ -z "$(ls "$ADUAN_DIR/open" 2>/dev/null)" ]
}

@test "invalid UTF-8 in --pelapor is refused with exit 2 and no case is filed" {
	run aduan new --pelapor $'Bud\xff' --lurah b --perihal c --isi d
	[ "$status" -eq 2 ]
	[ "$output" = "aduan new: --pelapor: not valid UTF-8 at byte 3" ]
	[ -z "$(ls "$ADUAN_DIR/open" 2>/dev/null)" ]
}

@test "a control character in the text read from standard input is refused" {
	run sh -c "printf 'a\033]0;x\007' | aduan new --pelapor a --lurah b --perihal c"
	[ "$status" -eq 2 ]
	[[ "$output" == *"control character U+001B"* ]]
	[ -z "$(ls "$ADUAN_DIR/open" 2>/dev/null)" ]
}

@test "--at is when the complaint was brought, in any of its forms" {
	run aduan new -q --pelapor a --lurah b --perihal c --isi d --at "2026-03-02 08:15"
	[ "$status" -eq 0 ]
	log="$ADUAN_DIR/open/$output.log"
	[ "$(ev 1 3)" = 2026-03-02T08:15:00+07:00 ]
	recorded 1 2026-03-02T09:00:00+07:00
	run aduan new -q --pelapor a --lurah b --perihal c --isi d --at "2026-03-02T01:30:00Z"
	log="$ADUAN_DIR/open/$output.log"
	[ "$(ev 1 3)" = 2026-03-02T08:30:00+07:00 ]
	run aduan new -q --pelapor a --lurah b --perihal c --isi d --at "2026-03-01T20:45"
	log="$ADUAN_DIR/open/$output.log"
	[ "$(ev 1 3)" = 2026-03-01T20:45:00+07:00 ]
}

@test "a --at that is not a time is a usage error and files nothing" {
	run aduan new --pelapor a --lurah b --perihal c --isi d --at besok
	[ "$status" -eq 2 ]
	[[ "$output" == "aduan new: --at: 'besok': give the time of day too, such as besok 09.00" ]]
	[ -z "$(ls "$ADUAN_DIR/open" 2>/dev/null)" ]
}

@test "a --at more than a minute ahead of now is refused as in the future" {
	run aduan new --pelapor a --lurah b --perihal c --isi d --at "2026-03-02 09:01:01"
	[ "$status" -eq 4 ]
	[ "$output" = "aduan new: --at: 2026-03-02T09:01:01+07:00 is in the future (now is 2026-03-02T09:00:00+07:00); nothing was recorded" ]
	[ -z "$(ls "$ADUAN_DIR/open" 2>/dev/null)" ]
	run aduan new -q --pelapor a --lurah b --perihal c --isi d --at "2026-03-02 09:01"
	[ "$status" -eq 0 ]
}

@test "--by and ADUAN_USER name who filed the case" {
	ADUAN_USER="Ani" run aduan new -q --pelapor a --lurah b --perihal c --isi d
	log="$ADUAN_DIR/open/$output.log"
	[ "$(ev 1 4)" = Ani ]
	ADUAN_USER="Ani" run aduan new -q --pelapor a --lurah b --perihal c --isi d --by "Petugas Loket"
	log="$ADUAN_DIR/open/$output.log"
	[ "$(ev 1 4)" = "Petugas Loket" ]
}

@test "-D and --data-dir file the case in another data directory" {
	run aduan new -q -D "$BATS_TEST_TMPDIR/other" --pelapor a --lurah b --perihal c --isi d
	[ "$status" -eq 0 ]
	[ -f "$BATS_TEST_TMPDIR/other/open/$output.log" ]
	[ ! -e "$ADUAN_DIR/open/$output.log" ]
}

@test "--step naming a step of another command is a usage error" {
	run aduan new --step 2 --pelapor a --lurah b --perihal c --isi d
	[ "$status" -eq 2 ]
	[ "$output" = "aduan new: --step: step 2 is recorded by 'assign', not by this command" ]
	[ -z "$(ls "$ADUAN_DIR/open" 2>/dev/null)" ]
}

@test "an option new does not know is a usage error with a hint" {
	run aduan new --pelapor a --lurah b --perihal c --isi d --kepada x
	[ "$status" -eq 2 ]
	[[ "$output" == *"unrecognized option '--kepada'"* ]]
	[[ "$output" == *"aduan new: try 'aduan new --help'" ]]
	[ -z "$(ls "$ADUAN_DIR/open" 2>/dev/null)" ]
}

@test "aduan new --help prints the usage on stdout and exits 0" {
	run --separate-stderr aduan new --help
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "usage: aduan new [--field value ...] [-hqV] [--at waktu] [--by nama] [-D dir] [--sop file] [--step n]" ]
	[ -z "$stderr" ]
}

@test "two cases filed at the same moment get two different IDs" {
	exec 8> "$BATS_TEST_TMPDIR/barrier"
	flock -x 8
	for n in 1 2 3; do
		flock -s "$BATS_TEST_TMPDIR/barrier" -c \
		    "aduan new -q --pelapor P$n --lurah b --perihal c --isi d \
		     >'$BATS_TEST_TMPDIR/id$n' 2>&1" 8>&- &
	done
	waiters "$BATS_TEST_TMPDIR/barrier" 3
	flock -u 8
	wait
	exec 8>&-
	[ "$(cat "$BATS_TEST_TMPDIR"/id? | sort -u | tr '\n' ' ')" = "2026-0001 2026-0002 2026-0003 " ]
	[ "$(ls "$ADUAN_DIR/open" | wc -l)" -eq 3 ]
	for n in 1 2 3; do
		run aduan show "$(cat "$BATS_TEST_TMPDIR/id$n")"
		[ "$status" -eq 0 ]
	done
}

@test "a value with an invisible format character is refused, naming the option" {
	run aduan new --pelapor $'Bu\u200bdi' --lurah L --perihal P --isi I
	[ "$status" -eq 2 ]
	[ "$output" = "aduan new: --pelapor: invisible or format character U+200B at byte 2 is not allowed" ]
	run aduan new --pelapor Budi --lurah L --perihal $'\u202eP' --isi I
	[ "$status" -eq 2 ]
	[[ "$output" == "aduan new: --perihal: invisible or format character U+202E at byte 0 is not allowed" ]]
	[ ! -d "$ADUAN_DIR/open" ] || [ -z "$(ls "$ADUAN_DIR/open")" ]
}

@test "the contact fields: a phone kept as its national digits, a NIK checked, a kelurahan as the SOP spells it" {
	run --separate-stderr aduan new -q --pelapor "Sri Wahyuni" --lurah "Lurah Meri" \
	    --perihal Parkir --isi "Parkir liar" --alamat "Jl. Kartini 12, RT 02/RW 03" \
	    --telepon "+62 812-3456-7890" --nik "3576 0145 0890 0001" --kelurahan meri
	[ "$status" -eq 0 ]
	id=$output
	log="$ADUAN_DIR/open/$id.log"
	[ "$(kv 1 alamat)" = "Jl. Kartini 12, RT 02/RW 03" ]
	[ "$(kv 1 telepon)" = 081234567890 ]
	[ "$(kv 1 nik)" = 3576014508900001 ]
	[ "$(kv 1 kelurahan)" = Meri ]
	for t in "0812 3456 7890" "(0321) 321456" "62 812 3456 7890"; do
		run -0 aduan new -q --pelapor a --lurah b --perihal c --isi d --telepon "$t"
		[[ "$(kv 1 telepon)" =~ ^0[1-9][0-9]{7,11}$ ]]
	done
}

@test "a wrong phone, NIK or kelurahan is a usage error naming the field and the form wanted; nothing is filed" {
	for t in "12345" "0012 3456 789" "+1 555 0100" "0812-34x6-7890" "08123456789012345"; do
		run -2 aduan new -q --pelapor a --lurah b --perihal c --isi d --telepon "$t"
		[ "$output" = "aduan new: --telepon: '$t' is not a telephone number: write it as 0812 3456 7890 or +62 812 3456 7890 (9 to 13 digits beginning with 0)" ]
	done
	run -2 aduan new -q --pelapor a --lurah b --perihal c --isi d --nik 35760145089000
	[ "$output" = "aduan new: --nik: '35760145089000' is not a NIK: a NIK has 16 digits" ]
	run -2 aduan new -q --pelapor a --lurah b --perihal c --isi d --nik 3576019913900001
	[ "$output" = "aduan new: --nik: '3576019913900001' is not a NIK: digits 7 to 12 are the date of birth as DDMMYY (the day plus 40 for a woman), and 991390 is not one" ]
	run -2 aduan new -q --pelapor a --lurah b --perihal c --isi d --kelurahan Magersari
	[ "$output" = "aduan new: --kelurahan: 'Magersari' is not one of Jagalan|Kranggan|Meri|Miji|Purwotengah|Sentanan" ]
	[ ! -e "$ADUAN_DIR/open" ] || [ -z "$(ls "$ADUAN_DIR/open")" ]
}

@test "a new case with the pelapor and perihal of an open one is filed with a warning naming it" {
	new_case "Budi Santoso" "Kebisingan malam hari"
	first=$id
	run --separate-stderr aduan new --pelapor " budi  SANTOSO" --lurah L --perihal "kebisingan malam hari" --isi lagi
	[ "$status" -eq 0 ]
	[ "${stderr_lines[2]}" = "aduan new: $output: warning: the open case $first has the same pelapor and perihal; if it is the same complaint, cancel this one: aduan close $output --batal ganda" ]
	run --separate-stderr aduan new --pelapor "Budi" --lurah L --perihal "Kebisingan malam hari" --isi lain
	[ "${#stderr_lines[@]}" -eq 2 ]
	# A closed or cancelled case is not a duplicate to warn about.
	plain aduan-close -q "$first" --batal dicabut
	run --separate-stderr aduan new -q --pelapor "Siti" --lurah L --perihal "Parkir" --isi x
	run --separate-stderr aduan new --pelapor "Siti" --lurah L --perihal "Parkir" --isi x
	[[ "$stderr" == *"warning: the open case 2026-0004 has the same pelapor and perihal"* ]]
	# --quiet says nothing, this either.
	run --separate-stderr aduan new -q --pelapor "Siti" --lurah L --perihal "Parkir" --isi x
	[ -z "$stderr" ]
}

@test "--at in the office's habits: 5-3-2026 09.00, hari ini, kemarin; what could be read two ways is refused" {
	ADUAN_NOW="2026-03-05T10:00:00+07:00"
	for at in "5-3-2026 09.00" "5/3/2026 9:00" "hari ini 09.00" "Hari  Ini pukul 09.00" "today 09:00"; do
		run -0 aduan new -q --pelapor a --lurah b --perihal "$at" --isi d --at "$at"
		log="$ADUAN_DIR/open/$output.log"
		[ "$(ev 1 3)" = 2026-03-05T09:00:00+07:00 ]
	done
	run -0 aduan new -q --pelapor a --lurah b --perihal c --isi d --at "kemarin 16.00"
	log="$ADUAN_DIR/open/$output.log"
	[ "$(ev 1 3)" = 2026-03-04T16:00:00+07:00 ]
	run -2 aduan new -q --pelapor a --lurah b --perihal c --isi d --at "5-3-26 09.00"
	[ "$output" = "aduan new: --at: '5-3-26 09.00': a year of two digits could be read two ways; write it in full, such as 5-3-2026" ]
	run -2 aduan new -q --pelapor a --lurah b --perihal c --isi d --at "3-15-2026 09.00"
	[ "$output" = "aduan new: --at: '3-15-2026 09.00': there is no month 15; write the day first, then the month, such as 15-3-2026" ]
	run -2 aduan new -q --pelapor a --lurah b --perihal c --isi d --at "5-3-2026"
	[ "$output" = "aduan new: --at: '5-3-2026': give the time of day too, such as 5-3-2026 09.00" ]
	run -2 aduan new -q --pelapor a --lurah b --perihal c --isi d --at "09.00"
	[ "$output" = "aduan new: --at: '09.00': which day? write hari ini 09.00, besok 09.00 or 5-3-2026 09.00" ]
	run -2 aduan new -q --pelapor a --lurah b --perihal c --isi d --at "30-2-2026 09.00"
	[ "$output" = "aduan new: --at: '30-2-2026 09.00': there is no such day" ]
	run -2 aduan new -q --pelapor a --lurah b --perihal c --isi d --at "hari ini 24.00"
	[[ "$output" == "aduan new: --at: cannot read the time 'hari ini 24.00'; write it as 5-3-2026 09.00"* ]]
}

@test "a --at far longer than any time is refused as unreadable, nothing filed" {
	long=$(printf 'besok %.0s' $(seq 40))
	run -2 aduan new -q --pelapor a --lurah b --perihal c --isi d --at "$long"
	[[ "$output" == "aduan new: --at: cannot read the time 'besok besok "* ]]
	[ ! -e "$ADUAN_DIR/open" ] || [ -z "$(ls "$ADUAN_DIR/open")" ]
}

@test "with the office's code in kantor.yaml, new cases are KRG-2026-NNNN, numbered on from the cases before it, which keep working; a bad code is refused at its place" {
	cp -r "$top/sop" "$BATS_TEST_TMPDIR/sop"
	export ADUAN_SOP="$BATS_TEST_TMPDIR/sop/kranggan.yaml"
	k="$BATS_TEST_TMPDIR/sop/kantor.yaml"
	run -0 aduan new -q --pelapor A --lurah L --perihal P --isi I
	[ "$output" = 2026-0001 ]
	sed -i 's/^  nama: KECAMATAN KRANGGAN$/&\n  kode: KRG/' "$k"
	grep -q '^  kode: KRG$' "$k"
	run -0 aduan new -q --pelapor B --lurah L --perihal P --isi I
	[ "$output" = KRG-2026-0002 ]
	[ -f "$ADUAN_DIR/open/KRG-2026-0002.log" ]
	# The case from before the code is the office's still, recorded on.
	run -0 aduan assign -q 2026-0001 --step 2
	run -0 aduan assign -q KRG-2026-0002 --step 2
	run -0 aduan list --format tsv
	[ "$(cut -f1 <<<"$output" | tr '\n' ' ')" = "2026-0001 KRG-2026-0002 " ]
	run -0 aduan verify -q
	# A number is given once, with the code or without.
	sed -i 's/^  kode: KRG$//' "$k"
	run -0 aduan new -q --pelapor C --lurah L --perihal P --isi I
	[ "$output" = 2026-0003 ]
	sed -i 's/^  nama: KECAMATAN KRANGGAN$/&\n  kode: krg/' "$k"
	run -5 aduan new -q --pelapor D --lurah L --perihal P --isi I
	[[ "$output" == *"kantor.yaml:13:9: kantor.kode 'krg': two to six capital letters or digits"* ]]
	[ ! -e "$ADUAN_DIR/open/2026-0004.log" ]
	run -2 aduan show KRG-26-0001
	[[ "$output" == *"is not a case ID"* ]]
}
