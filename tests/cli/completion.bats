#!/usr/bin/env bats
# Bash completion (completion/aduan.bash): every list asked of aduan
# itself, so that it follows the SOP in force and the commands built.

load helper
load workflow

# complete WORD...: the words bash would offer for the command line
# WORD... (the last one the word being completed), one line.
complete_line() {
	bash -c '. "$1/completion/aduan.bash"; shift; COMP_WORDS=("$@")
	    COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _aduan
	    echo "${COMPREPLY[*]}"' _ "$top" "$@"
}

@test "the commands, and each command's options as its --help lists them, the SOP's fields among them" {
	run -0 complete_line aduan s
	[ "$output" = "show seal sop sync surat" ]
	run -0 complete_line aduan re
	[ "$output" = "rekap" ]
	run -0 complete_line aduan new --pe
	[ "$output" = "--pelapor --perihal" ]
	run -0 complete_line aduan panggil 2026-0001 --ja
	[ "$output" = "--jadwal" ]
	run -0 complete_line aduan list --ke
	[ "$output" = "--kelurahan" ]
}

@test "the open cases for a command that records a step, every case for show; the words of --role, --outcome, --batal and the letters' kinds" {
	walk_closed selesai
	closed=$id
	new_case
	open=$id
	run -0 complete_line aduan assign 2026
	[ "$output" = "$open" ]
	run -0 complete_line aduan show 2026
	[ "$output" = "$closed $open" ]
	run -0 complete_line aduan list --role ""
	[ "$output" = "camat kasi_trantib para_pihak warga" ]
	run -0 complete_line aduan list --outcome ""
	[ "$output" = "jalur-hukum selesai dicabut ganda bukan-wewenang" ]
	run -0 complete_line aduan close "$open" --batal ""
	[ "$output" = "dicabut ganda bukan-wewenang" ]
	run -0 complete_line aduan surat ""
	[ "$output" = "tanda-terima panggilan berita-acara jalur-hukum kesepakatan" ]
	run -0 complete_line aduan surat panggilan 2026
	[ "$output" = "$closed $open" ]
}
