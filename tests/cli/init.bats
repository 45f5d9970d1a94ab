#!/usr/bin/env bats
# aduan init: the data directory made for the clerks' group, 02770, the
# group made when missing; safe to run again.

bats_require_minimum_version 1.5.0

load helper

setup() {
	[ "$(id -u)" -eq 0 ] || skip "needs root, to make a group"
	command -v groupadd >/dev/null || skip "groupadd is not installed"
	grp=aduanuji$$
}

teardown() {
	[ -n "${grp:-}" ] && getent group "$grp" >/dev/null && groupdel "$grp"
	true
}

modes() {
	stat -c '%a %G' "$ADUAN_DIR" "$ADUAN_DIR/open" "$ADUAN_DIR/closed" "$ADUAN_DIR/seq" | sort -u
}

@test "aduan init makes the directory, its folders and the group, 2770 for the group; again, it says all is set" {
	run -0 aduan init --group "$grp"
	[ "$output" = "aduan init: $ADUAN_DIR: ready for the group $grp (folders 2770, files 0660); add each clerk to it: usermod -aG $grp NAME" ]
	getent group "$grp" >/dev/null
	[ "$(modes)" = "2770 $grp" ]
	run -0 aduan init --group "$grp"
	[ "$output" = "aduan init: $ADUAN_DIR: already set up for the group $grp" ]
	# A folder changed by hand is set right again.
	chmod 0755 "$ADUAN_DIR/open"
	chgrp root "$ADUAN_DIR/seq"
	run -0 aduan init -q --group "$grp"
	[ -z "$output" ]
	[ "$(modes)" = "2770 $grp" ]
	# A case filed there belongs to the group.
	run -0 aduan new -q --pelapor a --lurah b --perihal c --isi d
	[ "$(stat -c '%a %G' "$ADUAN_DIR/open/$output.log")" = "660 $grp" ]
}

@test "without root, a missing group is refused with what to do, exit 4, and nothing made" {
	run -4 setpriv --reuid=nobody --regid=nogroup --clear-groups aduan init --group "$grp" -D "$BATS_TEST_TMPDIR/x"
	[ "$output" = "aduan init: the group '$grp' does not exist; run aduan init as root, which makes it" ]
	[ ! -e "$BATS_TEST_TMPDIR/x" ]
}

@test "a data directory that is a link is refused by aduan init" {
	mkdir "$BATS_TEST_TMPDIR/elsewhere"
	ln -s "$BATS_TEST_TMPDIR/elsewhere" "$ADUAN_DIR"
	run aduan init --group "$grp"
	[ "$status" -ne 0 ]
	[ "$(stat -c %a "$BATS_TEST_TMPDIR/elsewhere")" != 2770 ]
}

@test "aduan init --check says what is wrong, one line a thing, and changes nothing: folders, group, you in it, locale, cron, seals, the calendar's year" {
	# Before anything: the group and the folders are missing.
	run -1 aduan init --check --group "$grp"
	[[ "${lines[0]}" == "PROBLEM  the clerks' group $grp does not exist: sudo aduan init makes it" ]]
	[[ "$output" == *"PROBLEM  $ADUAN_DIR: missing or not a folder"* ]]
	[ ! -e "$ADUAN_DIR" ]
	run -0 aduan init -q --group "$grp"
	export LC_ALL=C.UTF-8
	S="$BATS_TEST_TMPDIR/seal"
	aduan seal --setup -q --seal-dir "$S" >/dev/null
	ADUAN_SEAL_DIR="$S" run aduan init --check --group "$grp"
	[[ "${lines[0]}" == "ok       the clerks' group $grp exists" ]]
	[[ "${lines[1]}" == "ok       $ADUAN_DIR: mode 2770, group $grp" ]]
	[[ "$output" == *"ok       you are in the group $grp, or root"* ]]
	[[ "$output" == *"ok       the locale's characters: UTF-8"* ]]
	[[ "$output" == *"the seals are set up in $S"* ]]
	[[ "$output" == *"ok       the calendar has this year's holidays"* ]]
	# A folder set wrong by hand is named, and left as it is.
	chmod 0755 "$ADUAN_DIR/open"
	ADUAN_SEAL_DIR="$S" run -1 aduan init --check --group "$grp"
	[[ "$output" == *"PROBLEM  $ADUAN_DIR/open: mode 2755, group $grp: sudo aduan init sets 2770 and the group"* ]]
	[ "$(stat -c %a "$ADUAN_DIR/open")" = 2755 ]
	# With no seals: said.
	run aduan init --check --group "$grp"
	[[ "$output" == *"PROBLEM  no seals in $ADUAN_DIR-seal"* ]]
}

@test "aduan init --check says when the server's zone is not the office's, since cron reads the hours of /etc/cron.d/aduan in it" {
	run -0 aduan init -q --group "$grp"
	TZ=Asia/Jakarta run aduan init --check --group "$grp"
	[ "${lines[-1]}" = "ok       the server's clock is in the office's zone, +07:00" ]
	TZ=UTC run -1 aduan init --check --group "$grp"
	[ "${lines[-1]}" = "PROBLEM  the server's clock is +00:00, not the office's +07:00: cron reads the hours of /etc/cron.d/aduan in it; timedatectl set-timezone Asia/Jakarta" ]
	TZ=America/St_Johns run -1 aduan init --check --group "$grp"
	[[ "${lines[-1]}" == "PROBLEM  the server's clock is -0"[23]":30, not"* ]]
}
