#!/usr/bin/env bats
# aduan list's searches: the period of filing (--bulan, --dari, --sampai)
# or of closing (--ditutup), a text in the fields (--cari), the
# kelurahan (--kelurahan), one by one and together with --status,
# --outcome, --role and --overdue.

bats_require_minimum_version 1.5.0

load helper

# on WHEN CMD ARGS...: CMD run at WHEN (ADUAN_NOW), quiet.
on() {
	local when=$1
	shift
	ADUAN_NOW=$when plain "$@" -q
}

# Seven cases, recorded once for the file and copied into each test's own
# data directory by cases (WIB times; F the filing, C the closing):
#   0001  F Sat 28 Feb 23:59  Jagalan  "Parkir liar"; C Mon 2 Mar 08:00 dicabut,
#         with a note
#   0002  F Sun 1 Mar 00:00   Sentanan José Santoso, "Café buka sampai larut";
#         open, step 2 late
#   0003  F Tue 10 Mar 09:00  Meri     Budi Wiyono, corrected to Budi Wijoyo;
#         step 3 to Agus Setiawan, step 4's catatan, step 5's pihak;
#         C Tue 31 Mar 23:59 bukan-wewenang
#   0004  F Wed 25 Mar 10:00  Miji     "parkir  LIAR"; C Wed 1 Apr 00:00 ganda
#   0005  F Tue 31 Mar 23:59  Kranggan open, step 2 not yet due
#   0006  F Wed 1 Apr 00:00   (none)   open, step 2 not yet due
#   0007  F Mon 2 Mar 09:00   Meri     every step, the deliberation adjourned
#         once; C Fri 6 Mar 09:00 selesai
setup_file() {
	export ADUAN_DIR="$BATS_FILE_TMPDIR/cases" ADUAN_USER="Siti Aminah"
	local id
	on "2026-03-02 07:50" aduan-new --at "2026-02-28 23:59" --pelapor "Hadi Susanto" \
	    --lurah Suwarno --perihal "Parkir liar" --isi "Mobil menutup gang" \
	    --kelurahan Jagalan > /dev/null
	on "2026-03-02 08:00" aduan-close 2026-0001 --batal dicabut \
	    --catatan "Pelapor sudah berdamai"
	on "2026-03-02 07:55" aduan-new --at "2026-03-01 00:00" --pelapor "José Santoso" \
	    --lurah Winarno --perihal "Café buka sampai larut" --isi "Musik keras" \
	    --kelurahan Sentanan > /dev/null
	id=$(on "2026-03-10 09:00" aduan-new --pelapor "Budi Wiyono" --lurah Hendro \
	    --perihal "Sampah menumpuk" --isi "Bau busuk dari TPS" --kelurahan Meri)
	on "2026-03-10 09:30" aduan-assign "$id" --step 2
	on "2026-03-10 09:40" aduan-assign "$id" --kepada "Agus Setiawan"
	on "2026-03-11 09:00" aduan-panggil "$id" --step 4 --catatan "Saluran air tersumbat"
	on "2026-03-11 09:30" aduan-panggil "$id" --pihak "Pak RT 05" --jadwal "2026-03-13 09:00"
	on "2026-03-11 10:00" aduan-koreksi "$id" --pelapor "Budi Wijoyo" --alasan "Salah ketik"
	on "2026-04-01 08:00" aduan-close "$id" --batal bukan-wewenang --at "2026-03-31 23:59"
	id=$(on "2026-03-25 10:00" aduan-new --pelapor "Rina Marlina" --lurah Sugeng \
	    --perihal "parkir  LIAR" --isi "Truk di tikungan" --kelurahan Miji)
	on "2026-04-01 08:05" aduan-close "$id" --batal ganda --at "2026-04-01 00:00"
	on "2026-04-01 07:40" aduan-new --at "2026-03-31 23:59" --pelapor "Sri Wahyuni" \
	    --lurah Sukardi --perihal "Lampu jalan padam" --isi "Gelap" \
	    --kelurahan Kranggan > /dev/null
	on "2026-04-01 07:45" aduan-new --at "2026-04-01 00:00" --pelapor "Eko Prasetyo" \
	    --lurah Sugeng --perihal "Pohon tumbang" --isi "Menutup jalan" > /dev/null
	id=$(on "2026-03-02 09:00" aduan-new --pelapor "Dewi Lestari" --lurah Hendro \
	    --perihal "Kebisingan malam hari" --isi "Karaoke sampai pagi" --kelurahan Meri)
	[ "$id" = 2026-0007 ]
	on "2026-03-02 09:20" aduan-assign "$id" --step 2
	on "2026-03-02 09:30" aduan-assign "$id" --kepada "Agus Setiawan"
	on "2026-03-03 09:00" aduan-panggil "$id" --step 4
	on "2026-03-03 09:30" aduan-panggil "$id" --pihak "Pemilik karaoke" --jadwal "2026-03-05 10:00"
	on "2026-03-05 10:10" aduan-panggil "$id" --hadir
	on "2026-03-05 10:15" aduan-musyawarah "$id" --tunda --jadwal "2026-03-05 10:25" \
	    --alasan "Menunggu Ketua RT"
	on "2026-03-05 10:30" aduan-musyawarah "$id" --step 7
	on "2026-03-05 10:40" aduan-musyawarah "$id" --hasil sepakat
	on "2026-03-06 09:00" aduan-close "$id"
}

cases() {
	cp -a "$BATS_FILE_TMPDIR/cases" "$ADUAN_DIR"
	# After the last event: 0002's step 2 is late, 0005's and 0006's not.
	export ADUAN_NOW=2026-04-01T08:10:00+07:00
}

# ids ARGS...: the IDs aduan list ARGS --format tsv prints, on one line.
ids() {
	run --separate-stderr aduan list "$@" --format tsv
	[ "$status" -eq 0 ] || { echo "aduan list $*: exit $status: $stderr"; return 1; }
	[ -z "$stderr" ] || { echo "aduan list $*: $stderr"; return 1; }
	cut -f1 <<<"$output" | tr '\n' ' ' | sed 's/ $//'
}

# is WANT ARGS...: aduan list ARGS gives the cases WANT ("0002 0005",
# "" for none).
is() {
	local want=$1 got n
	shift
	got=$(ids "$@") || { echo "$got"; return 1; }
	want=$(for n in $want; do printf '2026-%s ' "$n"; done | sed 's/ $//')
	[ "$got" = "$want" ] || { echo "aduan list $*: '$got', not '$want'"; return 1; }
}

@test "--bulan keeps the cases filed in the month, from its first second to its last in Asia/Jakarta" {
	cases
	# 0001 at 23:59 on 28 February, 0002 at 00:00 on 1 March; 0005 at
	# 23:59 on 31 March, 0006 at 00:00 on 1 April.
	is "0002 0003 0004 0005 0007" --status all --bulan 2026-03
	is 0001 --status all --bulan 2026-02
	is 0006 --status all --bulan 2026-04
	# Whatever the time zone of the system: 1 April 00:00 WIB is 31 March
	# in UTC and in New York.
	for tz in UTC America/New_York Asia/Tokyo; do
		TZ=$tz is "0002 0003 0004 0005 0007" --status all --bulan 2026-03 ||
		    { echo "TZ=$tz"; false; }
	done
	# The default status still holds: the open ones of the month.
	is "0002 0005" --bulan 2026-03
}

@test "a month written 2026-03, 3-2026, Maret 2026 in any case; a day or a year as --bulan" {
	cases
	for m in 2026-03 3-2026 03-2026 2026/03 "Maret 2026" "maret 2026" "MARET 2026"; do
		is "0002 0003 0004 0005 0007" --status all --bulan "$m" || { echo "--bulan $m"; false; }
	done
	is 0005 --status all --bulan 2026-03-31
	is 0005 --status all --bulan 31-3-2026
	is 0002 --status all --bulan 1-3-2026
	is "0001 0002 0003 0004 0005 0006 0007" --status all --bulan 2026
	is "" --status all --bulan 2025
}

@test "--dari and --sampai: each a day, a month or a year, --sampai to the end of its day" {
	cases
	is "0005 0006" --status all --dari 2026-03-31
	is "0001 0002 0003 0004 0005 0007" --status all --sampai 2026-03-31
	is 0005 --status all --dari 2026-03-31 --sampai 2026-03-31
	is 0001 --status all --sampai 28-2-2026
	is 0001 --status all --sampai 2026-02
	is "0002 0003 0004 0005 0007" --status all --dari 2026-03 --sampai 2026-03
	is "0002 0003 0004 0005 0007" --status all --dari "Maret 2026" --sampai 31-3-2026
	is "0003 0004 0005" --status all --dari 2026-03-10 --sampai 2026-03-31
	is 0006 --status all --dari 2026-04-01 --sampai 2026
}

@test "--ditutup: the period is of the closing date, and the cases closed in it" {
	cases
	# 0001 filed in February and closed on 2 March; 0003 closed at 23:59
	# on 31 March; 0007 on 6 March; not 0004, closed at 00:00 on 1 April.
	is "0001 0003 0007" --bulan 2026-03 --ditutup
	is 0004 --bulan 2026-04 --ditutup
	is "" --bulan 2026-02 --ditutup
	is 0003 --dari 2026-03-31 --sampai 2026-03-31 --ditutup
	is "0001 0007" --dari 2026-03-01 --sampai 2026-03-06 --ditutup
	# An open case has no closing date, whatever --status asks.
	is "0001 0003 0007" --bulan 2026-03 --ditutup --status all
	is "" --bulan 2026-03 --ditutup --status open
	is 0007 --bulan 2026-03 --ditutup --status selesai
	# Without a period: the closed cases.
	is "0001 0003 0004 0007" --ditutup
}

@test "--cari finds a text in any field recorded: pelapor, perihal, isi, kepada, catatan, pihak, a note, a reason" {
	cases
	is 0001 --status all --cari Hadi
	is 0003 --status all --cari "Sampah menumpuk"
	is 0003 --status all --cari tps
	is "0003 0007" --status all --cari "agus setiawan"
	is 0003 --status all --cari tersumbat
	is 0003 --status all --cari "pak rt 05"
	is 0007 --status all --cari karaoke
	# What a cancellation and an adjournment record.
	is 0001 --status all --cari berdamai
	is 0007 --status all --cari "ketua rt"
	is "" --status all --cari banjir
	# Not in a time nor in a flag: jadwal and hadir are not text.
	is "" --status all --cari 2026-03-13
	is "" --status all --cari ya
}

@test "--cari ignores case, accents and runs of spaces, in the text and in what is asked" {
	cases
	for q in jose JOSE José JOSÉ "josé  santoso"; do
		is 0002 --status all --cari "$q" || { echo "--cari $q"; false; }
	done
	is 0002 --status all --cari CAFE
	is 0002 --status all --cari café
	# "Parkir liar" and "parkir  LIAR" alike.
	is "0001 0004" --status all --cari "parkir liar"
	is "0001 0004" --status all --cari "PARKIR   LIAR"
	is "0001 0004" --status all --cari "Parkír"
}

@test "--cari finds a value given by a correction, and the value it replaced, which stays in the log" {
	cases
	is 0003 --status all --cari Wijoyo
	is 0003 --status all --cari wiyono
	# The list shows the pelapor as corrected.
	run aduan list --status all --cari wiyono --format tsv
	[ "$(cut -f3 <<<"$output")" = "Budi Wijoyo" ]
}

@test "--kelurahan in any case; one not of the SOP refused, the six named" {
	cases
	for k in Meri meri MERI mErI; do
		is "0003 0007" --status all --kelurahan "$k" || { echo "--kelurahan $k"; false; }
	done
	is "" --status all --kelurahan Jagalan --bulan 2026-03
	is 0001 --status all --kelurahan jagalan
	run --separate-stderr aduan list --kelurahan Mars
	[ "$status" -eq 2 ]
	[ -z "$output" ]
	[ "$stderr" = "aduan list: --kelurahan: 'Mars' is not a kelurahan of the SOP: give Jagalan, Kranggan, Meri, Miji, Purwotengah or Sentanan; try 'aduan list --help'" ]
}

@test "the filters together, and with --status, --outcome, --role and --overdue" {
	cases
	is "0003 0007" --status all --bulan 2026-03 --kelurahan meri
	is "" --bulan 2026-03 --kelurahan meri
	is 0004 --status all --bulan 2026-03 --cari parkir
	is 0004 --status all --cari parkir --outcome ganda
	is 0001 --status dicabut --cari parkir
	is "0002 0005" --bulan 2026-03 --role camat
	is 0006 --bulan 2026-04 --role Camat
	# 0002's step 2 was due on 2 March; 0005's is due at 08:30 today.
	is 0002 --bulan 2026-03 --overdue
	is 0002 --bulan 2026-03 --overdue --role camat --kelurahan sentanan --cari jose
	is "" --bulan 2026-03 --overdue --kelurahan kranggan
	is 0007 --bulan 2026-03 --ditutup --outcome selesai
	is 0001 --bulan 2026-03 --ditutup --kelurahan jagalan
	is "0003 0007" --bulan 2026-03 --ditutup --cari "agus setiawan"
	is 0003 --dari 2026-03-10 --sampai 2026-03-31 --ditutup --cari "pak rt" --kelurahan MERI
}

@test "a bad day, month or year is refused, exit 2, the option named" {
	cases
	local a
	for a in "--bulan|2026-13" "--bulan|26-03" "--bulan|1969" "--bulan|Maret" \
	    "--bulan|Maretz 2026" "--dari|2026-02-30" "--sampai|32-1-2026" "--dari|" \
	    "--sampai|2026-3-5"; do
		run --separate-stderr aduan list "${a%%|*}" "${a#*|}"
		[ "$status" -eq 2 ] || { echo "$a: exit $status"; false; }
		[ -z "$output" ]
		[ "$stderr" = "aduan list: ${a%%|*}: '${a#*|}' is not a day, a month or a year: write 2026-03-05 or 5-3-2026, 2026-03 or Maret 2026, or 2026; try 'aduan list --help'" ] ||
		    { echo "$a: $stderr"; false; }
	done
}

@test "--sampai before --dari, and --bulan with --dari or --sampai, are refused, exit 2" {
	cases
	run --separate-stderr aduan list --dari 2026-03-10 --sampai 2026-03-09
	[ "$status" -eq 2 ]
	[ "$stderr" = "aduan list: --sampai 2026-03-09 is before --dari 2026-03-10: nothing can be in between; try 'aduan list --help'" ]
	run --separate-stderr aduan list --dari 2026-04 --sampai 2026-03
	[ "$status" -eq 2 ]
	[[ "$stderr" == "aduan list: --sampai 2026-03 is before --dari 2026-04"* ]]
	run --separate-stderr aduan list --bulan 2026-03 --sampai 2026-03-31
	[ "$status" -eq 2 ]
	[[ "$stderr" == "aduan list: --bulan is a period of its own"* ]]
	# One day from itself to itself is a period.
	is 0005 --status all --dari 31-3-2026 --sampai 2026-03-31
}

@test "a filtered list prints the rows of the unfiltered one, in TSV and in JSON" {
	cases
	run --separate-stderr aduan list --status all --format tsv
	all=$output
	# aduan-list(1): the seven documented fields first.
	[ -z "$(awk -F'\t' 'NF < 7' <<<"$all")" ]
	run --separate-stderr aduan list --status all --bulan 2026-03 --kelurahan meri --format tsv
	[ "$status" -eq 0 ]
	[ "$output" = "$(grep -E '^2026-000[37]' <<<"$all")" ]
	[ "$(cut -f1-7 <<<"${lines[0]}")" = $'2026-0003\t2026-03-10T09:00:00+07:00\tBudi Wijoyo\tSampah menumpuk\tbukan-wewenang\t\t' ]
	run --separate-stderr aduan list --bulan 2026-03 --format tsv
	[ "$output" = "$(grep -E '^2026-000[25]' <<<"$all")" ]
	[ "$(cut -f1-7 <<<"${lines[1]}")" = $'2026-0005\t2026-03-31T23:59:00+07:00\tSri Wahyuni\tLampu jalan padam\topen\t2\tcamat' ]
	run --separate-stderr aduan list --status all --format json
	alljson=$output
	run --separate-stderr aduan list --status all --ditutup --bulan 2026-03 --cari agus --format json
	[ "$status" -eq 0 ]
	[ "$(jq -c . <<<"$output")" = "$(jq -c 'map(select(.id == "2026-0003" or .id == "2026-0007"))' <<<"$alljson")" ]
	[ "$(jq -c 'map(keys)' <<<"$output")" = "$(jq -c 'map(keys) | .[:2]' <<<"$alljson")" ]
	run --separate-stderr aduan list --cari nothing-like-it --format json
	[ "$output" = "[]" ]
}

@test "the text list with a period: the header and the matching cases" {
	cases
	run --separate-stderr aduan list --bulan "Maret 2026"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 3 ]
	[[ "${lines[0]}" == "ID"*"FILED"*"PELAPOR"*"PERIHAL"*"STATUS"*"NEXT" ]]
	[[ "${lines[1]}" == "2026-0002  2026-03-01 00:00 José Santoso"*"2 Camat"* ]]
	[[ "${lines[2]}" == "2026-0005  2026-03-31 23:59 Sri Wahyuni"*"2 Camat"* ]]
}

@test "--cari finds the reason of a summons again (ulang), and never a time: the data of doing a step again is searched as the step's" {
	load workflow
	walk_to 6
	plain aduan-panggil -q "$id" --ulang --pihak "Pak RT" --jadwal "2026-03-04 10:00" \
	    --alasan "Pak Darto tidak datang"
	run -0 aduan list --cari "tidak DATANG" --format tsv
	[ "$(cut -f1 <<<"$output")" = "$id" ]
	# The appointment is a time: not searched, as step 5's is not.
	run -0 aduan list --cari "2026-03-04" --format tsv
	[ -z "$output" ]
}
