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
