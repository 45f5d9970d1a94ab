#!/usr/bin/env bats
# aduan sop: the SOP in force as the seed's table or JSON; --check.

load helper

@test "aduan sop prints the seed's header and table" {
	run aduan sop
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "SOP 065/SOP/ /417.515/2019: PENYELESAIAN PENGADUAN MASYARAKAT" ]]
	[[ "$output" == *"NIP 19700113 198903 2 003"* ]]
	[[ "$output" == *"No  Kegiatan"*"Pelaksana"*"Kelengkapan"*"Waktu"*"Output"* ]]
	[[ "$output" == *"10. "*"Para pihak menerima"* ]]
	[[ "$output" == *"hasil=tidak-sepakat: go on to step 9"* ]]
}

@test "aduan sop --format json is one object a JSON parser reads" {
	run aduan sop --format json
	[ "$status" -eq 0 ]
	[ "$(jq '.steps | length' <<<"$output")" -eq 10 ]
	[ "$(jq -r '.steps[3].waktu' <<<"$output")" = "1 hari" ]
	[ "$(jq -r '.steps[5].pelaksana' <<<"$output")" = "para_pihak" ]
	[ "$(jq -c '.steps[7].next' <<<"$output")" = "[10,9]" ]
	[ "$(jq -r '.steps[9].outcome' <<<"$output")" = "selesai" ]
	[ "$(jq -r '.nomor' <<<"$output")" = "065/SOP/ /417.515/2019" ]
}

@test "the SOP comes from --sop, then ADUAN_SOP, then the bundled one" {
	mkdir "$BATS_TEST_TMPDIR/s"
	cp "$top/sop/kalender.yaml" "$BATS_TEST_TMPDIR/s/"
	sed 's/PENYELESAIAN PENGADUAN MASYARAKAT/UJI SATU/' "$SOP" > "$BATS_TEST_TMPDIR/s/a.yaml"
	sed 's/PENYELESAIAN PENGADUAN MASYARAKAT/UJI DUA/' "$SOP" > "$BATS_TEST_TMPDIR/s/b.yaml"
	ADUAN_SOP="$BATS_TEST_TMPDIR/s/a.yaml" run aduan sop
	[[ "${lines[0]}" == *"UJI SATU" ]]
	ADUAN_SOP="$BATS_TEST_TMPDIR/s/a.yaml" run aduan sop --sop "$BATS_TEST_TMPDIR/s/b.yaml"
	[[ "${lines[0]}" == *"UJI DUA" ]]
	run aduan sop
	[[ "${lines[0]}" == *"PENYELESAIAN PENGADUAN MASYARAKAT" ]]
}

@test "aduan sop --check names file, line and column of a typo and exits 5" {
	mkdir "$BATS_TEST_TMPDIR/s"
	cp "$top/sop/kalender.yaml" "$BATS_TEST_TMPDIR/s/"
	sed '0,/    waktu:/s//    waktuu:/' "$SOP" > "$BATS_TEST_TMPDIR/s/x.yaml"
	line=$(grep -n 'waktuu:' "$BATS_TEST_TMPDIR/s/x.yaml" | cut -d: -f1)
	run aduan sop --check "$BATS_TEST_TMPDIR/s/x.yaml"
	[ "$status" -eq 5 ]
	[ "$output" = "aduan sop: $BATS_TEST_TMPDIR/s/x.yaml:$line:5: unknown key 'waktuu' in step" ]
}

@test "aduan sop --check is silent with -q and fails on a missing file" {
	run aduan sop -q --check "$SOP"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	run aduan sop --check "$BATS_TEST_TMPDIR/none.yaml"
	[ "$status" -eq 5 ]
	[[ "$output" == "aduan sop: $BATS_TEST_TMPDIR/none.yaml: cannot open: No such file or directory" ]]
}

@test "a broken calendar is reported in the calendar file" {
	mkdir "$BATS_TEST_TMPDIR/s"
	cp "$SOP" "$BATS_TEST_TMPDIR/s/"
	sed 's/2026-08-17/2026-08-32/' "$top/sop/kalender.yaml" > "$BATS_TEST_TMPDIR/s/kalender.yaml"
	run aduan sop --check "$BATS_TEST_TMPDIR/s/kranggan.yaml"
	[ "$status" -eq 5 ]
	[[ "$output" == *"kalender.yaml:"*"bad date '2026-08-32'"* ]]
}

@test "bad options get one usage line, a hint and exit 2" {
	run aduan sop --bogus
	[ "$status" -eq 2 ]
	[[ "$output" == *"usage: aduan sop"* ]]
	run aduan sop --format xml
	[ "$status" -eq 2 ]
	[[ "$output" == *"--format: 'xml' is not text or json; try 'aduan sop --help'"* ]]
	run aduan sop extra
	[ "$status" -eq 2 ]
}

@test "aduan sop --help prints the usage on stdout and exits 0" {
	run aduan sop --help
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "usage: aduan sop [-hqV] [--format text|json] [--sop file]" ]
}

@test "a write error on stdout is an I/O failure, not success" {
	run sh -c 'aduan sop > /dev/full'
	[ "$status" -eq 7 ]
	[[ "$output" == *"cannot write the output"* ]]
}

@test "aduan sop --check names the line of an SOP whose calendar file is missing" {
	mkdir "$BATS_TEST_TMPDIR/s"
	sed 's/^calendar: kalender.yaml/calendar: nope.yaml/' "$SOP" > "$BATS_TEST_TMPDIR/s/k.yaml"
	line=$(grep -n '^calendar:' "$BATS_TEST_TMPDIR/s/k.yaml" | cut -d: -f1)
	run aduan sop --check "$BATS_TEST_TMPDIR/s/k.yaml"
	[ "$status" -eq 5 ]
	[ "$output" = "aduan sop: $BATS_TEST_TMPDIR/s/k.yaml:$line:11: calendar: $BATS_TEST_TMPDIR/s/nope.yaml: cannot open: No such file or directory" ]
}

@test "control and invisible format characters in any SOP text are refused where they stand" {
	mkdir -p "$BATS_TEST_TMPDIR/s"
	cp "$top/sop/kalender.yaml" "$BATS_TEST_TMPDIR/s/"
	f="$BATS_TEST_TMPDIR/s/k.yaml"
	sed 's/revisi: "2019-06.2"/revisi: "2019-06.2\xe2\x80\x8b"/' "$SOP" > "$f"
	run aduan sop --check "$f"
	[ "$status" -eq 5 ]
	[ "$output" = "aduan sop: $f:23:11: invisible or format character U+200B is not allowed" ]
	sed 's/output: Aduan ditelaah/output: "Aduan\\e[2J\\e]0;x\\a ditelaah"/' "$SOP" > "$f"
	run aduan sop --check "$f"
	[ "$status" -eq 5 ]
	[[ "$output" == "aduan sop: $f:"*": control character U+001B is not allowed" ]]
	sed 's/kegiatan: "Camat menerima/kegiatan: "\xe2\x80\xaeCamat menerima/' "$SOP" > "$f"
	run aduan sop --check "$f"
	[ "$status" -eq 5 ]
	[[ "$output" == *"invisible or format character U+202E is not allowed" ]]
	# The calendar's texts too.
	cp "$SOP" "$f"
	sed '0,/nama: /s/nama: \(.*\)$/nama: "Tahun\xc2\xadBaru"/' "$top/sop/kalender.yaml" > "$BATS_TEST_TMPDIR/s/kalender.yaml"
	run aduan sop --check "$f"
	[ "$status" -eq 5 ]
	[[ "$output" == "aduan sop: $BATS_TEST_TMPDIR/s/kalender.yaml:"*"invisible or format character U+00AD is not allowed" ]]
}
