#!/usr/bin/env bats
# The dispatcher: aduan COMMAND runs aduan-COMMAND.

load helper

@test "aduan help lists every command with a line each" {
	run aduan help
	[ "$status" -eq 0 ]
	[[ "$output" == *"sop "*"show the SOP"* ]]
}

@test "aduan --version and every command name the package's version, the first line of debian/changelog" {
	v=$(sed -n '1s/^aduan (\([^)]*\)).*/\1/p' "$top/debian/changelog")
	[[ "$v" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]
	run -0 aduan --version
	[ "$output" = "aduan (aduan) $v" ]
	for c in "$top"/cmd/aduan-*; do
		[ -x "$c" ] && [[ "$c" != *.* ]] || continue
		run -0 "$c" --version
		[ "$output" = "${c##*/} (aduan) $v" ]
	done
}

@test "aduan runs the command found beside itself and passes its status" {
	run aduan sop --check "$SOP"
	[ "$status" -eq 0 ]
	[[ "$output" == *"a valid SOP, 10 steps"* ]]
	run aduan sop --format yaml
	[ "$status" -eq 2 ]
}

@test "an unknown command is refused with a suggestion and exit 2" {
	run aduan sopp
	[ "$status" -eq 2 ]
	[[ "$output" == *"'sopp' is not an aduan command; did you mean 'sop'?"* ]]
}

@test "a command name that is not a word is refused, never executed" {
	run aduan ../../bin/sh
	[ "$status" -eq 2 ]
	[[ "$output" == *"is not an aduan command"* ]]
}

@test "aduan with no command says what to do and exits 2" {
	run aduan
	[ "$status" -eq 2 ]
	[[ "$output" == *"aduan help"* ]]
}

@test "aduan help COMMAND shows that command's usage" {
	run aduan help sop
	[ "$status" -eq 0 ]
	[[ "$output" == "usage: aduan sop "* ]]
}

@test "a command on PATH is found when it is not beside aduan" {
	mkdir -p "$BATS_TEST_TMPDIR/bin"
	printf '#!/bin/sh\necho extra "$@"\nexit 3\n' > "$BATS_TEST_TMPDIR/bin/aduan-extra"
	chmod +x "$BATS_TEST_TMPDIR/bin/aduan-extra"
	PATH="$BATS_TEST_TMPDIR/bin:$PATH" run aduan extra one
	[ "$status" -eq 3 ]
	[ "$output" = "extra one" ]
}

@test "the commands are built in: aduan NAME runs in this one process, and aduan-NAME is the same program" {
	command -v strace >/dev/null || skip "no strace"
	[ -z "${ADUAN_VALGRIND:-}" ] || skip "valgrind runs the command itself"
	[ -z "${ADUAN_SANITIZED:-}" ] || skip "LeakSanitizer does not run under ptrace (strace)"
	[ "$(stat -c %i "$top/cmd/aduan")" = "$(stat -c %i "$top/cmd/aduan-new")" ]
	mkdir -p "$ADUAN_DIR"
	run strace -f -qq -e trace=execve -o "$BATS_TEST_TMPDIR/trace" \
	    aduan new -q --pelapor A --lurah B --perihal C --isi D
	[ "$status" -eq 0 ]
	[ "$(grep -c execve "$BATS_TEST_TMPDIR/trace")" -eq 1 ]
	run aduan-sop --check "$SOP"
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "$SOP: a valid SOP, 10 steps" ]]
}
