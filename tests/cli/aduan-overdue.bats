#!/usr/bin/env bats
# aduan overdue: for cron; flags each late step once in its case's log,
# prints only what is newly late, counts deadlines in office time.

load helper
load workflow
bats_require_minimum_version 1.5.0

# file AT [PERIHAL]: file a case at AT; its ID on stdout.
file() {
	ADUAN_NOW="$1" aduan new --pelapor Budi --lurah "Lurah Kranggan" \
	    --perihal "${2:-Pagar tetangga roboh}" --isi "Pagar roboh ke jalan" -q
}

# logof ID: the log of an open case.
logof() {
	echo "$ADUAN_DIR/open/$1.log"
}

# nevents ID EVENT [STEP]: how many EVENT events the log of ID has (for STEP).
nevents() {
	awk -F'\t' -v ev="$2" -v st="${3:-}" \
	    'NR > 1 && $6 == ev && (st == "" || $5 == st)' "$(logof "$1")" | wc -l
}

@test "a case filed Friday 15:55 is late Monday 08:00, flagged once, then late at step 4" {
	id=$(file "2026-11-27 15:55")
	# Saturday: no office hours, nothing counted, nothing late.
	ADUAN_NOW="2026-11-28 10:00" run aduan overdue
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	# Monday before 07:55: 35 minutes counted Friday, 20 of 25 Monday.
	ADUAN_NOW="2026-11-30 07:50" run aduan overdue
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[ "$(nevents "$id" late)" -eq 0 ]
	ADUAN_NOW="2026-11-30 08:00" run aduan overdue
	[ "$status" -eq 1 ]
	[ "$output" = "$id  step 2  Camat menerima warga  Camat: due 2026-11-30 07:55, late by 0h05m" ]
	[ "$(nevents "$id" late)" -eq 1 ]
	[ "$(nevents "$id" late 2)" -eq 1 ]
	# Already flagged: silent, but still late.
	ADUAN_NOW="2026-11-30 08:10" run aduan overdue
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ "$(nevents "$id" late)" -eq 1 ]
	# Steps 2 and 3 recorded Monday 10:00: step 4 (1 hari) due Tuesday 10:00.
	ADUAN_NOW="2026-11-30 10:00" run aduan assign "$id" --kepada Agus -q
	[ "$status" -eq 0 ]
	ADUAN_NOW="2026-11-30 10:05" run aduan overdue
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	ADUAN_NOW="2026-12-01 09:59" run aduan overdue
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	ADUAN_NOW="2026-12-01 10:01" run aduan overdue
	[ "$status" -eq 1 ]
	[ "$output" = "$id  step 4  Kasi Trantib menelaah aduan  Kasi Trantib: due 2026-12-01 10:00, late by 0h01m" ]
	[ "$(nevents "$id" late 4)" -eq 1 ]
	[ "$(nevents "$id" late)" -eq 2 ]
	ADUAN_NOW="2026-12-01 10:30" run aduan overdue
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ "$(nevents "$id" late)" -eq 2 ]
}

@test "a weekend and the Proklamasi holiday make nothing late before Tuesday 08:00" {
	# Friday 16:00: 30 minutes to closing; Saturday, Sunday and Monday
	# 17 August are closed; the other 30 minutes from Tuesday 07:30.
	id=$(file "2026-08-14 16:00")
	for now in "2026-08-15 12:00" "2026-08-17 09:00" "2026-08-17 15:00" \
	    "2026-08-18 07:30" "2026-08-18 07:59"; do
		ADUAN_NOW="$now" run aduan overdue
		[ "$status" -eq 0 ]
		[ -z "$output" ]
	done
	[ "$(nevents "$id" late)" -eq 0 ]
	ADUAN_NOW="2026-08-18 08:01" run aduan overdue
	[ "$status" -eq 1 ]
	[ "$output" = "$id  step 2  Camat menerima warga  Camat: due 2026-08-18 08:00, late by 0h01m" ]
	[ "$(nevents "$id" late 2)" -eq 1 ]
}

@test "step 6 is counted from the appointment set at step 5, not from the summons" {
	id=$(file "2026-11-30 08:00")
	ADUAN_NOW="2026-11-30 08:30" aduan assign "$id" --kepada Agus -q
	ADUAN_NOW="2026-11-30 09:00" aduan panggil "$id" --step 4 --catatan "Sudah ditelaah" -q
	ADUAN_NOW="2026-11-30 09:30" aduan panggil "$id" --pihak Budi --pihak Joko \
	    --jadwal "2026-12-03 09:00" -q
	# 20 minutes after the summons would be 09:50 on Monday.
	for now in "2026-11-30 10:00" "2026-12-02 15:00" "2026-12-03 09:19"; do
		ADUAN_NOW="$now" run aduan overdue
		[ "$status" -eq 0 ]
		[ -z "$output" ]
	done
	ADUAN_NOW="2026-12-03 09:21" run aduan overdue
	[ "$status" -eq 1 ]
	[ "$output" = "$id  step 6  Para pihak datang  Para Pihak: due 2026-12-03 09:20, late by 0h01m" ]
	[ "$(nevents "$id" late 6)" -eq 1 ]
}

# race ARGS...: two runs of "aduan overdue ARGS" at once, released together
# from a flock barrier; their outputs in out1 out2, statuses in rc1 rc2.
race() {
	local barrier="$BATS_TEST_TMPDIR/barrier" ino i r pid1 pid2
	: > "$barrier"
	exec 8> "$barrier"
	flock -x 8
	for r in 1 2; do
		(
			exec 8>&-
			rc=0
			flock -s "$barrier" aduan overdue "$@" \
			    > "$BATS_TEST_TMPDIR/out$r" 2> "$BATS_TEST_TMPDIR/err$r" || rc=$?
			echo "$rc" > "$BATS_TEST_TMPDIR/rc$r"
		) 3>&- &
		eval "pid$r=\$!"
	done
	# Until both runs wait at the barrier (bounded; no sleeping).
	ino=$(stat -c %i "$barrier")
	for i in $(seq 2000); do
		[ "$(grep -c -- "-> FLOCK.*:$ino " /proc/locks 2>/dev/null)" -ge 2 ] && break
	done
	flock -u 8
	exec 8>&-
	wait "$pid1"
	wait "$pid2"
}

# raced STEP RC: each of the 20 cases printed by exactly one of the two
# runs, for STEP; both runs exited RC and said nothing on stderr.
raced() {
	local both
	[ "$(cat "$BATS_TEST_TMPDIR/rc1")" -eq "$2" ]
	[ "$(cat "$BATS_TEST_TMPDIR/rc2")" -eq "$2" ]
	[ ! -s "$BATS_TEST_TMPDIR/err1" ]
	[ ! -s "$BATS_TEST_TMPDIR/err2" ]
	both=$(cat "$BATS_TEST_TMPDIR/out1" "$BATS_TEST_TMPDIR/out2")
	[ "$(wc -l <<<"$both")" -eq 20 ]
	[ "$(awk '{ print $1 }' <<<"$both" | sort -u | wc -l)" -eq 20 ]
	[ -z "$(grep -v "^20[0-9-]*  step $1  " <<<"$both")" ]
}

@test "two runs at once flag each late step exactly once" {
	for i in $(seq 20); do
		file "2026-11-27 15:55" > /dev/null
	done
	[ "$(ls "$ADUAN_DIR"/open/*.log | wc -l)" -eq 20 ]
	ADUAN_NOW="2026-11-30 09:00" race
	raced 2 1
	for f in "$ADUAN_DIR"/open/*.log; do
		[ "$(awk -F'\t' '$6 == "late"' "$f" | wc -l)" -eq 1 ]
		[ "$(awk -F'\t' '$6 == "late" && $5 == 2' "$f" | wc -l)" -eq 1 ]
	done
	# Again for the next step, warned of first, then late.
	for f in "$ADUAN_DIR"/open/*.log; do
		ADUAN_NOW="2026-11-30 10:00" aduan assign "$(basename "$f" .log)" \
		    --kepada Agus -q
	done
	ADUAN_NOW="2026-12-01 09:45" race --within "30 menit"
	raced 4 0
	ADUAN_NOW="2026-12-01 11:00" race --within "30 menit"
	raced 4 1
	for f in "$ADUAN_DIR"/open/*.log; do
		[ "$(awk -F'\t' '$6 == "soon"' "$f" | wc -l)" -eq 1 ]
		[ "$(awk -F'\t' '$6 == "late"' "$f" | wc -l)" -eq 2 ]
		[ "$(awk -F'\t' '$6 == "late" && $5 == 4' "$f" | wc -l)" -eq 1 ]
	done
}

@test "--all lists every late step and writes nothing" {
	a=$(file "2026-11-27 15:55")
	b=$(file "2026-11-27 16:00" "Parkir liar di depan toko")
	cp -r "$ADUAN_DIR/open" "$BATS_TEST_TMPDIR/before"
	ADUAN_NOW="2026-11-30 09:00" run aduan overdue --all
	[ "$status" -eq 1 ]
	[ "${#lines[@]}" -eq 2 ]
	[ "${lines[0]}" = "$a  step 2  Camat menerima warga  Camat: due 2026-11-30 07:55, late by 1h05m" ]
	[ "${lines[1]}" = "$b  step 2  Camat menerima warga  Camat: due 2026-11-30 08:00, late by 1h00m" ]
	cmp "$BATS_TEST_TMPDIR/before/$a.log" "$(logof "$a")"
	cmp "$BATS_TEST_TMPDIR/before/$b.log" "$(logof "$b")"
	# Flagged by a plain run, still listed by --all, and still not written.
	ADUAN_NOW="2026-11-30 09:00" run aduan overdue
	[ "$status" -eq 1 ]
	[ "${#lines[@]}" -eq 2 ]
	cp "$(logof "$a")" "$BATS_TEST_TMPDIR/a.log"
	ADUAN_NOW="2026-11-30 09:30" run aduan overdue --all
	[ "$status" -eq 1 ]
	[ "${#lines[@]}" -eq 2 ]
	[[ "${lines[0]}" == "$a  step 2 "*"late by 1h35m" ]]
	cmp "$BATS_TEST_TMPDIR/a.log" "$(logof "$a")"
	[ "$(nevents "$a" late)" -eq 1 ]
}

@test "--role shows only the steps whose turn is that role's" {
	a=$(file "2026-11-27 15:55")
	b=$(file "2026-11-27 15:55" "Parkir liar di depan toko")
	ADUAN_NOW="2026-11-27 16:00" aduan assign "$b" --kepada Agus -q
	export ADUAN_NOW="2026-12-01 09:00"
	run aduan overdue --all --role camat
	[ "$status" -eq 1 ]
	[ "${#lines[@]}" -eq 1 ]
	[[ "${lines[0]}" == "$a  step 2  Camat menerima warga  Camat: "* ]]
	run aduan overdue --all --role kasi_trantib
	[ "$status" -eq 1 ]
	[ "${#lines[@]}" -eq 1 ]
	[[ "${lines[0]}" == "$b  step 4  Kasi Trantib menelaah aduan  Kasi Trantib: "* ]]
	run aduan overdue --all --role para_pihak
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	run aduan overdue --role camat
	[ "$status" -eq 1 ]
	[ "${#lines[@]}" -eq 1 ]
	[[ "${lines[0]}" == "$a  step 2 "* ]]
	[ "$(nevents "$a" late 2)" -eq 1 ]
}

@test "a run with --role leaves the late steps of other roles unflagged for their own run" {
	a=$(file "2026-11-27 15:55")
	b=$(file "2026-11-27 15:55" "Parkir liar di depan toko")
	ADUAN_NOW="2026-11-27 16:00" aduan assign "$b" --kepada Agus -q
	export ADUAN_NOW="2026-12-01 09:00"
	run aduan overdue --role camat
	[ "$status" -eq 1 ]
	[ "$output" = "$a  step 2  Camat menerima warga  Camat: due 2026-11-30 07:55, late by 8h35m" ]
	# The Kasi Trantib's step was not reported, so it must not be flagged.
	[ "$(nevents "$b" late)" -eq 0 ]
	run aduan overdue --role kasi_trantib
	[ "$status" -eq 1 ]
	# Step 3 at Friday 16:00: one working day later is Monday 16:00.
	[ "$output" = "$b  step 4  Kasi Trantib menelaah aduan  Kasi Trantib: due 2026-11-30 16:00, late by 1h30m" ]
	[ "$(nevents "$b" late 4)" -eq 1 ]
	[ "$(nevents "$a" late)" -eq 1 ]
	run aduan overdue
	[ "$status" -eq 1 ]
	[ -z "$output" ]
}

@test "--format tsv prints seven tab-separated fields" {
	id=$(file "2026-11-27 15:55")
	ADUAN_NOW="2026-11-30 09:00" run aduan overdue --format tsv
	[ "$status" -eq 1 ]
	[ "${#lines[@]}" -eq 1 ]
	[ "$(awk -F'\t' '{ print NF }' <<<"$output")" -eq 7 ]
	[ "$output" = "$(printf '%s\t2\tlate\tcamat\t2026-11-30T07:55:00+07:00\t65\tAduan diterima Camat' "$id")" ]
	# Flagged: nothing more to print.
	ADUAN_NOW="2026-11-30 09:10" run aduan overdue --format tsv
	[ "$status" -eq 1 ]
	[ -z "$output" ]
}

@test "--format json is one array that jq reads" {
	a=$(file "2026-11-27 15:55")
	b=$(file "2026-11-30 08:30" "Parkir liar di depan toko")
	ADUAN_NOW="2026-11-30 08:35" run aduan overdue --format json
	[ "$status" -eq 1 ]
	[ "$(jq length <<<"$output")" -eq 1 ]
	[ "$(jq -r '.[0].id' <<<"$output")" = "$a" ]
	[ "$(jq -r '.[0].step' <<<"$output")" -eq 2 ]
	[ "$(jq -r '.[0].status' <<<"$output")" = "late" ]
	[ "$(jq -r '.[0].pelaksana' <<<"$output")" = "camat" ]
	[ "$(jq -r '.[0].deadline' <<<"$output")" = "2026-11-30T07:55:00+07:00" ]
	[ "$(jq -r '.[0].late_minutes' <<<"$output")" -eq 40 ]
	[ "$(jq -r '.[0].output' <<<"$output")" = "Aduan diterima Camat" ]
	[ "$(jq -r '.[0].kegiatan' <<<"$output")" = "Camat menerima warga untuk menyampaikan pengaduannya" ]
	# Nothing newly late: an empty array, still exit 1.
	ADUAN_NOW="2026-11-30 08:40" run aduan overdue --format json
	[ "$status" -eq 1 ]
	[ "$(jq length <<<"$output")" -eq 0 ]
	ADUAN_NOW="2026-11-30 09:40" run aduan overdue --all --format json
	[ "$status" -eq 1 ]
	[ "$(jq -r '[.[].id] | join(" ")' <<<"$output")" = "$a $b" ]
}

@test "--within warns once of a step due soon" {
	id=$(file "2026-11-27 15:55")
	# Step 2 is due Monday 07:55: from Friday 16:10 that is 45 office
	# minutes away; at Monday 07:40, 15.
	ADUAN_NOW="2026-11-27 16:10" run aduan overdue --within "30 menit"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	ADUAN_NOW="2026-11-30 07:40" run aduan overdue --within "30 menit"
	[ "$status" -eq 0 ]
	[ "$output" = "$id  step 2  Camat menerima warga  Camat: due 2026-11-30 07:55, in 0h15m" ]
	[ "$(nevents "$id" soon 2)" -eq 1 ]
	ADUAN_NOW="2026-11-30 07:45" run aduan overdue --within "30 menit"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[ "$(nevents "$id" soon)" -eq 1 ]
	ADUAN_NOW="2026-11-30 07:45" run aduan overdue --within "2 jam" --all --format tsv
	[ "$status" -eq 0 ]
	[ "$(cut -f3 <<<"$output")" = "soon" ]
	# Once late it is flagged as late, once.
	ADUAN_NOW="2026-11-30 08:00" run aduan overdue --within "30 menit"
	[ "$status" -eq 1 ]
	[ "$output" = "$id  step 2  Camat menerima warga  Camat: due 2026-11-30 07:55, late by 0h05m" ]
	[ "$(nevents "$id" late)" -eq 1 ]
	[ "$(nevents "$id" soon)" -eq 1 ]
}

@test "a year without a holiday list warns once on stderr, naming the year" {
	a=$(file "2027-01-05 09:00")
	b=$(file "2027-01-05 09:00" "Parkir liar di depan toko")
	ADUAN_NOW="2027-01-05 11:00" run --separate-stderr aduan overdue
	[ "$status" -eq 1 ]
	[ "${#lines[@]}" -eq 2 ]
	[ "${lines[0]}" = "$a  step 2  Camat menerima warga  Camat: due 2027-01-05 10:00, late by 1h00m" ]
	[ "${lines[1]}" = "$b  step 2  Camat menerima warga  Camat: due 2027-01-05 10:00, late by 1h00m" ]
	[ "${#stderr_lines[@]}" -eq 1 ]
	[[ "$stderr" == "aduan overdue: warning: "*"2027"* ]]
	[[ "$stderr" == *"no holiday list for 2027"* ]]
	# A run with nothing newly late stays silent, warning included.
	ADUAN_NOW="2027-01-05 11:10" run --separate-stderr aduan overdue
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ -z "$stderr" ]
}

@test "a bad --within, --format or --role is a usage error, exit 2, nothing flagged" {
	id=$(file "2026-11-27 15:55")
	export ADUAN_NOW="2026-11-30 09:00"
	run aduan overdue --within "1 hari"
	[ "$status" -eq 2 ]
	[ "$output" = "aduan overdue: --within: '1 hari' is not a working time such as '30 menit' or '2 jam'; try 'aduan overdue --help'" ]
	run aduan overdue --within "lima menit"
	[ "$status" -eq 2 ]
	[[ "$output" == *"--within: 'lima menit' is not a working time"* ]]
	run aduan overdue --format xml
	[ "$status" -eq 2 ]
	[ "$output" = "aduan overdue: --format: 'xml' is not text, json or tsv; try 'aduan overdue --help'" ]
	run aduan overdue --role lurah
	[ "$status" -eq 2 ]
	[ "$output" = "aduan overdue: --role: 'lurah' is not a role of the SOP: give Warga, Para Pihak, Camat or Kasi Trantib; try 'aduan overdue --help'" ]
	run aduan overdue extra
	[ "$status" -eq 2 ]
	[[ "$output" == *"unexpected argument 'extra'"* ]]
	[ "$(nevents "$id" late)" -eq 0 ]
}

@test "aduan show marks a step done late, and --explain names the holiday skipped" {
	id=$(file "2026-08-14 16:00")
	ADUAN_NOW="2026-08-18 09:00" aduan assign "$id" --kepada Agus -q
	ADUAN_NOW="2026-08-18 09:05" run aduan show "$id"
	[ "$status" -eq 0 ]
	[[ "$output" == *"due 2026-08-18 08:00 (1 jam), LATE by 1h00m"* ]]
	[[ "$output" == *"due 2026-08-18 09:15 (15 menit), on time"* ]]
	ADUAN_NOW="2026-08-18 09:05" run aduan show --explain "$id"
	[ "$status" -eq 0 ]
	[[ "$output" == *"skipped 2026-08-15 (Sabtu): no office hours"* ]]
	[[ "$output" == *"skipped 2026-08-17 (Senin): libur nasional, Proklamasi Kemerdekaan RI"* ]]
	[[ "$output" == *"counted 30 min: 2026-08-18 07:30 to 08:00"* ]]
}

@test "aduan list --overdue lists only the late cases" {
	a=$(file "2026-11-27 15:55")
	b=$(file "2026-11-30 08:30" "Parkir liar di depan toko")
	export ADUAN_NOW="2026-11-30 09:00"
	run aduan list
	[ "$status" -eq 0 ]
	[[ "$output" == *"$a "* ]]
	[[ "$output" == *"$b "* ]]
	run aduan list --overdue
	[ "$status" -eq 0 ]
	[[ "$output" == *"$a "*"due 2026-11-30 07:55 LATE"* ]]
	[[ "$output" != *"$b"* ]]
	run aduan list --overdue --format tsv
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 1 ]
	[ "$(cut -f1 <<<"$output")" = "$a" ]
	[ "$(cut -f9 <<<"$output")" = "late" ]
}

@test "--mail groups the late steps by who must act, names the case, pelapor, perihal and what to run, flags once and exits 0" {
	ADUAN_NOW=2026-11-27T15:55:00+07:00
	new_case "Budi Santoso" "Kebisingan malam"
	a=$id
	walk_to 4
	b=$id
	plain aduan-koreksi -q "$b" --kepada "Joko Susilo" --alasan "nama lengkap"
	ADUAN_NOW=2026-12-01T10:00:00+07:00 run -0 --separate-stderr aduan overdue --mail
	[ "${lines[0]}" = "== Camat ==" ]
	[ "${lines[1]}" = "$a  Budi Santoso: Kebisingan malam" ]
	[ "${lines[2]}" = "  step 2 (Camat menerima warga): due 2026-11-30 07:55, late by 9h35m" ]
	[ "${lines[3]}" = "  run: aduan assign $a --kepada KEPADA" ]
	[[ "$output" == *$'KEPADA\n\n== Kasi Trantib (Joko Susilo) ==\n'* ]]
	[ "${lines[4]}" = "== Kasi Trantib (Joko Susilo) ==" ]
	[ "${lines[5]}" = "$b  Budi Santoso: Kebisingan malam hari" ]
	[ "${lines[7]}" = "  run: aduan panggil $b --pihak PIHAK --jadwal WAKTU" ]
	[ "$(last 6)" = late ]
	# Flagged: the next run is silent, and still not a failure.
	ADUAN_NOW=2026-12-01T10:10:00+07:00 run -0 aduan overdue --mail
	[ -z "$output" ]
	ADUAN_NOW=2026-12-01T10:10:00+07:00 run -0 aduan overdue --mail --all
	[ "${#lines[@]}" -eq 8 ]
	run -2 aduan overdue --mail --format tsv
	[ "$output" = "aduan overdue: --mail is a text for people: it does not go with --format; try 'aduan overdue --help'" ]
}
