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

# see TEXT: wait until the screen shows TEXT (polled, at most 400 times).
see() {
	local i
	for ((i = 0; i < 400; i++)); do
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
