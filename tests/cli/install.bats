#!/usr/bin/env bats
# make install and uninstall, honouring PREFIX and DESTDIR, in a copy of
# the tree so that the tree's own build is left alone.

load helper

setup() {
	[ -z "${ADUAN_VALGRIND:-}" ] || skip "runs the installed commands by path, not under valgrind"
	src="$BATS_TEST_TMPDIR/src"
	mkdir -p "$src"
	(cd "$top" && tar cf - --exclude=man/id Makefile debian/changelog cmd/*.c cmd/*.h \
	    lib/*.c lib/*.h sop man po/*.po po/man completion) |
		(cd "$src" && tar xf -)
}

@test "make install puts every command, page (English and Indonesian) and SOP file under PREFIX" {
	p="$BATS_TEST_TMPDIR/prefix"
	run make -C "$src" -s install PREFIX="$p"
	[ "$status" -eq 0 ]
	[ -x "$p/bin/aduan" ]
	for c in new assign panggil musyawarah close show list overdue sop; do
		[ -x "$p/libexec/aduan/aduan-$c" ]
		[ -f "$p/share/man/man1/aduan-$c.1" ]
		[ -f "$p/share/man/id/man1/aduan-$c.1" ]
	done
	[ -f "$p/share/man/man5/aduan-log.5" ]
	[ -f "$p/share/man/man7/aduan.7" ]
	[ -f "$p/share/man/id/man1/aduan.1" ]
	[ -f "$p/share/man/id/man5/aduan-log.5" ]
	[ -f "$p/share/man/id/man7/aduan.7" ]
	# Where bash-completion looks for a command's completion.
	[ -f "$p/share/bash-completion/completions/aduan" ]
	[ -f "$p/share/man/id/man8/aduan-seal.8" ]
	grep -q '^\.Sh DESKRIPSI$' "$p/share/man/id/man1/aduan-new.1"
	[ -f "$p/share/aduan/sop/kranggan.yaml" ]
	[ -f "$p/share/aduan/sop/kalender.yaml" ]
	[ -f "$p/share/locale/id/LC_MESSAGES/aduan.mo" ]
}

@test "the installed aduan finds its commands and the installed SOP" {
	p="$BATS_TEST_TMPDIR/prefix"
	make -C "$src" -s install PREFIX="$p"
	rm -rf "$src"
	PATH=/usr/bin:/bin run "$p/bin/aduan" sop --format json
	[ "$status" -eq 0 ]
	[ "$(jq '.steps | length' <<<"$output")" -eq 10 ]
	PATH=/usr/bin:/bin run "$p/bin/aduan" new --pelapor A --lurah B --perihal C --isi D -q
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "2026-0001" ]
	[ -f "$ADUAN_DIR/open/2026-0001.log" ]
}

@test "make uninstall removes what install put there" {
	p="$BATS_TEST_TMPDIR/prefix"
	make -C "$src" -s install PREFIX="$p"
	run make -C "$src" -s uninstall PREFIX="$p"
	[ "$status" -eq 0 ]
	[ -z "$(find "$p" -type f)" ]
}

@test "DESTDIR stages an install without changing the paths built in" {
	d="$BATS_TEST_TMPDIR/stage"
	run make -C "$src" -s install PREFIX=/opt/aduan DESTDIR="$d"
	[ "$status" -eq 0 ]
	[ -x "$d/opt/aduan/bin/aduan" ]
	grep -q /opt/aduan/share/aduan/sop "$d/opt/aduan/bin/aduan"
	run ! grep -q "$d" "$d/opt/aduan/bin/aduan"
	# Each command is a link to aduan by the path it will have.
	[ "$(readlink "$d/opt/aduan/libexec/aduan/aduan-sop")" = /opt/aduan/bin/aduan ]
}
