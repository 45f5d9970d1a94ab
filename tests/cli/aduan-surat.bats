#!/usr/bin/env bats
# aduan surat: the letters the SOP names, printed from a case as A4 PDF;
# each numbered once in the register and recorded in the case's log with
# the SHA-256 of the file, which aduan verify --surat finds again.

bats_require_minimum_version 1.5.0

load helper
load workflow

# The cases of setup_file, by the IDs a fresh data directory gives them.
SELESAI=2026-0001	# closed selesai: steps 1-8 and 10
JALUR=2026-0002		# closed jalur-hukum: steps 1-9
AT4=2026-0003		# steps 1-4 done: waits for the summons (step 5)
AT5=2026-0004		# steps 1-5 done: the parties summoned
HOSTILE=2026-0005	# hostile values, steps 1-8 (sepakat)
PERIHAL="Pagar tetangga melewati batas tanah"
# The name aduan surat's messages start with.  aduan names the program it
# runs "aduan surat", as typed; under make valgrind, tests/tools/vg-wrap
# runs cmd/aduan-surat by its path, and the name is its file's.
prog="aduan surat"
[ -z "${ADUAN_VALGRIND:-}" ] || prog=aduan-surat

# real_case LAST [tidak-sepakat]: files the case of Bambang Sutrisno at
# the desk and records it, each step at its own time, through step LAST
# (4, 5, or 10 for a case closed selesai; 9 with tidak-sepakat, closed
# jalur-hukum).  The times are told apart in the letters: filed Senin
# 23 Februari 09.15, the parties summoned for Senin 2 Maret 10.00, the
# deliberation at 11.30 that day, its result on 3 Maret, closed 5 Maret.
real_case() {
	local last=$1 hasil=${2:-sepakat}
	id=$(ADUAN_NOW="2026-02-23 09:15" plain aduan-new -q \
	    --pelapor "Bambang Sutrisno" --lurah "Sugeng Riyadi" \
	    --perihal "$PERIHAL" \
	    --isi "Pagar tembok milik tetangga dibangun sekitar satu meter masuk ke pekarangan pelapor" \
	    --alamat "Jalan Empu Nala Gang II No. 7, RT 02 RW 03" \
	    --kelurahan Sentanan) || return 1
	ADUAN_NOW="2026-02-23 10:30" plain aduan-assign -q "$id" --step 2 &&
	ADUAN_NOW="2026-02-24 08:30" plain aduan-assign -q "$id" \
	    --kepada "Agus Setiawan" &&
	ADUAN_NOW="2026-02-25 09:00" plain aduan-panggil -q "$id" --step 4 ||
	    return 1
	[ "$last" -le 4 ] && return 0
	ADUAN_NOW="2026-02-26 09:00" plain aduan-panggil -q "$id" --step 5 \
	    --pihak "Bambang Sutrisno" --pihak "Hartono" \
	    --jadwal "2026-03-02 10:00" || return 1
	[ "$last" -le 5 ] && return 0
	ADUAN_NOW="2026-03-02 10:05" plain aduan-panggil -q "$id" --hadir &&
	ADUAN_NOW="2026-03-02 11:30" plain aduan-musyawarah -q "$id" --step 7 \
	    --catatan "Letak patok batas dibahas bersama" || return 1
	if [ "$hasil" = sepakat ]; then
		ADUAN_NOW="2026-03-03 09:00" plain aduan-musyawarah -q "$id" \
		    --hasil sepakat \
		    --catatan "Pagar dibongkar dan dibangun ulang di batas patok" &&
		ADUAN_NOW="2026-03-05 09:00" plain aduan-close -q "$id"
	else
		ADUAN_NOW="2026-03-03 09:00" plain aduan-musyawarah -q "$id" \
		    --hasil tidak-sepakat &&
		ADUAN_NOW="2026-03-04 13:00" plain aduan-close -q "$id" \
		    --catatan "Pelapor akan mengajukan gugatan ke Pengadilan Negeri Mojokerto"
	fi
}

# The cases, recorded once for the file and copied into each test's own
# fresh data directory by cases: no letter printed yet.
setup_file() {
	export ADUAN_DIR="$BATS_FILE_TMPDIR/kasus" ADUAN_USER=Siti
	local perihal isi
	real_case 10
	[ "$id" = "$SELESAI" ]
	real_case 9 tidak-sepakat
	[ "$id" = "$JALUR" ]
	real_case 4
	[ "$id" = "$AT4" ]
	real_case 5
	[ "$id" = "$AT5" ]
	# Markup, right-to-left script, and values of 3000 characters.
	perihal=$(printf 'Perihal yang sangat panjang %.0s' $(seq 108))
	isi=$(printf 'Isi aduan yang sangat panjang sekali %.0s' $(seq 82))
	id=$(plain aduan-new -q --pelapor '<b>&amp;</b> & "x"' \
	    --lurah "محمد العربي" --perihal "${perihal:0:3000}" \
	    --isi "${isi:0:3000}")
	[ "$id" = "$HOSTILE" ]
	plain aduan-assign -q "$id" --step 2
	plain aduan-assign -q "$id" --kepada "Kasi Trantib"
	plain aduan-panggil -q "$id" --step 4
	plain aduan-panggil -q "$id" --pihak "سيتي" --pihak "<i>Tono</i> & Co" \
	    --jadwal "$JADWAL"
	plain aduan-panggil -q "$id" --hadir
	plain aduan-musyawarah -q "$id" --step 7
	plain aduan-musyawarah -q "$id" --hasil sepakat
}

cases() {
	cp -a "$BATS_FILE_TMPDIR/kasus" "$ADUAN_DIR"
	mkdir "$BATS_TEST_TMPDIR/out"
	cd "$BATS_TEST_TMPDIR/out" || return 1
}

# words PDF: the text of the letter, every run of blanks and line ends
# one space, so that a sentence wrapped over lines reads whole.
words() {
	pdftotext -layout "$1" - | tr -s ' \n\f' ' '
}

# a4 PDF PAGES: the file is A4, of that many pages, every font embedded.
a4() {
	local info
	info=$(pdfinfo "$1") || return 1
	grep -qx 'Page size: *595.276 x 841.89 pts (A4)' <<<"$info" ||
	    { echo "$1: not A4: $info"; return 1; }
	grep -qx "Pages: *$2" <<<"$info" ||
	    { echo "$1: not $2 pages: $info"; return 1; }
	embedded "$1"
}

# embedded PDF: pdffonts lists fonts, and every one is embedded (emb yes;
# read from the right, a type may hold a space).
embedded() {
	local fonts
	fonts=$(pdffonts "$1" | tail -n +3) || return 1
	[ -n "$fonts" ] || { echo "$1: no fonts"; return 1; }
	awk '$(NF - 4) != "yes" { print "not embedded: " $0; bad = 1 }
	    END { exit bad }' <<<"$fonts"
}

# pages PDF: its number of pages.
pages() {
	pdfinfo "$1" | awk '/^Pages:/ { print $2 }'
}

# register: the register of letters, one "FILE: case jenis key" a line.
register() {
	local f
	[ -d "$ADUAN_DIR/surat" ] || return 0
	for f in "$ADUAN_DIR"/surat/*; do
		[ -e "$f" ] && echo "${f##*/}: $(tr '\t' ' ' < "$f")"
	done
	return 0
}

@test "the five letters from walked cases: their words in Indonesian, A4, fonts embedded, numbered in order in the register" {
	cases
	log=$ADUAN_DIR/closed/$SELESAI.log
	ADUAN_NOW="2026-02-23 09:20" run -0 --separate-stderr aduan surat tanda-terima "$SELESAI"
	[ "$output" = "$SELESAI-tanda-terima.pdf" ]
	[ "$stderr" = "$prog: $SELESAI: Tanda Terima Pengaduan 300.1/1/417.515/2026 numbered and recorded" ]
	w=$(words "$SELESAI-tanda-terima.pdf")
	[[ "$w" == *"PEMERINTAH KOTA MOJOKERTO KECAMATAN KRANGGAN Jalan Panglima Sudirman No. 40, Kota Mojokerto"* ]]
	[[ "$w" == *"TANDA TERIMA PENGADUAN Nomor: 300.1/1/417.515/2026 "* ]]
	[[ "$w" == *"Telah diterima pengaduan masyarakat pada Senin, 23 Februari 2026 pukul 09.15 WIB, dengan keterangan"* ]]
	[[ "$w" == *"Nomor pengaduan : $SELESAI Nama pelapor : Bambang Sutrisno Alamat : Jalan Empu Nala Gang II No. 7, RT 02 RW 03 Kelurahan : Sentanan Didampingi Lurah : Sugeng Riyadi Perihal : $PERIHAL "* ]]
	[[ "$w" == *"menyebut nomor pengaduan $SELESAI. Mojokerto, 23 Februari 2026 Yang menerima, Petugas penerima pengaduan"* ]]
	a4 "$SELESAI-tanda-terima.pdf" 1
	[ "$(last 6)/$(last 5)" = surat/1 ]
	[ "$(kv "$(events)" surat-nomor)" = 300.1/1/417.515/2026 ]

	# The summons: one for each party, each its own number.
	ADUAN_NOW="2026-02-26 10:00" run -0 --separate-stderr aduan surat panggilan "$SELESAI"
	[ "$output" = "$SELESAI-panggilan-1.pdf"$'\n'"$SELESAI-panggilan-2.pdf" ]
	[ "${stderr_lines[0]}" = "$prog: $SELESAI: Surat Panggilan 300.1/2/417.515/2026 for Bambang Sutrisno numbered and recorded" ]
	[ "${stderr_lines[1]}" = "$prog: $SELESAI: Surat Panggilan 300.1/3/417.515/2026 for Hartono numbered and recorded" ]
	for n in 1 2; do
		w=$(words "$SELESAI-panggilan-$n.pdf")
		[[ "$w" == *"Mojokerto, 26 Februari 2026 Nomor : 300.1/$((n + 1))/417.515/2026 Sifat : Penting Lampiran : - Hal : Panggilan "* ]]
		[[ "$w" == *"Dalam rangka penyelesaian pengaduan masyarakat nomor $SELESAI perihal $PERIHAL, dengan hormat kami minta Saudara hadir pada:"* ]]
		[[ "$w" == *"Hari : Senin Tanggal : 2 Maret 2026 Pukul : 10.00 WIB Tempat : Kantor Kecamatan Kranggan, Jalan Panglima Sudirman No. 40, Kota Mojokerto"* ]]
		[[ "$w" == *"a.n. CAMAT KRANGGAN KEPALA SEKSI KETENTERAMAN DAN KETERTIBAN UMUM Agus Setiawan NIP."* ]]
		a4 "$SELESAI-panggilan-$n.pdf" 1
	done
	[[ "$(words "$SELESAI-panggilan-1.pdf")" == *"Yth. Sdr. Bambang Sutrisno di Tempat"* ]]
	[[ "$(words "$SELESAI-panggilan-2.pdf")" == *"Yth. Sdr. Hartono di Tempat"* ]]

	# The minutes: the day of the deliberation in words.
	ADUAN_NOW="2026-03-03 09:30" run -0 aduan surat berita-acara "$SELESAI" -q -o ba.pdf
	[ "$output" = ba.pdf ]
	w=$(words ba.pdf)
	[[ "$w" == *"BERITA ACARA MUSYAWARAH Nomor: 300.1/4/417.515/2026 "* ]]
	[[ "$w" == *"Pada hari ini Senin tanggal dua bulan Maret tahun dua ribu dua puluh enam, bertempat di Kantor Kecamatan Kranggan, telah diadakan musyawarah penyelesaian pengaduan masyarakat nomor $SELESAI perihal $PERIHAL yang disampaikan oleh Saudara Bambang Sutrisno,"* ]]
	[[ "$w" == *"1. Bambang Sutrisno 2. Hartono "* ]]
	[[ "$w" == *"Yang dimusyawarahkan : Letak patok batas dibahas bersama Hasil musyawarah : sepakat Keterangan : Pagar dibongkar dan dibangun ulang di batas patok "* ]]
	[[ "$w" == *"Mojokerto, 3 Maret 2026 Para pihak, Bambang Sutrisno Hartono Mengetahui,"* ]]
	[[ "$w" == *"Pembina Tingkat I"* && "$w" == *"NIP. 19700113 198903 2 003"* ]]
	# The two signatures side by side have their names on one line,
	# though one office held takes two lines and the other one.
	pdftotext -layout ba.pdf - | grep -q "RACHMI WIDJAJATI. S.Sos. MM  *Agus Setiawan"
	a4 ba.pdf 1

	# The agreement, after the case is closed selesai.
	ADUAN_NOW="2026-03-05 09:30" run -0 aduan surat -q kesepakatan "$SELESAI"
	w=$(words "$SELESAI-kesepakatan.pdf")
	[[ "$w" == *"SURAT KETERANGAN HASIL MUSYAWARAH Nomor: 300.1/5/417.515/2026 "* ]]
	[[ "$w" == *"telah diselesaikan melalui musyawarah pada Senin, 2 Maret 2026 pukul 11.30 WIB di Kantor Kecamatan Kranggan, dan para pihak berikut telah sepakat:"* ]]
	[[ "$w" == *"Hasil kesepakatan : Pagar dibongkar dan dibangun ulang di batas patok Diterima para pihak : 5 Maret 2026 "* ]]
	[[ "$w" == *"Mojokerto, 5 Maret 2026 Para pihak, Bambang Sutrisno Hartono CAMAT KRANGGAN RACHMI WIDJAJATI. S.Sos. MM Pembina Tingkat I NIP. 19700113 198903 2 003"* ]]
	a4 "$SELESAI-kesepakatan.pdf" 1

	# The legal path, of the case closed jalur-hukum.
	ADUAN_NOW="2026-03-04 14:00" run -0 aduan surat -q jalur-hukum "$JALUR"
	w=$(words "$JALUR-jalur-hukum.pdf")
	[[ "$w" == *"Mojokerto, 4 Maret 2026 Nomor : 300.1/6/417.515/2026 Sifat : Biasa Lampiran : 1 (satu) berkas berita acara musyawarah Hal : Penyerahan penyelesaian melalui jalur hukum "* ]]
	[[ "$w" == *"Yth. Sdr. Bambang Sutrisno dan Hartono di Tempat "* ]]
	[[ "$w" == *"musyawarah yang diadakan pada Senin, 2 Maret 2026 pukul 11.30 WIB di Kantor Kecamatan Kranggan belum menghasilkan kesepakatan."* ]]
	[[ "$w" == *"Keterangan : Pelapor akan mengajukan gugatan ke Pengadilan Negeri Mojokerto "* ]]
	[[ "$w" == *"CAMAT KRANGGAN RACHMI WIDJAJATI. S.Sos. MM"* ]]
	a4 "$JALUR-jalur-hukum.pdf" 1

	# Six letters, six numbers, in the order they were printed.
	[ "$(register)" = "2026-0001: $SELESAI tanda-terima 1.1
2026-0002: $SELESAI panggilan 5.1
2026-0003: $SELESAI panggilan 5.2
2026-0004: $SELESAI berita-acara 8.1
2026-0005: $SELESAI kesepakatan 9.1
2026-0006: $JALUR jalur-hukum 9.1" ]
	# Each recorded in its case, at its step, with the file's hash.
	[ "$(grep -c $'\tsurat\t' "$log")" -eq 5 ]
	[ "$(last 5)/$(last 6)" = 10/surat ]
	[ "$(kv "$(events)" surat-register)" = 2026-0005 ]
	[ "$(kv "$(events)" surat-sha256)" = "$(sha256sum < "$SELESAI-kesepakatan.pdf" | cut -c1-64)" ]
	log=$ADUAN_DIR/closed/$JALUR.log
	[ "$(last 5)/$(last 6)" = 9/surat ]
	[ "$(kv "$(events)" surat-nomor)" = 300.1/6/417.515/2026 ]
}

@test "a letter of a step not yet recorded is refused with exit 4: no file, the log and the register untouched, the message names the command to run" {
	cases
	log=$ADUAN_DIR/open/$AT4.log
	snap
	run -4 --separate-stderr aduan surat panggilan "$AT4"
	msg=$stderr
	[ -z "$output" ]
	run -4 aduan surat berita-acara "$AT4" -o ba.pdf
	run -4 aduan surat kesepakatan "$AT5"
	[ -z "$(ls -A)" ]
	unchanged
	[ -z "$(register)" ]
	[[ "$msg" == "$prog: $AT4: Surat Panggilan comes from step 5, which the case has not recorded yet; run: "* ]]
	# The command that records step 5, with what it needs.
	[[ "$msg" == *"; run: aduan panggil $AT4 --pihak "* ]]
}

@test "printing a letter again gives the same number and the same bytes and records nothing; after a correction it is a new printing of the same number" {
	cases
	log=$ADUAN_DIR/open/$AT5.log
	ADUAN_NOW="2026-02-23 09:20" run -0 aduan surat tanda-terima "$AT5" -o a.pdf
	n=$(events)
	ADUAN_NOW="2026-03-09 14:00" run -0 --separate-stderr aduan surat tanda-terima "$AT5" -o b.pdf
	[ "$stderr" = "$prog: $AT5: Tanda Terima Pengaduan 300.1/1/417.515/2026 printed again, the same file" ]
	cmp a.pdf b.pdf
	[ "$(events)" -eq "$n" ]
	# The address corrected: the letter is drawn from the new value, keeps
	# its number and its date, and the log records the new file.
	ADUAN_NOW="2026-03-09 14:05" plain aduan-koreksi -q "$AT5" \
	    --alamat "Jalan Empu Nala Gang III No. 7, RT 02 RW 03" --alasan "nomor gang salah"
	ADUAN_NOW="2026-03-09 14:10" run -0 --separate-stderr aduan surat tanda-terima "$AT5" -o c.pdf
	[ "$stderr" = "$prog: $AT5: Tanda Terima Pengaduan 300.1/1/417.515/2026 printed again from changed data; recorded as a new printing of the same number" ]
	run -1 cmp -s a.pdf c.pdf
	w=$(words c.pdf)
	[[ "$w" == *"Nomor: 300.1/1/417.515/2026 "* ]]
	[[ "$w" == *"Alamat : Jalan Empu Nala Gang III No. 7, RT 02 RW 03 "* ]]
	[[ "$w" == *"Mojokerto, 23 Februari 2026 "* ]]
	[ "$(events)" -eq $((n + 2)) ]
	[ "$(last 6)" = surat ]
	[ "$(last 3)" = "$(ev "$n" 3)" ]
	[ "$(kv "$(events)" surat-nomor)/$(kv "$(events)" surat-register)" = "$(kv "$n" surat-nomor)/$(kv "$n" surat-register)" ]
	[ "$(kv "$(events)" surat-sha256)" = "$(sha256sum < c.pdf | cut -c1-64)" ]
	recorded "$(events)" 2026-03-09T14:10:00+07:00
	[ "$(register)" = "2026-0001: $AT5 tanda-terima 1.1" ]
	# Printed again now, it is the corrected file.
	ADUAN_NOW="2026-03-10 08:00" run -0 aduan surat tanda-terima "$AT5" -o d.pdf
	cmp c.pdf d.pdf
	[ "$(events)" -eq $((n + 2)) ]
}

@test "aduan verify --surat names the case and the event of a printed letter, one written to standard output too; a PDF with one byte changed matches none" {
	cases
	log=$ADUAN_DIR/closed/$SELESAI.log
	ADUAN_NOW="2026-02-26 10:00" aduan surat panggilan "$SELESAI" --pihak 2 -o - \
	    > out.pdf 2> err
	[ "$(head -c 5 out.pdf)" = "%PDF-" ]
	[ "$(cat err)" = "$prog: $SELESAI: Surat Panggilan 300.1/1/417.515/2026 for Hartono numbered and recorded" ]
	a4 out.pdf 1
	rm err
	[ "$(ls)" = out.pdf ]
	[ "$(kv "$(events)" surat-sha256)" = "$(sha256sum < out.pdf | cut -c1-64)" ]
	e=$(events)
	run -0 --separate-stderr aduan verify --surat out.pdf
	[[ "${lines[0]}" == "out.pdf: letter panggilan 300.1/1/417.515/2026 for Hartono of case $SELESAI, step 5: event $e (line $((e + 1))), dated 2026-02-26 10:00, printed "*" by Petugas Uji" ]]
	[ "${lines[1]}" = "$SELESAI: ok, $e events" ]
	# One byte changed in the middle of the file.
	size=$(stat -c %s out.pdf)
	cp out.pdf altered.pdf
	dd if=out.pdf bs=1 skip=$((size / 2)) count=1 2>/dev/null |
	    LC_ALL=C tr '\000-\377' '\001-\377\000' |
	    dd of=altered.pdf bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
	run -1 cmp -s out.pdf altered.pdf
	[ "$(stat -c %s altered.pdf)" -eq "$size" ]
	run -1 aduan verify --surat altered.pdf
	[ "$output" = "altered.pdf: matches no letter recorded in $ADUAN_DIR: not printed by aduan surat from these records, or altered since" ]
}

@test "each party's summons has its own number, the same each time; --pihak by number or name; -o with several parties needs --pihak" {
	cases
	log=$ADUAN_DIR/open/$AT5.log
	snap
	run -2 aduan surat panggilan "$AT5" -o p.pdf
	[ "$output" = "$prog: Surat Panggilan of $AT5 makes 2 letters, one for each pihak: give --pihak to write one of them to p.pdf; try '$prog --help'" ]
	run -2 aduan surat panggilan "$AT5" --pihak 3
	[ "$output" = "$prog: --pihak: '3' is not one of the 2 parties of the case; give a number from 1 to 2, or a name as recorded; try '$prog --help'" ]
	run -2 aduan surat tanda-terima "$AT5" --pihak 1
	[ "$output" = "$prog: --pihak: Tanda Terima Pengaduan is one letter, not one for each party; try '$prog --help'" ]
	[ -z "$(ls -A)" ]
	unchanged
	[ -z "$(register)" ]
	# The second party first, by name in any case, then the first by number.
	run -0 aduan surat -q panggilan "$AT5" --pihak hartono -o h.pdf
	[[ "$(words h.pdf)" == *"Nomor : 300.1/1/417.515/2026 "*"Yth. Sdr. Hartono di Tempat"* ]]
	run -0 aduan surat -q panggilan "$AT5" --pihak 1 -o b.pdf
	[[ "$(words b.pdf)" == *"Nomor : 300.1/2/417.515/2026 "*"Yth. Sdr. Bambang Sutrisno di Tempat"* ]]
	[ "$(kv "$(events)" surat-untuk)" = "Bambang Sutrisno" ]
	n=$(events)
	# Both again, as the default names: the same two letters.
	run -0 --separate-stderr aduan surat panggilan "$AT5"
	[ "${stderr_lines[0]}" = "$prog: $AT5: Surat Panggilan 300.1/2/417.515/2026 for Bambang Sutrisno printed again, the same file" ]
	[ "${stderr_lines[1]}" = "$prog: $AT5: Surat Panggilan 300.1/1/417.515/2026 for Hartono printed again, the same file" ]
	cmp b.pdf "$AT5-panggilan-1.pdf"
	cmp h.pdf "$AT5-panggilan-2.pdf"
	[ "$(events)" -eq "$n" ]
	[ "$(register)" = "2026-0001: $AT5 panggilan 5.2
2026-0002: $AT5 panggilan 5.1" ]
}

@test "an unknown letter is a usage error naming the letters there are; --list names them with their steps" {
	cases
	run -2 aduan surat undangan "$AT5"
	[ "$output" = "$prog: 'undangan' is not a letter of the templates; say tanda-terima, panggilan, berita-acara, jalur-hukum or kesepakatan (see $prog --list); try '$prog --help'" ]
	run -0 aduan surat --list
	[ "$output" = "tanda-terima     Tanda Terima Pengaduan (step 1, Warga datang membawa aduan)
panggilan        Surat Panggilan (step 5, Para pihak dipanggil; one for each pihak)
berita-acara     Berita Acara Musyawarah (step 8, Hasil musyawarah dilaporkan ke Camat)
jalur-hukum      Surat Pengantar Jalur Hukum (step 9, Diserahkan ke jalur hukum)
kesepakatan      Surat Keterangan Hasil Musyawarah (step 10, Para pihak menerima penyelesaian)" ]
	run -2 aduan surat --list panggilan
	[[ "$output" == "$prog: --list takes no argument"* ]]
	[ -z "$(ls -A)" ]
	[ -z "$(register)" ]
}

@test "aduan surat --help and --version say so on standard output and exit 0" {
	# Standard output is closed once (cli_opt's cli_finish), not twice.
	run -0 --separate-stderr aduan surat --help
	[[ "${lines[0]}" == "usage: $prog "* ]]
	[ -z "$stderr" ]
	run -0 --separate-stderr aduan surat --version
	[[ "$output" == "$prog (aduan) "* ]]
	[ -z "$stderr" ]
}

@test "hostile values are drawn as they are: markup characters literally, right-to-left script, 3000 characters over more pages" {
	cases
	run -0 aduan surat -q tanda-terima "$HOSTILE" -o tt.pdf
	w=$(words tt.pdf)
	[[ "$w" == *'Nama pelapor : <b>&amp;</b> & "x" '* ]]
	[[ "$w" == *"Perihal : Perihal yang sangat panjang Perihal yang sangat panjang"* ]]
	[ "$(pages tt.pdf)" -ge 2 ]
	a4 tt.pdf "$(pages tt.pdf)"
	run -0 aduan surat -q berita-acara "$HOSTILE" -o ba.pdf
	w=$(words ba.pdf)
	[[ "$w" == *'yang disampaikan oleh Saudara <b>&amp;</b> & "x", dipimpin'* ]]
	[[ "$w" == *"<i>Tono</i> & Co"* ]]
	[[ "$(tr -d ' ' <<<"$w")" == *"سيتي"* ]]
	[[ "$w" == *"Pokok aduan : Isi aduan yang sangat panjang sekali"* ]]
	[ "$(pages ba.pdf)" -ge 2 ]
	a4 ba.pdf "$(pages ba.pdf)"
	# The summons of the party named in Arabic script, and of the other.
	run -0 aduan surat -q panggilan "$HOSTILE"
	[[ "$(words "$HOSTILE-panggilan-1.pdf" | tr -d ' ')" == *"Yth.Sdr."*"سيتي"* ]]
	[[ "$(words "$HOSTILE-panggilan-2.pdf")" == *"Yth. Sdr. <i>Tono</i> & Co di Tempat"* ]]
	embedded "$HOSTILE-panggilan-1.pdf"
	run -0 aduan verify --surat ba.pdf
	[[ "${lines[0]}" == "ba.pdf: letter berita-acara 300.1/2/417.515/2026 of case $HOSTILE, step 8: "* ]]
}

@test "page 1 of the test data's summons is the committed picture; another letter or a changed perihal is not" {
	pngdiff=$top/tests/tools/pngdiff
	ref=$top/tests/cli/ref/surat-panggilan.png
	[ -x "$pngdiff" ] || { echo "build it first: make tests/tools/pngdiff"; false; }
	run -0 sh "$top/tests/cli/surat-data.sh" "$BATS_TEST_TMPDIR/now.png"
	run -0 "$pngdiff" "$ref" "$BATS_TEST_TMPDIR/now.png"
	[[ "$output" == "pngdiff: "*" of 348894 pixels differ: "* ]]
	# Negative controls: the receipt of a case drawn the same way ...
	cases
	run -0 aduan surat -q tanda-terima "$SELESAI" -o tt.pdf
	pdftoppm -png -r 60 -f 1 -l 1 -singlefile tt.pdf tt
	run -1 "$pngdiff" "$ref" tt.png
	# ... the same summons with a longer perihal ...
	SURAT_PERIHAL="Pagar tembok tetangga melewati batas tanah, menutup saluran air di belakang rumah, dan merusak tanaman pelapor di sepanjang batas pekarangan sebelah timur" \
	    run -0 sh "$top/tests/cli/surat-data.sh" "$BATS_TEST_TMPDIR/changed.png"
	run -1 "$pngdiff" "$ref" "$BATS_TEST_TMPDIR/changed.png"
	# ... a picture of another size, and a file that is no PNG.
	pdftoppm -png -r 72 -f 1 -l 1 -singlefile tt.pdf big
	run -1 "$pngdiff" "$ref" big.png
	[[ "$output" == *"not the same size" ]]
	run -2 "$pngdiff" "$ref" tt.pdf
	run -2 "$pngdiff" "$ref"
}

@test "a template with an unknown placeholder or without a required key is exit 5 at its file, line and column, from aduan surat and aduan sop --check" {
	cases
	log=$ADUAN_DIR/open/$AT5.log
	snap
	d=$BATS_TEST_TMPDIR/sop
	cp -R "$top/sop" "$d"
	sed -i 's/perihal {perihal}, dengan hormat/perihal {perihall}, dengan hormat/' "$d/surat.yaml"
	line=$(grep -n '{perihall}' "$d/surat.yaml" | cut -d: -f1)
	col=$(awk -v n="$line" 'NR == n { print index($0, "\"") }' "$d/surat.yaml")
	where="$d/surat.yaml:$line:$col: unknown placeholder '{perihall}': no step of the SOP has a field of that name"
	run -5 aduan surat --sop "$d/kranggan.yaml" panggilan "$AT5" --pihak 1
	[[ "$output" == "$prog: $where"* ]]
	run -5 aduan sop --check "$d/kranggan.yaml"
	[[ "$output" == *"aduan sop: $where"* ]]
	# The office without the place its letters are dated at.
	cp "$top/sop/surat.yaml" "$d/surat.yaml"
	line=$(grep -n '^kantor:' "$d/kantor.yaml" | cut -d: -f1)
	sed -i '/^  tempat:/d' "$d/kantor.yaml"
	where="$d/kantor.yaml:$((line + 1)):3: kantor: missing key 'tempat'"
	run -5 aduan surat --sop "$d/kranggan.yaml" tanda-terima "$AT5"
	[ "$output" = "$prog: $where" ]
	run -5 aduan sop --check "$d/kranggan.yaml"
	[[ "$output" == *"aduan sop: $where"* ]]
	[ -z "$(ls -A)" ]
	unchanged
	[ -z "$(register)" ]
}

@test "a letter's jenis longer than 32 characters is refused at its line when the templates are checked: it names files and register lines" {
	d=$BATS_TEST_TMPDIR/sop
	cp -R "$top/sop" "$d"
	long=t$(printf 'a%.0s' $(seq 249))
	sed -i "s/^\(  *\)\(- \)\{0,1\}jenis: tanda-terima\$/\1\2jenis: $long/" "$d/surat.yaml"
	line=$(grep -n "jenis: $long" "$d/surat.yaml" | cut -d: -f1)
	[ -n "$line" ]
	run -5 aduan sop --check "$d/kranggan.yaml"
	[[ "$output" == *"aduan sop: $d/surat.yaml:$line:"*": jenis '${long:0:32}...': at most 32 characters"* ]]
	# 32 are enough.
	sed -i "s/jenis: $long\$/jenis: ${long:0:32}/" "$d/surat.yaml"
	run -0 aduan sop --check "$d/kranggan.yaml"
}

@test "{untuk} in a table of a letter made once is refused when the templates are checked, not in front of a citizen" {
	# Every text of a block is searched for it: a table's cells, a list.
	cases
	d=$BATS_TEST_TMPDIR/sop
	cp -R "$top/sop" "$d"
	sed -i 's/\[Nama pelapor, "{pelapor}"\]/[Nama pelapor, "{pelapor} {untuk}"]/' "$d/surat.yaml"
	grep -q '"{pelapor} {untuk}"' "$d/surat.yaml"
	run -5 aduan sop --check "$d/kranggan.yaml"
	[[ "$output" == *"aduan sop: $d/surat.yaml:"*"{untuk}: this letter is not made for each value of a field"* ]]
}

@test "a letter that needs a value the case lacks is refused with exit 4, and no number is taken from the register" {
	# The letter is made before it is numbered: a refused try leaves no
	# entry in the register for a letter never sent.
	cases
	d=$BATS_TEST_TMPDIR/sop
	cp -R "$top/sop" "$d"
	sed -i 's/"{alamat?}"/"{alamat}"/' "$d/surat.yaml"
	log=$ADUAN_DIR/open/$HOSTILE.log
	snap
	run -4 aduan surat --sop "$d/kranggan.yaml" tanda-terima "$HOSTILE"
	[ "$output" = "$prog: $HOSTILE: --alamat: the letter needs 'alamat' of step 1, which the case does not have" ]
	[ -z "$(ls -A)" ]
	unchanged
	[ -z "$(register)" ]
}

@test "letters printed at once for different cases never share a number: as many in the register as letters, each case its own" {
	export ADUAN_LOCK_WAIT=300
	for n in 1 2 3 4 5 6; do
		plain aduan-new -q --pelapor "Warga $n" --lurah L --perihal P --isi I >/dev/null
	done
	exec 8> "$BATS_TEST_TMPDIR/barrier"
	flock -x 8
	for n in 1 2 3 4 5 6; do
		flock -s "$BATS_TEST_TMPDIR/barrier" -c \
		    "aduan surat -q tanda-terima 2026-000$n -o '$BATS_TEST_TMPDIR/$n.pdf' \
		     >/dev/null 2>'$BATS_TEST_TMPDIR/err$n'; echo \$? >'$BATS_TEST_TMPDIR/rc$n'" 8>&- &
	done
	waiters "$BATS_TEST_TMPDIR/barrier" 6
	flock -u 8
	wait
	exec 8>&-
	[ "$(cat "$BATS_TEST_TMPDIR"/rc? | tr -d '\n')" = 000000 ]
	[ "$(ls "$ADUAN_DIR/surat" | wc -l)" -eq 6 ]
	nomor=$(for n in 1 2 3 4 5 6; do log=$ADUAN_DIR/open/2026-000$n.log; kv "$(events)" surat-nomor; done)
	[ "$(sort -u <<<"$nomor" | wc -l)" -eq 6 ]
	[ "$(sort <<<"$nomor" | tr '\n' ' ')" = "300.1/1/417.515/2026 300.1/2/417.515/2026 300.1/3/417.515/2026 300.1/4/417.515/2026 300.1/5/417.515/2026 300.1/6/417.515/2026 " ]
	# Each register entry names the case whose log holds its number.
	for n in 1 2 3 4 5 6; do
		log=$ADUAN_DIR/open/2026-000$n.log
		reg=$(kv "$(events)" surat-register)
		[ "$(cut -f1,2 "$ADUAN_DIR/surat/$reg")" = "2026-000$n	tanda-terima" ]
		[[ "$(words "$BATS_TEST_TMPDIR/$n.pdf")" == *"Nomor: $(kv "$(events)" surat-nomor) "* ]]
	done
}

@test "the office's emblem, a PNG beside kantor.yaml, is drawn on the letterhead; a file that is no PNG is refused where it is named" {
	command -v pdfimages >/dev/null || skip "no pdfimages (poppler-utils)"
	cases
	cp -r "$top/sop" "$BATS_TEST_TMPDIR/sop"
	k="$BATS_TEST_TMPDIR/sop/kantor.yaml"
	cp "$top/tests/cli/ref/surat-panggilan.png" "$BATS_TEST_TMPDIR/sop/lambang.png"
	sed -i 's/^  # lambang: .*/  lambang: lambang.png/' "$k"
	grep -q '^  lambang: lambang.png$' "$k"
	run -0 aduan surat tanda-terima "$SELESAI" -q -o lambang.pdf \
	    --sop "$BATS_TEST_TMPDIR/sop/kranggan.yaml"
	[ "$(pdfimages -list lambang.pdf | awk 'NR > 2' | wc -l)" -eq 1 ]
	# Without it, no picture at all: the count above is the emblem's.
	run -0 aduan surat tanda-terima "$SELESAI" -q -o tanpa.pdf
	[ "$(pdfimages -list tanpa.pdf | awk 'NR > 2' | wc -l)" -eq 0 ]
	echo "not a picture" > "$BATS_TEST_TMPDIR/sop/lambang.png"
	run -5 aduan surat tanda-terima "$SELESAI" -q -o x.pdf \
	    --sop "$BATS_TEST_TMPDIR/sop/kranggan.yaml"
	[[ "$output" == *"kantor.yaml:"*":"*": kantor.lambang: no PNG file "* ]]
	[ ! -e x.pdf ]
}

@test "only the programs that make documents link cairo and pango: aduan and its built-in commands do not" {
	command -v ldd >/dev/null || skip "no ldd"
	[ -z "$(ldd "$top/cmd/aduan" | grep -E 'libcairo|libpango')" ]
	ldd "$top/cmd/aduan-surat" | grep -q libcairo
	ldd "$top/cmd/aduan-surat" | grep -q libpangocairo
	ldd "$top/cmd/aduan-rekap" | grep -q libcairo
}
