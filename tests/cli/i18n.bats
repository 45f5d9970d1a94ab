#!/usr/bin/env bats
# The messages in Indonesian: the catalog po/id.po complete and in step
# with the sources, the commands of the tree (and installed ones) speaking
# Indonesian under an Indonesian locale and English under C, and what
# scripts read (TSV, JSON, the new ID) the same bytes in every language.
#
# Indonesian is asked for as LANGUAGE=id under the C.UTF-8 locale, which
# glibc always has (id_ID.UTF-8 needs the locales package); helper.bash
# keeps every other test in English.

load helper
load workflow

MO="$top/po/locale/id/LC_MESSAGES/aduan.mo"

# needs_catalog: skip unless the tree's catalog is built and C.UTF-8 is
# there to ask for it under.
needs_catalog() {
	[ -f "$MO" ] ||
		skip "po/locale/id/LC_MESSAGES/aduan.mo not built (make needs msgfmt, package gettext)"
	locale -a 2>/dev/null | grep -qix 'c\.utf-\?8' ||
		skip "no C.UTF-8 locale to run under"
}

# needs_tools TOOL...: skip unless gettext's tools are installed.
needs_tools() {
	local t
	for t in "$@"; do
		command -v "$t" >/dev/null ||
			skip "$t is missing (install the package gettext)"
	done
}

# in_id CMD...: CMD in Indonesian; in_c CMD...: CMD in the C locale.
in_id() {
	LC_ALL=C.UTF-8 LANGUAGE=id "$@"
}
in_c() {
	LC_ALL=C LANGUAGE=id "$@"
}

# usage_lines PREFIX PROG: the usage lines of PROG --help (as run, under
# the caller's locale), the first without PREFIX, blanks at the start of
# the others removed.
usage_lines() {
	"$top/cmd/$2" --help | awk -v pre="$1" -v name="$2" '
	    NR == 1 { if (index($0, pre) == 1) { print substr($0, length(pre) + 1); next } exit }
	    { sub(/^[ \t]+/, "") }
	    index($0, name " ") == 1 { print; next }
	    { exit }'
}

@test "a step out of order is refused in Indonesian, with the command to run" {
	needs_catalog
	walk_to 5
	snap
	in_id run aduan musyawarah "$id" --hasil sepakat
	[ "$status" -eq 4 ]
	[ "$output" = "aduan musyawarah: $id: langkah 5 (Para pihak dipanggil) belum dicatat; jalankan: aduan panggil $id --pihak PIHAK --jadwal WAKTU" ]
	unchanged
}

@test "the same refusal stays English under LC_ALL=C" {
	needs_catalog
	walk_to 5
	in_c run aduan musyawarah "$id" --hasil sepakat
	[ "$status" -eq 4 ]
	[ "$output" = "aduan musyawarah: $id: step 5 (Para pihak dipanggil) has not been recorded; run: aduan panggil $id --pihak PIHAK --jadwal WAKTU" ]
}

@test "a missing kelengkapan is named in Indonesian, and nothing is written" {
	needs_catalog
	in_id run aduan new --pelapor "Budi Santoso" --perihal "Pagar" --isi "Pagar tetangga"
	[ "$status" -eq 4 ]
	[ "$output" = "aduan new: langkah 1 (Warga datang membawa aduan) memerlukan --lurah LURAH (Lurah pendamping); tidak ada yang dicatat" ]
	[ ! -e "$ADUAN_DIR/open" ] || [ -z "$(ls -A "$ADUAN_DIR/open")" ]
}

@test "verify words a broken header once in Indonesian, and keeps the TSV English" {
	needs_catalog
	new_case
	sed -i '1s/^aduan-log/xduan-log/' "$log"
	run --separate-stderr in_id aduan verify
	[ "$status" -eq 1 ]
	[ "${lines[0]}" = "$id: kepala berkas pada baris 1: bukan baris pembuka log aduan" ]
	run --separate-stderr in_id aduan verify --format tsv
	[ "${lines[0]}" = "$id	header	1	0	not an aduan case log header" ]
}

@test "a usage error is Indonesian, and English under LC_ALL=C" {
	needs_catalog
	in_id run aduan assign
	[ "$status" -eq 2 ]
	[ "$output" = "aduan assign: aduan yang mana? sebutkan nomornya, misalnya 2026-0042; lihat 'aduan assign --help'" ]
	in_c run aduan assign
	[ "$status" -eq 2 ]
	[ "$output" = "aduan assign: which case? give its ID, e.g. 2026-0042; try 'aduan assign --help'" ]
	in_id run aduan show 2026-42
	[ "$status" -eq 2 ]
	[ "$output" = "aduan show: '2026-42' bukan nomor aduan; nomor aduan berbentuk 2026-0042 (tahun, tanda hubung, nomor urut), atau KRG-2026-0042 dengan kode kantor" ]
}

@test "an unknown option prints the usage in Indonesian" {
	needs_catalog
	in_id run --separate-stderr aduan show --tidak-ada
	[ "$status" -eq 2 ]
	grep -q '^penggunaan: aduan show \[-hV\]' <<<"$stderr"
}

@test "--help says 'penggunaan:' and the rest of each usage line is the English one" {
	needs_catalog
	for prog in aduan $(cd "$top/cmd" && ls aduan-* | grep -v '\.[co]$'); do
		en=$(in_c usage_lines "usage: " "$prog")
		id=$(in_id usage_lines "penggunaan: " "$prog")
		[ -n "$en" ] || { echo "$prog: no English usage line"; false; }
		[ "$id" = "$en" ] || {
			echo "$prog: the Indonesian usage differs beyond 'penggunaan:'"
			diff <(echo "$en") <(echo "$id")
			false
		}
	done
}

@test "aduan help lists the commands in Indonesian" {
	needs_catalog
	in_id run "$top/cmd/aduan" help
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "penggunaan: aduan [--help] [--version] command [argument ...]" ]
	[ "${lines[1]}" = "Daftar perintah:" ]
	grep -qx '   musyawarah   musyawarah dan hasilnya, atau menunda musyawarah (langkah 7-8)' <<<"$output"
	in_id run "$top/cmd/aduan" lsit
	[ "$status" -eq 2 ]
	[ "$output" = "aduan: 'lsit' bukan perintah aduan; maksud Anda 'list'? lihat 'aduan help'" ]
}

@test "TSV, JSON and the new ID are the same bytes in Indonesian and in C" {
	needs_catalog
	t=$BATS_TEST_TMPDIR
	new_case "Siti Aminah" "Saluran air tersumbat"
	other=$id
	walk_to 7
	id2=$(in_id aduan new --pelapor "Budi" --lurah "Lurah Kranggan" \
	    --perihal "Parkir liar" --isi "Mobil parkir di depan pagar" 2>/dev/null)
	[[ "$id2" =~ ^2026-[0-9]{4}$ ]]
	export ADUAN_NOW="2026-03-05T10:00:00+07:00"
	for lang in c id; do
		in_$lang aduan show --format json "$id" > "$t/show.json.$lang"
		in_$lang aduan show --format tsv "$id" > "$t/show.tsv.$lang"
		in_$lang aduan list --format tsv --status all > "$t/list.tsv.$lang"
		in_$lang aduan list --format json --status all > "$t/list.json.$lang"
		in_$lang aduan overdue --all --format tsv > "$t/overdue.tsv.$lang" || [ $? -eq 1 ]
		in_$lang aduan overdue --all --format json > "$t/overdue.json.$lang" || [ $? -eq 1 ]
		in_$lang aduan verify --format tsv > "$t/verify.tsv.$lang"
		in_$lang aduan sop --format json > "$t/sop.json.$lang"
	done
	for f in show.json show.tsv list.tsv list.json overdue.tsv overdue.json verify.tsv sop.json; do
		[ -s "$t/$f.c" ] || { echo "$f: empty"; false; }
		cmp "$t/$f.c" "$t/$f.id" || { echo "$f differs with the language"; false; }
	done
	[ "$(wc -l < "$t/list.tsv.c")" -eq 3 ]
	grep -q "^$other"$'\t' "$t/overdue.tsv.c"
	# ... while the text for people did change language.
	in_id aduan list | grep -q '^ID  *DIAJUKAN '
	in_c aduan list | grep -q '^ID  *FILED '
}

@test "the catalog has every message translated, none fuzzy, formats checked" {
	needs_tools msgfmt
	run msgfmt --statistics --check -o /dev/null "$top/po/id.po"
	[ "$status" -eq 0 ]
	[[ "$output" =~ ^[0-9]+\ translated\ messages\.$ ]] || {
		echo "not every message is translated: $output"
		false
	}
	grep -q '^"Language: id\\n"$' "$top/po/id.po"
	grep -q '^"Plural-Forms: nplurals=1; plural=0;\\n"$' "$top/po/id.po"
}

@test "po/aduan.pot and po/id.po hold exactly the messages of the sources" {
	needs_tools msgfmt xgettext msgcmp
	# The keywords of 'make pot'; only the msgids are compared.
	(cd "$top" && xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ \
	    -o "$BATS_TEST_TMPDIR/src.pot" lib/*.c cmd/*.c cmd/cli.h)
	run msgcmp --use-untranslated "$top/po/aduan.pot" "$BATS_TEST_TMPDIR/src.pot"
	[ "$status" -eq 0 ] || { echo "po/aduan.pot is out of date: run make pot"; echo "$output"; false; }
	run msgcmp --use-untranslated "$BATS_TEST_TMPDIR/src.pot" "$top/po/aduan.pot"
	[ "$status" -eq 0 ] || { echo "po/aduan.pot has messages the sources lost: run make pot"; echo "$output"; false; }
	run msgcmp "$top/po/id.po" "$BATS_TEST_TMPDIR/src.pot"
	[ "$status" -eq 0 ] || { echo "po/id.po lacks a translation: make pot, then translate"; echo "$output"; false; }
}

@test "installed commands find the installed catalog" {
	needs_tools msgfmt
	needs_catalog
	src="$BATS_TEST_TMPDIR/src"
	p="$BATS_TEST_TMPDIR/prefix"
	mkdir -p "$src"
	(cd "$top" && tar cf - Makefile debian/changelog cmd/*.c cmd/*.h lib/*.c lib/*.h sop man po/*.po completion) |
		(cd "$src" && tar xf -)
	make -C "$src" -s install PREFIX="$p" >/dev/null
	[ -f "$p/share/locale/id/LC_MESSAGES/aduan.mo" ]
	rm -rf "$src"
	PATH=/usr/bin:/bin in_id run "$p/bin/aduan" show 2026-42
	[ "$status" -eq 2 ]
	[ "$output" = "aduan show: '2026-42' bukan nomor aduan; nomor aduan berbentuk 2026-0042 (tahun, tanda hubung, nomor urut), atau KRG-2026-0042 dengan kode kantor" ]
	PATH=/usr/bin:/bin in_c run "$p/bin/aduan" show 2026-42
	[ "$output" = "aduan show: '2026-42' is not a case ID; an ID looks like 2026-0042 (year, hyphen, number), or KRG-2026-0042 with the office's code" ]
}

@test "in Indonesian, times read Senin, 30 Nov 2026 07.55, lateness in working days, hours and minutes, columns aligned by display width" {
	needs_catalog
	ADUAN_NOW="2026-11-27T15:55:00+07:00" plain aduan-new -q --pelapor "Budi Santoso" --lurah L --perihal "Kebisingan" --isi x >/dev/null
	ADUAN_NOW="2026-11-27T15:55:00+07:00" in_id run -0 aduan close 2026-0001 --batal bukan-wewenang -q
	ADUAN_NOW="2026-11-27T15:55:00+07:00" plain aduan-new -q --pelapor "Siti Ñoño" --lurah L --perihal "Parkir" --isi x >/dev/null
	ADUAN_NOW="2026-12-03T10:00:00+07:00" in_id run -1 aduan overdue --all
	[ "$output" = "2026-0002  langkah 2  Camat menerima warga  Camat: batas waktu Senin, 30 Nov 2026 07.55, terlambat 3 hari 2 jam 5 menit" ]
	ADUAN_NOW="2026-12-03T10:00:00+07:00" in_id run -0 aduan list --status all
	[ "${lines[1]}" = "2026-0001  Jumat, 27 Nov 2026 15.55  Budi Santoso         Kebisingan                   bukan-wewenang" ]
	[ "${lines[2]}" = "2026-0002  Jumat, 27 Nov 2026 15.55  Siti Ñoño            Parkir                       diproses       2 Camat, batas waktu Senin, 30 Nov 2026 07.55 TERLAMBAT" ]
	ADUAN_NOW="2026-12-03T10:00:00+07:00" in_id run -0 aduan show 2026-0002
	[[ "$output" == *"  1. selesai Jumat, 27 Nov 2026 15.55  Petugas Uji    Warga datang membawa aduan"* ]]
	[[ "$output" == *"  2. berikut                           Camat          Camat menerima warga"* ]]
	# Scripts read the same bytes in any language.
	[ "$(in_id aduan list --status all --format tsv)" = "$(LC_ALL=C aduan list --status all --format tsv)" ]
}
