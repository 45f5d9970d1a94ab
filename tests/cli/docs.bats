#!/usr/bin/env bats
# Cross-cutting checks that keep the documentation honest: every command has
# a page and a dispatcher entry, each usage equals its SYNOPSIS, the pages
# lint clean, and every exit status of aduan(1) is produced by some test.

load helper

# commands: the names of the built commands, aduan-NAME without the prefix.
commands() {
	local f
	for f in "$top"/cmd/aduan-*; do
		case $f in *.c | *.o) continue ;; esac
		[ -f "$f" ] && [ -x "$f" ] || continue
		echo "${f##*/aduan-}"
	done
}

# usage_of PROG: the usage lines PROG --help prints first, one a line,
# without "usage: " and indentation, white space collapsed.
usage_of() {
	"$top/cmd/$1" --help | awk -v name="$1" '
	    NR == 1 { if (sub(/^usage: /, "")) { print; next } exit }
	    { sub(/^[ \t]+/, "") }
	    index($0, name " ") == 1 || $0 == name { print; next }
	    { exit }' | tr -s ' \t' '  ' | sed 's/ $//'
}

# page_of PROG: the man page of PROG, section 1 or 8 (the sealer's).
page_of() {
	local f
	for f in "$top/man/$1.1" "$top/man/$1.8"; do
		[ -f "$f" ] && { echo "$f"; return 0; }
	done
	return 1
}

# synopsis_of PROG: the SYNOPSIS of man/PROG.1 as rendered, one line per .Nm
# block (a wrapped line joined to its block), white space collapsed.
synopsis_of() {
	mandoc -Tascii "$(page_of "$1")" | col -b | awk -v name="$1" '
	    /^SYNOPSIS$/ { on = 1; next }
	    on && /^[^ \t]/ { exit }
	    !on || NF == 0 { next }
	    { sub(/^[ \t]+/, "") }
	    index($0, name " ") == 1 || $0 == name {
		if (cur != "") print cur
		cur = $0
		next
	    }
	    { cur = cur " " $0 }
	    END { if (cur != "") print cur }' | tr -s ' \t' '  ' | sed 's/ $//'
}

@test "the commands this tree builds are found" {
	[ "$(commands | wc -l)" -ge 8 ]
	commands | grep -qx sop
	commands | grep -qx new
}

@test "every command has a man page" {
	missing=
	for c in $(commands); do
		page_of "aduan-$c" >/dev/null || missing="$missing man/aduan-$c.1"
	done
	[ -z "$missing" ] || { echo "missing man pages:$missing"; false; }
}

@test "every command has an entry in aduan help" {
	run aduan help
	[ "$status" -eq 0 ]
	missing=
	for c in $(commands); do
		grep -qE "^ +$c +[^ ]" <<<"$output" || missing="$missing $c"
	done
	[ -z "$missing" ] || { echo "not in 'aduan help':$missing"; false; }
}

@test "every command in aduan help is a command this tree builds" {
	run aduan help
	for c in $(sed -n 's/^   \([a-z][a-z-]*\)  .*/\1/p' <<<"$output"); do
		[ -x "$top/cmd/aduan-$c" ] || { echo "'aduan help' lists $c, no cmd/aduan-$c"; false; }
	done
}

@test "each command's usage lines equal the SYNOPSIS of its man page" {
	bad=0
	for prog in aduan $(commands | sed 's/^/aduan-/'); do
		if ! page_of "$prog" >/dev/null; then
			echo "$prog: man/$prog.1 is missing"
			bad=1
			continue
		fi
		u=$(usage_of "$prog")
		s=$(synopsis_of "$prog")
		if [ -z "$u" ]; then
			echo "$prog: --help prints no usage line"
			bad=1
		elif [ "$u" != "$s" ]; then
			echo "$prog: usage and SYNOPSIS differ:"
			diff <(echo "$u") <(echo "$s") | sed 's/^/    /'
			bad=1
		fi
	done
	[ "$bad" -eq 0 ]
}

@test "the normaliser joins a wrapped SYNOPSIS line and splits at each .Nm" {
	mkdir "$BATS_TEST_TMPDIR/man"
	cat > "$BATS_TEST_TMPDIR/man/aduan-uji.1" <<-'EOF'
	.Dd November 29, 2026
	.Dt ADUAN-UJI 1
	.Os
	.Sh NAME
	.Nm aduan-uji
	.Nd a page for the test
	.Sh SYNOPSIS
	.Nm aduan-uji
	.Ar id
	.Fl \-satu Ar nama
	.Op Fl \-dua Ar nama ...
	.Op Fl \-tiga Cm a Ns | Ns Cm b
	.Op Fl hqV
	.Op Fl \-at Ar waktu
	.Op Fl \-by Ar nama
	.Op Fl D Ar dir
	.Op Fl \-sop Ar file
	.Op Fl \-step Ar n
	.Nm aduan-uji
	.Ar id
	.Fl \-hadir
	.Sh DESCRIPTION
	Nothing.
	EOF
	top="$BATS_TEST_TMPDIR" run synopsis_of aduan-uji
	[ "${#lines[@]}" -eq 2 ]
	[ "${lines[0]}" = "aduan-uji id --satu nama [--dua nama ...] [--tiga a|b] [-hqV] [--at waktu] [--by nama] [-D dir] [--sop file] [--step n]" ]
	[ "${lines[1]}" = "aduan-uji id --hadir" ]
}

@test "the man pages lint clean with mandoc -Tlint -Wwarning" {
	run mandoc -Tlint -Wwarning "$top"/man/*.[157]
	[ -z "$output" ]
	[ "$status" -eq 0 ]
}

@test "every exit status listed in aduan(1) is asserted by some test" {
	codes=$(awk '/^\.Sh EXIT STATUS/ { on = 1; next }
	    on && /^\.Sh / { exit }
	    on && /^\.It [0-9]+$/ { print $2 }' "$top/man/aduan.1")
	[ -n "$codes" ]
	[[ "$(echo $codes)" == "0 1 2 3 4 5 6 7 8" ]]
	missing=
	for n in $codes; do
		grep -qF "[ \"\$status\" -eq $n ]" $(ls "$BATS_TEST_DIRNAME"/*.bats |
		    grep -v '/docs\.bats$') || missing="$missing $n"
	done
	[ -z "$missing" ] || { echo "no test asserts exit status:$missing"; false; }
}

@test "the README's map lists every source file of the tree" {
	map=$(sed -n '/^## Where things are$/,/^## /p' "$top/README.md")
	[ -n "$map" ]
	missing=
	for f in $(cd "$top" && git ls-files 2>/dev/null | grep -v -e '/corpus/' -e '/regress/' -e '^man/' -e '^\.gitignore$' -e '^README.md$'); do
		b=${f##*/}
		grep -qF -- "$b" <<<"$map" || missing="$missing $f"
	done
	[ -z "$missing" ] || { echo "not in the README's map:$missing"; false; }
}

# The Indonesian pages: man/id/PAGE made by po4a from man/PAGE and
# po/man/PAGE.id.po (the Makefile, make man-po).

# po4a_opts: the options every page is made with, one line of their own.
po4a_opts() {
	cat "$top/po/man/po4a-options"
}

# pages: the English pages, PAGE a line (aduan-new.1).
pages() {
	local f
	for f in "$top"/man/*.[1-8]; do echo "${f##*/}"; done
}

# msgids PO: the msgids of PO that are not obsolete, sorted, one per line
# with its continuations, the header's empty one included.
msgids() {
	msgcat --sort-output --no-wrap "$1" |
	    awk '/^msgid / { on = 1 } /^msgstr/ { on = 0 } on'
}

@test "every man page has its Indonesian PO file, and every PO file its page" {
	missing=
	for p in $(pages); do
		[ -f "$top/po/man/$p.id.po" ] || missing="$missing po/man/$p.id.po"
	done
	for f in "$top"/po/man/*.id.po; do
		p=${f##*/}
		[ -f "$top/man/${p%.id.po}" ] || missing="$missing man/${p%.id.po}"
	done
	[ -z "$missing" ] || { echo "missing:$missing"; false; }
}

@test "every Indonesian PO file is translated whole: nothing fuzzy or empty" {
	bad=
	for p in $(pages); do
		f="$top/po/man/$p.id.po"
		[ -f "$f" ] || continue
		s=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$f" 2>&1) ||
			{ bad="$bad $p"; echo "$p: $s"; continue; }
		s=$(tail -n 1 <<<"$s")
		case $s in
		*fuzzy* | *untranslated*) bad="$bad $p"; echo "$p: $s" ;;
		esac
	done
	[ -z "$bad" ]
}

@test "every Indonesian PO file is current: updating it to its page changes no msgid" {
	bad=
	for p in $(pages); do
		f="$top/po/man/$p.id.po"
		[ -f "$f" ] || continue
		cp "$f" "$BATS_TEST_TMPDIR/$p.po"
		(cd "$top" && po4a-updatepo -f man -M UTF-8 $(po4a_opts) \
		    --msgmerge-opt=--backup=off -m "man/$p" \
		    -p "$BATS_TEST_TMPDIR/$p.po") >/dev/null 2>&1 ||
			{ bad="$bad $p"; echo "$p: po4a-updatepo failed"; continue; }
		d=$(diff <(msgids "$f") <(msgids "$BATS_TEST_TMPDIR/$p.po")) || {
			bad="$bad $p"
			echo "po/man/$p.id.po is behind man/$p (make man-po):"
			sed 's/^/    /' <<<"$d" | head -20
		}
	done
	[ -z "$bad" ]
}

@test "the Indonesian man pages build whole and lint clean with mandoc -Tlint -Wwarning" {
	mkdir "$BATS_TEST_TMPDIR/id"
	bad=
	for p in $(pages); do
		[ -f "$top/po/man/$p.id.po" ] || continue
		e=$(cd "$top" && po4a-translate -f man -M UTF-8 $(po4a_opts) \
		    -L UTF-8 -k 100 -m "man/$p" -p "po/man/$p.id.po" \
		    -l "$BATS_TEST_TMPDIR/id/$p" 2>&1)
		[ -f "$BATS_TEST_TMPDIR/id/$p" ] || {
			bad="$bad $p"
			echo "man/id/$p is not built:"
			grep -v deprecated <<<"$e" | sed 's/^/    /'
		}
	done
	if [ -n "$(ls "$BATS_TEST_TMPDIR/id")" ]; then
		run mandoc -Tlint -Wwarning "$BATS_TEST_TMPDIR"/id/*
		[ -z "$output" ] || { bad="$bad lint"; echo "${output//$BATS_TEST_TMPDIR/man}"; }
		[ "$status" -eq 0 ] || bad="$bad lint"
	fi
	[ -z "$bad" ]
}

@test "every command's --help says what it does, each option in a sentence, and two examples as typed; in Indonesian too" {
	bad=
	for c in $(commands); do
		out=$("$top/cmd/aduan" "$c" --help)
		grep -qx "Options:" <<<"$out" || bad="$bad $c:options"
		[ "$(sed -n '/^Examples:$/,/^$/p' <<<"$out" | grep -c "^  aduan $c")" -eq 2 ] || bad="$bad $c:examples"
		# No option without its sentence.
		if sed -n '/^Options:$/,/^$/p' <<<"$out" | grep -qE '^  -[^ ]*( [A-Z]+)?$'; then
			bad="$bad $c:bare-option"
		fi
		id=$(LANGUAGE=id LC_ALL=C.UTF-8 "$top/cmd/aduan" "$c" --help)
		grep -qx "Pilihan:" <<<"$id" || bad="$bad $c:pilihan"
		grep -qx "Contoh:" <<<"$id" || bad="$bad $c:contoh"
	done
	[ -z "$bad" ] || { echo "incomplete --help:$bad"; false; }
}
