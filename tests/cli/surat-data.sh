#!/bin/sh
# surat-data.sh OUT.png - page 1 of the Surat Panggilan of the test data,
# drawn now, as a PNG: what make surat-png commits as
# tests/cli/ref/surat-panggilan.png (the README shows it) and what
# aduan-surat.bats compares a page drawn now against (tests/tools/pngdiff).
#
# One case filed at the desk of Kecamatan Kranggan and walked, with the
# commands of this tree, to the summons of step 5: two parties, the
# deliberation set for Senin, 2 Maret 2026 pukul 10.00 WIB; then the
# summons of the first party printed, and its page 1 rendered by pdftoppm
# at 60 dpi.  Every time is fixed (ADUAN_NOW), the clerk is Siti, the SOP
# is the bundled one and the data directory a temporary one, removed at
# the end: the same tree draws the same picture.
#
# SURAT_PERIHAL, when set, is the case's perihal instead of the usual
# one: the negative control of aduan-surat.bats, a changed value that the
# comparison must catch.
set -eu

case $# in
1) out=$1 ;;
*) echo "usage: surat-data.sh OUT.png" >&2; exit 2 ;;
esac
top=$(cd "$(dirname "$0")/../.." && pwd)
if [ ! -x "$top/cmd/aduan" ] || [ ! -x "$top/cmd/aduan-surat" ]; then
	echo "surat-data.sh: build the commands first (make all)" >&2
	exit 1
fi
if ! command -v pdftoppm >/dev/null; then
	echo "surat-data.sh: pdftoppm (poppler-utils) is needed" >&2
	exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/surat-data.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

PATH="$top/cmd:$PATH"
ADUAN_DIR=$tmp/data
ADUAN_USER=Siti
export PATH ADUAN_DIR ADUAN_USER
unset ADUAN_SOP ADUAN_NOW

perihal=${SURAT_PERIHAL:-Pagar tetangga melewati batas tanah}

# Filed on Monday morning, with the Lurah of Sentanan.
id=$(ADUAN_NOW="2026-02-23 09:15" aduan new -q \
    --pelapor "Bambang Sutrisno" --lurah "Sugeng Riyadi" \
    --perihal "$perihal" \
    --isi "Pagar tembok milik tetangga dibangun sekitar satu meter masuk ke pekarangan pelapor" \
    --alamat "Jalan Empu Nala Gang II No. 7, RT 02 RW 03" \
    --kelurahan Sentanan)
ADUAN_NOW="2026-02-23 10:30" aduan assign -q "$id" --step 2
ADUAN_NOW="2026-02-24 08:30" aduan assign -q "$id" --kepada "Agus Setiawan"
ADUAN_NOW="2026-02-25 09:00" aduan panggil -q "$id" --step 4 \
    --catatan "Batas tanah dicocokkan dengan sertifikat kedua pihak"
ADUAN_NOW="2026-02-26 09:00" aduan panggil -q "$id" \
    --pihak "Bambang Sutrisno" --pihak "Hartono" --jadwal "2026-03-02 10:00"
ADUAN_NOW="2026-02-26 10:00" aduan surat -q panggilan "$id" --pihak 1 \
    -o "$tmp/panggilan.pdf" >/dev/null

pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$tmp/panggilan.pdf" "$tmp/page"
mkdir -p "$(dirname "$out")"
mv "$tmp/page.png" "$out"
