#!/bin/sh
# rekap-data.sh DIR - the data directory DIR (made here; it must not
# exist) of the recap tests: sixteen cases recorded with the commands of
# this tree at fixed times, for the recap of March 2026 that
# tests/cli/ref/rekap-2026-03.tsv holds, worked out by hand in
# tests/cli/ref/rekap-2026-03.md, and checked by aduan-rekap.bats.
#
# Every command runs at the time its event happened (ADUAN_NOW), or, for
# what the clerk recorded afterwards, a little later with the time it
# happened given by --at.  The cases, in the order of their IDs:
#
#   0001  filed and closed (selesai) in February, before Ramadan
#   0002  filed in February, its steps 6-9 in March, closed jalur-hukum
#   0003  filed Saturday 28 February 23:59; step 2 on 2 March; open
#   0004  filed Sunday 1 March 00:00; cancelled: dicabut
#   0005  closed selesai; the parties summoned again (--ulang)
#   0006  closed jalur-hukum; late at steps 2, 3, 4, 5 and 7
#   0007  "parkir  LIAR", cancelled: ganda
#   0008  José; "Café ..."; cancelled: bukan-wewenang
#   0009  a pelapor over two lines; the deliberation adjourned (--tunda);
#         closed selesai in April
#   0010  step 4 due across Nyepi and Idul Fitri (18-24 March); open
#   0011  step 2 due across the same days; its kelurahan corrected; open
#   0012  after Ramadan (office hours 07:30-16:00), closed selesai
#   0013  step 2 recorded after the closing; open; no kelurahan given
#   0014  filed Tuesday 31 March 23:59; its perihal corrected in April
#   0015  filed Wednesday 1 April 00:00; open
#   0016  filed and cancelled in April
#
# and at the end, 10 April 10:00, aduan overdue flags the late steps of
# the six open cases (late events, which no figure of a recap counts).
#
# The office hours are sop/kalender.yaml's: from 2 to 17 March, Ramadan,
# Monday to Thursday 08:00-12:00 and 12:30-15:00, Friday 07:30-11:30 and
# 12:30-15:00; 18-24 March closed (cuti bersama 18, 20, 23, 24; Nyepi 19,
# Idul Fitri 21-22); from 25 March Monday to Thursday 07:30-12:00 and
# 13:00-16:00, Friday 07:30-11:30 and 13:00-16:30.
set -eu

case $# in
1) dir=$1 ;;
*) echo "usage: rekap-data.sh DIR" >&2; exit 2 ;;
esac
[ ! -e "$dir" ] || { echo "rekap-data.sh: $dir exists" >&2; exit 1; }
top=$(cd "$(dirname "$0")/../.." && pwd)
[ -x "$top/cmd/aduan" ] ||
	{ echo "rekap-data.sh: build the commands first (make all)" >&2; exit 1; }

# The commands of this tree, never a wrapper (valgrind's) found on PATH.
PATH="$top/cmd:$PATH"
ADUAN_DIR=$dir
ADUAN_USER="Siti Aminah"
export PATH ADUAN_DIR ADUAN_USER
unset ADUAN_SOP ADUAN_NOW
nl='
'
kasi="Joko Susilo"

# on WHEN CMD ARGS...: CMD run at WHEN, quiet.
on() {
	when=$1
	shift
	ADUAN_NOW=$when "$@" -q
}

# new WHEN ARGS...: files a case at WHEN; expects the ID $want.
new() {
	id=$(on "$@")
	[ "$id" = "$want" ] ||
		{ echo "rekap-data.sh: filed $id, not $want" >&2; exit 1; }
}

want=2026-0001
new "2026-02-09 09:00" aduan new --pelapor "Hadi Susanto" \
    --lurah "Suwarno" --perihal "Kebisingan malam hari" \
    --isi "Musik keras dari rumah kos sampai pukul dua pagi" \
    --kelurahan Jagalan
on "2026-02-09 09:20" aduan assign "$id" --step 2
on "2026-02-09 09:30" aduan assign "$id" --kepada "$kasi"
on "2026-02-10 09:00" aduan panggil "$id" --step 4
on "2026-02-10 09:30" aduan panggil "$id" --pihak "Pemilik kos" \
    --jadwal "2026-02-12 09:00"
on "2026-02-12 09:10" aduan panggil "$id" --hadir
on "2026-02-12 10:00" aduan musyawarah "$id" --step 7
on "2026-02-12 10:10" aduan musyawarah "$id" --hasil sepakat
on "2026-02-13 09:00" aduan close "$id" --catatan "Musik berhenti pukul 22.00"

want=2026-0002
new "2026-02-26 10:00" aduan new --pelapor "Rudi Hartono" \
    --lurah "Bambang Irawan" --perihal "Sengketa batas tanah" \
    --isi "Patok batas tanah dipindah tetangga" --kelurahan kranggan
on "2026-02-26 10:30" aduan assign "$id" --step 2
on "2026-02-26 10:40" aduan assign "$id" --kepada "$kasi"
on "2026-02-27 09:00" aduan panggil "$id" --step 4
on "2026-02-27 09:20" aduan panggil "$id" --pihak "Rudi Hartono" \
    --pihak "Slamet Riyadi" --jadwal "2026-03-04 09:00"
on "2026-03-04 09:30" aduan panggil "$id" --hadir
on "2026-03-04 11:00" aduan musyawarah "$id" --step 7
on "2026-03-04 11:10" aduan musyawarah "$id" --hasil tidak-sepakat
on "2026-03-04 13:00" aduan close "$id" \
    --catatan "Para pihak menempuh gugatan perdata"

# Brought to the night guard; recorded on Monday morning.
want=2026-0003
new "2026-03-02 07:50" aduan new --at "2026-02-28 23:59" \
    --pelapor "Wahyu Pratama" --lurah "Hendro" \
    --perihal "Anjing liar berkeliaran" --isi "Anak-anak dikejar anjing"
on "2026-03-02 08:30" aduan assign "$id" --step 2

want=2026-0004
new "2026-03-02 07:55" aduan new --at "2026-03-01 00:00" \
    --pelapor "Dewi Lestari" --lurah "Hendro" --perihal "Parkir liar" \
    --isi "Mobil diparkir di depan pagar setiap malam" --kelurahan Meri
on "2026-03-02 08:15" aduan close "$id" --batal dicabut \
    --catatan "Pelapor sudah berdamai dengan pemilik mobil"

want=2026-0005
new "2026-03-02 09:00" aduan new --pelapor 'Siti "Ita" Rahayu, S.Pd.' \
    --lurah "Sugeng" --perihal "Pedagang kaki lima" \
    --isi "Lapak pedagang menutup trotoar depan sekolah" --kelurahan Miji
on "2026-03-02 09:40" aduan assign "$id" --step 2
on "2026-03-02 09:50" aduan assign "$id" --kepada "$kasi"
on "2026-03-03 09:00" aduan panggil "$id" --step 4 \
    --catatan "Trotoar diukur bersama Satpol PP"
on "2026-03-03 09:30" aduan panggil "$id" --pihak "Pak Darto" \
    --pihak "Bu Sri" --jadwal "2026-03-05 10:00"
on "2026-03-05 10:30" aduan panggil "$id" --ulang --pihak "Pak Darto" \
    --pihak "Bu Sri" --jadwal "2026-03-09 09:00" \
    --alasan "Pak Darto tidak datang"
on "2026-03-09 09:15" aduan panggil "$id" --hadir --pihak "Pak Darto" \
    --pihak "Bu Sri"
on "2026-03-09 10:30" aduan musyawarah "$id" --step 7
on "2026-03-09 10:40" aduan musyawarah "$id" --hasil sepakat \
    --catatan "Lapak dipindah ke halaman pasar"
on "2026-03-11 09:00" aduan close "$id"

want=2026-0006
new "2026-03-05 13:30" aduan new --pelapor "Bambang Wijaya" \
    --lurah "Sukardi" --perihal "Sampah menumpuk di selokan" \
    --isi "Selokan tersumbat sampah dan meluap saat hujan" \
    --kelurahan Purwotengah
on "2026-03-05 14:45" aduan assign "$id" --step 2
on "2026-03-06 08:00" aduan assign "$id" --kepada "$kasi"
on "2026-03-09 10:00" aduan panggil "$id" --step 4
on "2026-03-09 11:50" aduan panggil "$id" \
    --pihak "Koordinator kebersihan RW 04" --jadwal "2026-03-11 09:00"
on "2026-03-11 09:05" aduan panggil "$id" --hadir
on "2026-03-11 12:45" aduan musyawarah "$id" --step 7
on "2026-03-11 12:50" aduan musyawarah "$id" --hasil tidak-sepakat
on "2026-03-11 13:00" aduan close "$id" \
    --catatan "Diteruskan ke Dinas Lingkungan Hidup"

want=2026-0007
new "2026-03-06 09:00" aduan new --pelapor "Agus Salim" --lurah "Hendro" \
    --perihal "parkir  LIAR" --isi "Mobil di depan pagar" --kelurahan MERI
on "2026-03-06 09:30" aduan assign "$id" --step 2
on "2026-03-06 09:35" aduan close "$id" --batal ganda \
    --catatan "Sama dengan aduan tetangganya"

want=2026-0008
new "2026-03-09 13:00" aduan new --pelapor "José Santoso" \
    --lurah "Winarno" --perihal "Café buka sampai larut malam" \
    --isi "Pengunjung kafe bernyanyi sampai pukul satu" \
    --kelurahan Sentanan
on "2026-03-09 13:30" aduan assign "$id" --step 2
on "2026-03-09 13:35" aduan assign "$id" --kepada "$kasi"
on "2026-03-10 09:00" aduan close "$id" --batal bukan-wewenang \
    --catatan "Izin usaha: diteruskan ke DPMPTSP"

want=2026-0009
new "2026-03-10 08:30" aduan new \
    --pelapor "Keluarga Hartono${nl}(diwakili anak)" --lurah "Bambang Irawan" \
    --perihal "CAFÉ buka sampai  larut malam" \
    --isi "Suara musik kafe terdengar sampai rumah" --kelurahan Kranggan
on "2026-03-10 09:00" aduan assign "$id" --step 2
on "2026-03-10 09:10" aduan assign "$id" --kepada "$kasi"
on "2026-03-11 09:00" aduan panggil "$id" --step 4
on "2026-03-11 09:20" aduan panggil "$id" --pihak "Pemilik kafe" \
    --pihak "Ketua RT 01" --jadwal "2026-03-13 08:00"
on "2026-03-13 08:10" aduan panggil "$id" --hadir
on "2026-03-13 08:30" aduan musyawarah "$id" --tunda \
    --jadwal "2026-03-16 09:00" --alasan "Pemilik kafe sakit"
on "2026-03-16 10:30" aduan musyawarah "$id" --step 7
on "2026-03-16 11:00" aduan musyawarah "$id" --hasil sepakat
on "2026-04-02 09:00" aduan close "$id"

want=2026-0010
new "2026-03-16 14:00" aduan new --pelapor "Sri Wahyuni" --lurah "Suwarno" \
    --perihal "Pohon tumbang menutup jalan" \
    --isi "Pohon mangga tumbang di gang" --kelurahan Jagalan
on "2026-03-16 14:45" aduan assign "$id" --step 2
on "2026-03-17 10:00" aduan assign "$id" --kepada "$kasi"
on "2026-03-25 09:45" aduan panggil "$id" --step 4
on "2026-03-25 10:00" aduan panggil "$id" --pihak "Dinas Lingkungan Hidup" \
    --jadwal "2026-03-27 13:00"

want=2026-0011
new "2026-03-17 14:30" aduan new --pelapor "Yusuf Maulana" \
    --lurah "Hendro" --perihal "Parkir Liar" \
    --isi "Truk parkir di tikungan" --kelurahan Meri
on "2026-03-25 08:20" aduan assign "$id" --step 2
on "2026-03-25 08:25" aduan koreksi "$id" --kelurahan Miji \
    --alasan "Salah pilih kelurahan"
on "2026-03-25 08:30" aduan assign "$id" --kepada "$kasi"

want=2026-0012
new "2026-03-26 11:30" aduan new --pelapor "Rina Marlina" \
    --lurah "Winarno" --perihal "Kebisingan malam hari" \
    --isi "Bengkel las bekerja malam hari" --kelurahan Sentanan
on "2026-03-26 13:20" aduan assign "$id" --step 2
on "2026-03-26 13:32" aduan assign "$id" --kepada "$kasi"
on "2026-03-27 13:00" aduan panggil "$id" --step 4
on "2026-03-27 15:00" aduan panggil "$id" --pihak "Pemilik bengkel" \
    --jadwal "2026-03-30 08:00"
on "2026-03-30 08:40" aduan panggil "$id" --hadir
on "2026-03-30 10:00" aduan musyawarah "$id" --step 7
on "2026-03-30 10:10" aduan musyawarah "$id" --hasil sepakat
on "2026-03-31 09:00" aduan close "$id"

# Step 2 done after the closing, recorded the next morning.
want=2026-0013
new "2026-03-30 14:00" aduan new --pelapor "Lina Marpaung" --lurah "Sugeng" \
    --perihal "kebisingan   malam hari" --isi "Anjing menggonggong semalaman"
on "2026-03-31 07:45" aduan assign "$id" --step 2 --at "2026-03-30 16:30"

want=2026-0014
new "2026-04-01 07:40" aduan new --at "2026-03-31 23:59" \
    --pelapor "Nur Hidayah" --lurah "Sukardi" --perihal "Lampu jalan mati" \
    --isi "Lampu jalan padam sejak seminggu" --kelurahan Purwotengah
on "2026-04-01 08:00" aduan assign "$id" --step 2
on "2026-04-01 08:05" aduan koreksi "$id" --perihal "Lampu jalan padam" \
    --alasan "Perihal ditulis ulang"

want=2026-0015
new "2026-04-01 07:45" aduan new --at "2026-04-01 00:00" \
    --pelapor "Eko Prasetyo" --lurah "Sugeng" --perihal "Parkir liar" \
    --isi "Motor parkir di trotoar" --kelurahan Miji

want=2026-0016
new "2026-04-06 09:00" aduan new --pelapor "Fajar Nugroho" \
    --lurah "Suwarno" --perihal "Pengamen mengganggu" \
    --isi "Pengamen memaksa meminta uang" --kelurahan Jagalan
on "2026-04-06 09:30" aduan close "$id" --batal dicabut

# Exit 1: late steps found, and flagged.
ADUAN_NOW="2026-04-10 10:00" aduan overdue >/dev/null || [ $? -eq 1 ]
