#!/usr/bin/env bats
# The recording commands take their options from the SOP: a field added to
# a step in a copy of the SOP is an option of that step's command, listed
# by --help with its label, enforced when required, and recorded in the
# log, with no rebuild (aduan-sop(5)).

bats_require_minimum_version 1.5.0

load helper
load workflow

# edit SED-SCRIPT: a copy of the SOP in s/k.yaml, beside the calendar,
# changed by the sed script; sets new and exports it as the SOP in force.
edit() {
	mkdir -p "$BATS_TEST_TMPDIR/s"
	cp "$top/sop/kalender.yaml" "$BATS_TEST_TMPDIR/s/"
	new="$BATS_TEST_TMPDIR/s/k.yaml"
	sed -e "s/revisi: \"2019-06.2\"/revisi: \"uji\"/" -e "$1" "$SOP" > "$new"
	run ! cmp -s "$SOP" "$new"
	export ADUAN_SOP="$new"
}

# A field for step 5, after its jadwal field (the line before "next: 6").
saksi() {
	edit "/^    next: 6\$/i\\
      - name: saksi\\
        label: Saksi yang hadir\\
        type: text\\
        required: $1"
}

@test "an optional field added to step 5 is an option of aduan panggil, shown by --help and kept in the log" {
	saksi false
	run aduan sop --check "$new"
	[ "$status" -eq 0 ]
	run aduan panggil --help
	[ "$status" -eq 0 ]
	[[ "$output" == *"--saksi SAKSI"*"step 5: Saksi yang hadir"* ]]
	walk_to 5
	run aduan panggil "$id" --pihak "Pak RT" --jadwal "$JADWAL" --saksi "Budi"
	[ "$status" -eq 0 ]
	grep -q "	saksi=Budi	" "$log"
	run aduan show "$id"
	[[ "$output" == *"saksi: Budi"* ]]
}

@test "the same option under the bundled SOP is unknown" {
	walk_to 5
	run aduan panggil "$id" --pihak "Pak RT" --jadwal "$JADWAL" --saksi "Budi"
	[ "$status" -eq 2 ]
	[[ "$output" == *"unrecognized option '--saksi'"* ]]
}

@test "a required field added to step 5 is enforced, and named with its option" {
	saksi true
	walk_to 5
	cp "$log" "$BATS_TEST_TMPDIR/before"
	run aduan panggil "$id" --pihak "Pak RT" --jadwal "$JADWAL"
	[ "$status" -eq 4 ]
	[ "$output" = "aduan panggil: $id: step 5 (Para pihak dipanggil) needs --saksi SAKSI (Saksi yang hadir); nothing was recorded" ]
	cmp "$log" "$BATS_TEST_TMPDIR/before"
	run aduan panggil "$id" --pihak "Pak RT" --jadwal "$JADWAL" --saksi Budi
	[ "$status" -eq 0 ]
	run aduan show "$id" --format json
	[ "$(jq -r '.steps[] | select(.step == 5) | .done[0].data.saksi' <<<"$output")" = Budi ]
}

@test "a step's hint names a required field added by the SOP" {
	saksi true
	walk_to 4
	run aduan panggil "$id" --step 4
	[ "$status" -eq 0 ]
	[[ "$output" == *"next: step 5 (Para pihak dipanggil), Kasi Trantib: aduan panggil $id --pihak PIHAK --jadwal WAKTU --saksi SAKSI"* ]]
}

@test "a flag field and a choice field added to step 2 are options of aduan assign" {
	edit "/^    command: assign\$/{
n
s/^    next: 3\$/    fields:\\
      - name: darurat\\
        label: Aduan mendesak\\
        type: flag\\
        required: false\\
      - name: cara\\
        label: Cara aduan diterima\\
        type: choice\\
        choices: [langsung, surat]\\
        required: true\\
    next: 3/
}"
	run aduan sop --check "$new"
	[ "$status" -eq 0 ]
	new_case
	run aduan assign "$id" --step 2 --darurat
	[ "$status" -eq 4 ]
	[[ "$output" == *"needs --cara langsung|surat (Cara aduan diterima)"* ]]
	run aduan assign "$id" --step 2 --cara telepon
	[ "$status" -eq 2 ]
	[[ "$output" == *"--cara: 'telepon' is not one of langsung|surat"* ]]
	run aduan assign "$id" --step 2 --cara surat --darurat
	[ "$status" -eq 0 ]
	grep -q "	2	done	cara=surat	darurat=ya	" "$log"
}

@test "the adjournment's fields come from the SOP's tunda, its clock from tunda's clock_from" {
	edit "s/^        - name: jadwal\$/        - name: jadwal/; /^    tunda:\$/,/^    clock_from/!b; s/clock_from: jadwal/clock_from: baru/; s/name: jadwal/name: baru/"
	run aduan sop --check "$new"
	[ "$status" -eq 0 ]
	walk_to 7
	run aduan musyawarah "$id" --tunda --jadwal "2026-03-03 09:00"
	[ "$status" -eq 2 ]
	run aduan musyawarah "$id" --tunda --baru "2026-03-03 09:00"
	[ "$status" -eq 0 ]
	run aduan show "$id" --format json
	[ "$(jq -r '.steps[] | select(.step == 7) | .deadline' <<<"$output")" = "2026-03-03T11:00:00+07:00" ]
}

@test "a field named like a mechanics option is refused by the loader" {
	for name in at by step sop ulang tunda help; do
		edit "0,/^      - name: kepada\$/s//      - name: $name/"
		run aduan sop --check "$new"
		[ "$status" -eq 5 ]
		[[ "$output" == *"field name '$name' is kept for the recording commands' own option"* ]]
	done
}

@test "one field name with two types among the steps of one command is refused" {
	edit "/^        label: Catatan musyawarah\$/{n;s/^        type: text\$/        type: time/}"
	run aduan sop --check "$new"
	[ "$status" -eq 5 ]
	[[ "$output" == *"step 8: field 'catatan' has another type in step 7, which 'musyawarah' also records"* ]]
}

@test "repeatable: true and adjournable: true still load, with their default fields" {
	edit '/^    ulang:$/,/^          required: false$/c\
    repeatable: true
/^    tunda:$/,/^          required: false$/c\
    adjournable: true'
	run ! grep -q 'ulang:\|tunda:' "$new"
	run aduan sop --check "$new"
	[ "$status" -eq 0 ]
	walk_to 7
	run aduan musyawarah "$id" --tunda --jadwal "2026-03-03 09:00" --alasan "pihak sakit"
	[ "$status" -eq 0 ]
	grep -q "	7	adjourn	jadwal=2026-03-03T09:00:00+07:00	alasan=pihak sakit	" "$log"
}

@test "a choice may be a name with capitals and spaces, unique without regard to case; types phone and nik" {
	edit 's/choices: \[Jagalan, /choices: [Kota Lama, Jagalan, /'
	run -0 aduan sop --check "$new"
	edit 's/choices: \[Jagalan, /choices: [jagalan, Jagalan, /'
	run -5 aduan sop --check "$new"
	[[ "$output" == *": duplicate choice 'Jagalan'" ]]
	edit 's/choices: \[Jagalan, /choices: ["Kota  Lama", /'
	run -5 aduan sop --check "$new"
	[[ "$output" == *"choice 'Kota  Lama': use letters, digits, '-', '_', '.' and single spaces, beginning with a letter or a digit" ]]
	edit 's/choices: \[Jagalan, /choices: ["-Lama", /'
	run -5 aduan sop --check "$new"
	edit 's/type: nik/type: ktp/'
	run -5 aduan sop --check "$new"
	[[ "$output" == *"unknown field type 'ktp' (expected text, time, choice, flag, phone or nik)" ]]
	edit 's/type: nik/type: phone/'
	run -0 aduan sop --check "$new"
	run -2 aduan new -q --pelapor a --lurah b --perihal c --isi d --nik 3576014508900001
	[[ "$output" == *"is not a telephone number"* ]]
}

@test "a choice is typed in any case and kept as the SOP spells it; the branch follows it" {
	walk_to 7
	run -0 aduan musyawarah "$id" --hasil SEPAKAT
	[ "$(kv 8 hasil)" = sepakat ]
	[ "$(json .next)" = 10 ]
}
