#!/usr/bin/env bats
# A clerk at the front desk, in Indonesian, on a real terminal (tmux): what
# the screen shows when fields are missing, answered or refused.  Each step
# waits for the text it expects on the screen (bounded), never for a time.

bats_require_minimum_version 1.5.0

load helper
load workflow

setup() {
	command -v tmux >/dev/null || skip "tmux is not installed"
	sock="$BATS_TEST_TMPDIR/tmux"
	# The server keeps this environment (the suite's, valgrind's too).
	tmux -S "$sock" new-session -d -x 160 -y 40 \
	    "env TERM=xterm LANGUAGE=id LC_ALL=C.UTF-8 PS1='$ ' \
	    bash --norc --noprofile -i"
}

teardown() {
	tmux -S "$sock" kill-server 2>/dev/null || true
}

screen() {
	tmux -S "$sock" capture-pane -p -J
}

# keys TEXT: the keys, then Enter.
keys() {
	tmux -S "$sock" send-keys -l -- "$1"
	tmux -S "$sock" send-keys Enter
}

# see TEXT: wait until the screen shows TEXT (polled, at most 1200 times: a minute).
see() {
	local i
	for ((i = 0; i < 1200; i++)); do
		screen | grep -qF -- "$1" && return 0
		sleep 0.05	# polling for the text, bounded
	done
	echo "never on the screen: $1"
	screen
	return 1
}

@test "a bare aduan new on a terminal asks for each required field in turn, then files the case" {
	keys "aduan new --pelapor 'Budi Santoso'"
	see "Lurah pendamping (--lurah LURAH): "
	keys "Lurah Meri"
	see "Perihal aduan (--perihal PERIHAL): "
	keys "Kebisingan"
	see "Isi aduan (--isi ISI): "
	keys "Musik keras tiap malam!"
	see "aduan new: 2026-0001: berikutnya: langkah 2"
	screen | grep -qx "2026-0001"
	log="$ADUAN_DIR/open/2026-0001.log"
	[ "$(kv 1 lurah)" = "Lurah Meri" ]
	[ "$(kv 1 isi)" = "Musik keras tiap malam!" ]
}

@test "an empty answer stops with nothing filed and the refusal naming every missing field" {
	keys "aduan new"
	see "Nama pelapor (--pelapor PELAPOR): "
	keys ""
	see "tidak ada yang dicatat"
	screen | grep -qF "aduan new: langkah 1 (Warga datang membawa aduan) memerlukan --pelapor PELAPOR (Nama pelapor), --lurah LURAH (Lurah pendamping), --perihal PERIHAL (Perihal aduan) dan --isi ISI (Isi aduan); tidak ada yang dicatat"
	[ ! -e "$ADUAN_DIR/open/2026-0001.log" ]
}

@test "a script never gets a prompt: all the missing fields are refused at once, exit 4" {
	run -4 aduan new --pelapor a </dev/null
	[ "$output" = "aduan new: step 1 (Warga datang membawa aduan) needs --lurah LURAH (Lurah pendamping), --perihal PERIHAL (Perihal aduan) and --isi ISI (Isi aduan); nothing was recorded" ]
	[ ! -e "$ADUAN_DIR/open" ] || [ -z "$(ls "$ADUAN_DIR/open")" ]
}

@test "--isi - reads the complaint from the standard input, to its end" {
	printf 'Baris satu!\nBaris dua.\n' | aduan new -q --pelapor a --lurah b --perihal c --isi - >/dev/null
	log="$ADUAN_DIR/open/2026-0001.log"
	[ "$(kv 1 isi)" = 'Baris satu!\nBaris dua.' ]
	run -2 aduan new -q --pelapor - --lurah b --perihal c --isi - </dev/null
	[ "$output" = "aduan new: --isi -: only one field can be read from the standard input; try 'aduan new --help'" ]
}

@test "a week at the desk in Indonesian: every outcome, a correction, a cancellation, what the screen says at each step" {
	keys "export ADUAN_NOW='2026-03-02 08:30'"
	# Monday: two complaints, one with its text asked for.
	keys "aduan new --pelapor 'Budi Santosa' --lurah 'Lurah Meri' --perihal 'Musik keras'"
	see "Isi aduan (--isi ISI): "
	keys "Tetangga memutar musik sampai pukul 01.00!"
	see "aduan new: 2026-0001: berikutnya: langkah 2 (Camat menerima warga), Camat: aduan assign 2026-0001 --kepada KEPADA"
	keys "aduan koreksi 2026-0001 --pelapor 'Budi Santoso' --alasan 'salah ketik'"
	see "aduan koreksi: 2026-0001: langkah 1 (Warga datang membawa aduan) dikoreksi pada Senin, 2 Mar 2026 08.30 oleh Petugas Uji; nilai lama tetap tersimpan di log"
	keys "aduan new -q --pelapor 'Sri Wahyuni' --lurah 'Lurah Miji' --perihal 'Pagar' --isi 'Pagar menutup saluran'"
	see "2026-0002"
	keys "aduan new -q --pelapor 'Ani' --lurah 'Lurah Jagalan' --perihal 'Parkir' --isi 'Parkir liar'"
	see "2026-0003"
	keys "aduan assign 2026-0001 --kepada 'Joko Susilo'; aduan assign -q 2026-0002 --kepada 'Joko Susilo'"
	see "aduan assign: 2026-0001: berikutnya: langkah 4 (Kasi Trantib menelaah aduan), Kasi Trantib: aduan panggil 2026-0001 --pihak PIHAK --jadwal WAKTU"
	keys "aduan close 2026-0003 --batal dicabut --catatan 'sudah berdamai'"
	see "aduan close: 2026-0003: ditutup: dicabut"
	# Tuesday: the summons, for tomorrow.
	keys "export ADUAN_NOW='2026-03-03 09:00'"
	keys "aduan panggil 2026-0001 --pihak 'Pak Harto' --jadwal 'besok 09.00'; aduan panggil -q 2026-0002 --pihak 'Pak Darto' --jadwal 'besok 10.00'"
	see "aduan panggil: 2026-0001: berikutnya: langkah 6 (Para pihak datang), Para Pihak: aduan panggil 2026-0001 --hadir"
	# Wednesday: they came; one agrees, one does not.
	keys "export ADUAN_NOW='2026-03-04 09:10'"
	keys "aduan panggil -q 2026-0001 --hadir --pihak 'Pak Harto'; aduan musyawarah 2026-0001 --hasil SEPAKAT"
	see "aduan musyawarah: 2026-0001: berikutnya: langkah 10 (Para pihak menerima penyelesaian), Para Pihak: aduan close 2026-0001"
	keys "export ADUAN_NOW='2026-03-04 10:30'"
	keys "aduan panggil -q 2026-0002 --hadir; aduan musyawarah -q 2026-0002 --hasil tidak-sepakat"
	keys "aduan close 2026-0001; aduan close 2026-0002"
	see "aduan close: 2026-0001: ditutup: selesai"
	see "aduan close: 2026-0002: ditutup: jalur-hukum"
	keys "aduan list --status semua"
	see "2026-0001  Senin, 2 Mar 2026 08.30   Budi Santoso         Musik keras                  selesai"
	see "2026-0003  Senin, 2 Mar 2026 08.30   Ani                  Parkir                       dicabut"
	keys "aduan list"
	see "tidak ada aduan yang sedang diproses"
	keys "aduan verify -q; echo status=\$?"
	see "status=0"
}
