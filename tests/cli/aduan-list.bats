#!/usr/bin/env bats
# aduan list: the cases one a line, filtered by status, outcome and whose
# turn it is.

bats_require_minimum_version 1.5.0

load helper
load workflow

# Five cases, recorded once for the file and copied into each test's own
# fresh data directory by five_cases: 0001 waits for the camat (step 2),
# 0002 closed selesai, 0003 waits for the kasi_trantib (step 4), 0004
# closed jalur-hukum, 0005 waits for the para_pihak (step 6).
setup_file() {
	export ADUAN_DIR="$BATS_FILE_TMPDIR/five"
	walk_to 2
	walk_closed selesai
	walk_to 4
	walk_closed jalur-hukum
	walk_to 6
}

five_cases() {
	cp -a "$BATS_FILE_TMPDIR/five" "$ADUAN_DIR"
}

@test "aduan list shows the open cases only, sorted by ID, with a header" {
	five_cases
	run aduan list
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 4 ]
	[[ "${lines[0]}" == "ID"*"FILED"*"PELAPOR"*"PERIHAL"*"STATUS"*"NEXT" ]]
	[[ "${lines[1]}" == "2026-0001  2026-03-02 09:00 Budi Santoso"*"Kebisingan malam hari"*"open"*"2 Camat"* ]]
	[[ "${lines[2]}" == "2026-0003 "*"4 Kasi Trantib"* ]]
	[[ "${lines[3]}" == "2026-0005 "*"6 Para Pihak"* ]]
}

@test "aduan list --status closed and --status all" {
	five_cases
	run aduan list --status closed --format tsv
	[ "$status" -eq 0 ]
	[ "$(cut -f1,5 <<<"$output")" = $'2026-0002\tselesai\n2026-0004\tjalur-hukum' ]
	run aduan list --status all --format tsv
	[ "$status" -eq 0 ]
	[ "$(cut -f1 <<<"$output" | tr '\n' ' ')" = "2026-0001 2026-0002 2026-0003 2026-0004 2026-0005 " ]
	run aduan list --status open --format tsv
	[ "$(cut -f1 <<<"$output" | tr '\n' ' ')" = "2026-0001 2026-0003 2026-0005 " ]
}

@test "aduan list --outcome keeps the cases closed with that outcome" {
	five_cases
	run aduan list --status all --outcome selesai --format tsv
	[ "$status" -eq 0 ]
	[ "$(cut -f1 <<<"$output")" = 2026-0002 ]
	run aduan list --status all --outcome jalur-hukum --format tsv
	[ "$(cut -f1 <<<"$output")" = 2026-0004 ]
}

@test "aduan list --role keeps the cases where it is that role's turn" {
	five_cases
	run aduan list --role camat --format tsv
	[ "$status" -eq 0 ]
	[ "$(cut -f1,6,7 <<<"$output")" = $'2026-0001\t2\tcamat' ]
	run aduan list --role kasi_trantib --format tsv
	[ "$(cut -f1 <<<"$output")" = 2026-0003 ]
	run aduan list --role para_pihak --format tsv
	[ "$(cut -f1 <<<"$output")" = 2026-0005 ]
	run aduan list --role warga --format tsv
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}

@test "aduan list --format tsv has the seven documented fields first and no header" {
	five_cases
	run aduan list --status all --format tsv
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 5 ]
	# aduan-list(1): fields may be added at the end of a line later.
	[ "$(awk -F'\t' 'NF < 7' <<<"$output")" = "" ]
	[ "$(cut -f1-7 <<<"${lines[0]}")" = $'2026-0001\t2026-03-02T09:00:00+07:00\tBudi Santoso\tKebisingan malam hari\topen\t2\tcamat' ]
	[ "$(cut -f1-7 <<<"${lines[1]}")" = $'2026-0002\t2026-03-02T09:00:00+07:00\tBudi Santoso\tKebisingan malam hari\tselesai\t\t' ]
}

@test "a tab or newline inside a field is escaped in the TSV" {
	printf 'x' | aduan new -q --pelapor $'Budi\tSantoso' --lurah b --perihal $'baris\ndua' > /dev/null
	run aduan list --format tsv
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 1 ]
	[ "$(cut -f3,4 <<<"$output")" = $'Budi\\tSantoso\tbaris\\ndua' ]
}

@test "aduan list --format json is an array of objects a JSON parser reads" {
	five_cases
	run --separate-stderr aduan list --status all --format json
	[ "$status" -eq 0 ]
	[ "$(jq 'length' <<<"$output")" -eq 5 ]
	[ "$(jq -r 'map(.id) | join(",")' <<<"$output")" = "2026-0001,2026-0002,2026-0003,2026-0004,2026-0005" ]
	[ "$(jq -r '.[0] | [.id, .filed, .pelapor, .perihal, .status, .next, .role] | join("|")' <<<"$output")" = "2026-0001|2026-03-02T09:00:00+07:00|Budi Santoso|Kebisingan malam hari|open|2|camat" ]
	[ "$(jq -c '.[1] | [.status, .next, .role]' <<<"$output")" = '["selesai",null,null]' ]
	run aduan list --role warga --format json
	[ "$(jq 'length' <<<"$output")" -eq 0 ]
}

@test "the filed time is when step 1 happened, not when it was recorded" {
	ADUAN_NOW=2026-03-02T12:00:00+07:00 aduan new -q --pelapor a --lurah b --perihal c \
	    --isi d --at "2026-03-02 08:05" > /dev/null
	run aduan list --format tsv
	[ "$(cut -f2 <<<"$output")" = 2026-03-02T08:05:00+07:00 ]
	run aduan list
	[[ "${lines[1]}" == "2026-0001  2026-03-02 08:05 "* ]]
}

@test "sorting is by ID across open and closed cases and across years" {
	ADUAN_NOW=2027-01-04T09:00:00+07:00 aduan new -q --pelapor b --lurah b --perihal c --isi d > /dev/null
	walk_closed selesai
	ADUAN_NOW=2027-01-04T09:00:00+07:00 aduan new -q --pelapor b --lurah b --perihal c --isi d > /dev/null
	walk_to 3
	run --separate-stderr aduan list --status all --format tsv
	[ "$(cut -f1 <<<"$output" | tr '\n' ' ')" = "2026-0001 2026-0002 2027-0001 2027-0002 " ]
	# 2027 has no holiday list: said on stderr, the TSV untouched.
	[[ "$stderr" == *"no holiday list for 2027"* ]]
}

@test "a long name with letters beyond ASCII is cut on a character boundary" {
	aduan new -q --pelapor "aÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑ" --lurah b --perihal "ÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉ" --isi d > /dev/null
	run aduan list
	[ "$status" -eq 0 ]
	iconv -f UTF-8 -t UTF-8 <<<"$output" > /dev/null
}

@test "an unknown status, role or format is a usage error" {
	new_case
	run aduan list --status pending
	[ "$status" -eq 2 ]
	[ "$output" = "aduan list: --status: 'pending' is not open (open), closed (closed), all (all) or an outcome of the SOP (jalur-hukum, selesai, dicabut, ganda, bukan-wewenang); try 'aduan list --help'" ]
	run aduan list --role lurah
	[ "$status" -eq 2 ]
	[ "$output" = "aduan list: --role: 'lurah' is not a role of the SOP: give Warga, Para Pihak, Camat or Kasi Trantib; try 'aduan list --help'" ]
	run aduan list --format xml
	[ "$status" -eq 2 ]
	[ "$output" = "aduan list: --format: 'xml' is not text, json or tsv; try 'aduan list --help'" ]
	run aduan list extra
	[ "$status" -eq 2 ]
}

@test "an outcome that no step of the SOP gives is a usage error" {
	new_case
	run aduan list --outcome damai
	[ "$status" -eq 2 ]
	[[ "$output" == "aduan list: --outcome: 'damai' "* ]]
}

@test "a corrupt log is named on stderr, the other cases still listed, exit 6" {
	walk_to 5
	sed -i 's/kepada=Kasi Trantib/kepada=Orang Lain/' "$log"
	aduan new -q --pelapor a --lurah b --perihal c --isi d > /dev/null
	run --separate-stderr aduan list --format tsv
	[ "$status" -eq 6 ]
	[ "$stderr" = "aduan list: $id: line 4 does not verify (altered, or a line was removed, inserted or moved); run 'aduan verify $id'" ]
	[ "$(cut -f1 <<<"$output")" = 2026-0002 ]
}

@test "aduan list --help prints the usage on stdout and exits 0" {
	run aduan list --help
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "usage: aduan list "*"[--status open|closed|all] [--outcome hasil] [--role peran] "*"[--cari teks] [--kelurahan nama] [--format text|json|tsv]"* ]]
}

@test "nothing to list: a terminal is told so; a pipe gets nothing, JSON an empty array" {
	walk_closed selesai
	run -0 aduan list
	[ -z "$output" ]
	run -0 aduan list --format json
	[ "$output" = "[]" ]
	run -0 aduan list --format tsv
	[ -z "$output" ]
	command -v script >/dev/null || skip "script(1) is not installed"
	run -0 script -qec "aduan list" /dev/null
	[[ "$output" == "no open cases"* ]]
	run -0 script -qec "aduan list --outcome jalur-hukum" /dev/null
	[[ "$output" == "no cases match"* ]]
}
