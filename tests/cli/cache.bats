#!/usr/bin/env bats
# The commands' caches (aduan-overdue(1), FILES): what the overdue scan
# worked out of each open case, and the trees of the YAML files parsed
# before.  A cache says what its owner's last run saw and nothing more: a
# log changed in any way is read again, a cache another user could write
# is not used, and the output is the same with or without one.

load helper
load workflow

LATER="2026-03-04 09:00"
C="$BATS_TEST_TMPDIR/cache/aduan"

# A case remembered is one whose log is a tenth of a second old or more
# (a newer one could change again within its file times' tick): waited
# for here, not raced.
settle() {
	sleep 0.2
}

# scanfile: the scan's cache of the data directory.
scanfile() {
	local f
	for f in "$C"/scan-*; do echo "$f"; done
}

# forge ID NEXT: the cache's line of ID made to say it waits for step NEXT.
forge() {
	local f
	f=$(scanfile)
	awk -F'\t' -v OFS='\t' -v id="$1" -v n="$2" \
	    '$1 == id { $7 = n } { print }' "$f" > "$f.new"
	chmod 600 "$f.new"
	mv "$f.new" "$f"
}

# heads DIR: the last head the checkpoint of DIR noted for each case.
heads() {
	awk -F'\t' 'NF == 8 { h[$3] = $3 "\t" $4 "\t" $5 "\t" $6 }
	    END { for (k in h) print h[k] }' "$1/checkpoint.log" | sort
}

# logheads DIR: the head of each open log of DIR, as the checkpoint notes
# one: ID, events, size, the hash of its last line.
logheads() {
	local f
	for f in "$1"/open/*.log; do
		printf '%s\t%s\t%s\t%s\n' "$(basename "$f" .log)" \
		    "$(($(wc -l < "$f") - 1))" "$(stat -c %s "$f")" \
		    "$(tail -n 1 "$f" | awk -F'\t' '{ print $NF }')"
	done | sort
}

@test "an unchanged case is read from the cache, a changed one from its log" {
	walk_to 2; a=$id
	walk_to 4; b=$id
	settle
	ADUAN_NOW=$LATER run -1 aduan overdue --all --format tsv
	before=$output
	[ "$(cut -f1,2 <<<"$output")" = "$a	2
$b	4" ]
	f=$(scanfile)
	[ "$(stat -c %a "$f")" = 600 ]
	[ "$(sed -n 1p "$f" | cut -f1)" = "aduan-cache 2" ]
	[ "$(tail -n +2 "$f" | cut -f1)" = "$a
$b" ]
	# Believed while the log is as it was: its owner's own word.
	forge "$a" 7
	ADUAN_NOW=$LATER run -1 aduan overdue --all --format tsv
	[ "$(cut -f1,2 <<<"$output")" = "$a	7
$b	4" ]
	# A clerk records on the case: its log is read again.
	aduan assign -q "$a" --step 2
	ADUAN_NOW=$LATER run -1 aduan overdue --all --format tsv
	[ "$(cut -f1,2 <<<"$output")" = "$a	3
$b	4" ]
	# Without any cache, the same.
	HOME= XDG_CACHE_HOME= ADUAN_NOW=$LATER run -1 aduan overdue --all \
	    --format tsv
	[ "$(cut -f1,2 <<<"$output")" = "$a	3
$b	4" ]
	[ "$before" != "$output" ]
}

@test "a cache another user could write, or in a folder not the user's, is not used" {
	walk_to 2; a=$id
	settle
	ADUAN_NOW=$LATER run -1 aduan overdue --all --format tsv
	want=$output
	forge "$a" 7
	chmod 660 "$(scanfile)"
	ADUAN_NOW=$LATER run -1 aduan overdue --all --format tsv
	[ "$output" = "$want" ]
	forge "$a" 7
	chmod 750 "$C"
	ADUAN_NOW=$LATER run -1 aduan overdue --all --format tsv
	[ "$output" = "$want" ]
	chmod 700 "$C"
	if [ "$(id -u)" -eq 0 ]; then
		chown 65534 "$C"
		ADUAN_NOW=$LATER run -1 aduan overdue --all --format tsv
		[ "$output" = "$want" ]
		chown 0 "$C"
	fi
	# Negative control: the forged line is believed once the folder is
	# the user's alone again.
	ADUAN_NOW=$LATER run -1 aduan overdue --all --format tsv
	[ "$(cut -f1,2 <<<"$output")" = "$a	7" ]
}

@test "a log rewritten with its times set back, or replaced by a link, is read again" {
	walk_to 2; a=$id; alog=$log
	walk_to 2; b=$id; blog=$log
	settle
	ADUAN_NOW=$LATER run -1 aduan overdue --all --format tsv
	[ "$(cut -f1 <<<"$output" | wc -l)" -eq 2 ]
	# In place, the same size, the same modification time: only the
	# status-change time, which no one sets back, says so.
	cp -p "$alog" "$BATS_TEST_TMPDIR/a.orig"
	at=$(grep -bo 'Budi Santoso' "$alog" | head -1 | cut -d: -f1)
	printf 'Budi Santosa' | dd of="$alog" bs=1 seek="$at" conv=notrunc \
	    status=none
	touch -r "$BATS_TEST_TMPDIR/a.orig" "$alog"
	[ "$(stat -c %i.%s.%Y "$alog")" = \
	    "$(stat -c %i "$alog").$(stat -c %s.%Y "$BATS_TEST_TMPDIR/a.orig")" ]
	run ! cmp -s "$alog" "$BATS_TEST_TMPDIR/a.orig"
	ADUAN_NOW=$LATER run -6 --separate-stderr aduan overdue --all \
	    --format tsv
	[ "$(cut -f1 <<<"$output")" = "$b" ]
	[[ "$stderr" == "aduan overdue: $a: "* ]]
	# A hard link to the log kept elsewhere, in the log's place.
	mv "$blog" "$BATS_TEST_TMPDIR/b.log"
	ln "$BATS_TEST_TMPDIR/b.log" "$blog"
	ADUAN_NOW=$LATER run -6 --separate-stderr aduan overdue --all
	grep -qxF "aduan overdue: $b: the log is not a plain file of the data directory (a link or a special file); refusing to use it" <<<"$stderr"
}

@test "the cron run with a cache says and flags what it says without one" {
	for s in 2 2 4 5 6 7; do walk_to "$s"; done
	cp -a "$ADUAN_DIR" "$BATS_TEST_TMPDIR/other"
	settle
	for at in "2026-03-02 13:00" "$LATER" "2026-03-09 09:00"; do
		ADUAN_NOW=$at run aduan overdue --format tsv
		with="$status $output"
		HOME= XDG_CACHE_HOME= ADUAN_DIR=$BATS_TEST_TMPDIR/other \
		    ADUAN_NOW=$at run aduan overdue --format tsv
		[ "$with" = "$status $output" ]
		# The witness holds every log's head, taken or left out.
		[ "$(heads "$ADUAN_DIR")" = "$(logheads "$ADUAN_DIR")" ]
		o=$BATS_TEST_TMPDIR/other
		[ "$(heads "$o")" = "$(logheads "$o")" ]
		[ "$(heads "$ADUAN_DIR" | cut -f1-3)" = "$(heads "$o" | cut -f1-3)" ]
		[ -n "$(heads "$ADUAN_DIR")" ]
		ADUAN_NOW=$at run aduan overdue --all --format json
		with="$status $output"
		HOME= XDG_CACHE_HOME= ADUAN_DIR=$BATS_TEST_TMPDIR/other \
		    ADUAN_NOW=$at run aduan overdue --all --format json
		[ "$with" = "$status $output" ]
		settle
	done
	run aduan overdue --all
	# The flags went into the logs: the same late events in both.
	for f in "$ADUAN_DIR"/open/*.log; do
		[ "$(cut -f5,6 "$f")" = \
		    "$(cut -f5,6 "$BATS_TEST_TMPDIR/other/open/${f##*/}")" ]
	done
	run -0 aduan verify -q
	[ "$(tail -n +2 "$(scanfile)" | wc -l)" -eq 6 ]
}

# The cron run's take leaves out a log its cache says a take went after,
# unchanged since, while the checkpoint file is the one its note names,
# no shorter; a forged line shows it believed, a new checkpoint not.
@test "the cron run takes again only what changed since its last take, while the checkpoint is the one it knew" {
	walk_to 2; a=$id
	walk_to 4; b=$id
	settle
	run -0 aduan overdue
	f=$(scanfile)
	[ "$(tail -n +2 "$f" | cut -f1,11)" = "$a	1
$b	1" ]
	n=$(ls "$C"/noted-*) && [ "$(stat -c %a "$n")" = 600 ]
	[ "$(cut -f1 "$n")" = checkpoint ]
	# An --all run takes nothing: what it reads again it does not mark.
	aduan assign -q "$a" --step 2
	settle
	run aduan overdue --all
	[ "$(tail -n +2 "$f" | cut -f1,11)" = "$a	0
$b	1" ]
	run aduan overdue
	[ "$(tail -n +2 "$f" | cut -f1,11)" = "$a	1
$b	1" ]
	[ "$(heads "$ADUAN_DIR" | grep "^$a	" | cut -f2)" -eq \
	    "$(($(wc -l < "$ADUAN_DIR/open/$a.log") - 1))" ]
	# A new case, its line forged as taken: left out, so never noted.
	walk_to 2; c=$id
	settle
	run aduan overdue --all
	awk -F'\t' -v OFS='\t' -v id="$c" '$1 == id { $11 = 1 } { print }' \
	    "$f" > "$f.new"
	chmod 600 "$f.new" && mv "$f.new" "$f"
	run aduan overdue
	run ! grep -q "	$c	" "$ADUAN_DIR/checkpoint.log"
	# The checkpoint made again (another file): everything is taken.
	cp -p "$ADUAN_DIR/checkpoint.log" "$BATS_TEST_TMPDIR/cp"
	mv "$BATS_TEST_TMPDIR/cp" "$ADUAN_DIR/checkpoint.log"
	run aduan overdue
	grep -q "	$c	" "$ADUAN_DIR/checkpoint.log"
	run -0 aduan verify -q
}

@test "a YAML file's tree is remembered by its text: the same faults, at the same line and column" {
	bad="$BATS_TEST_TMPDIR/bad.yaml"
	sed 's/^\(  *\)waktu: 1 hari/\1waktu: 1 windu/' "$SOP" > "$bad"
	run ! cmp -s "$bad" "$SOP"
	run -5 aduan sop --check "$bad"
	first=$output
	[[ "$output" == "aduan sop: $bad:"[0-9]*:[0-9]*": "* ]]
	key=$(sha256sum "$bad" | cut -c1-64)
	[ -f "$C/tree-$key" ]
	[ "$(stat -c %a "$C/tree-$key")" = 600 ]
	run -5 aduan sop --check "$bad"
	[ "$output" = "$first" ]
	# A tree that is not whole is passed over, and made again.
	head -c 100 "$C/tree-$key" > "$C/t" && mv "$C/t" "$C/tree-$key"
	chmod 600 "$C/tree-$key"
	run -5 aduan sop --check "$bad"
	[ "$output" = "$first" ]
	[ "$(stat -c %s "$C/tree-$key")" -gt 100 ]
	# A syntax error is never remembered.
	printf 'a: [\n' > "$bad"
	run -5 aduan sop --check "$bad"
	[ ! -e "$C/tree-$(sha256sum "$bad" | cut -c1-64)" ]
}

@test "a remembered tree is believed only from the user's own file" {
	walk_to 2; a=$id
	run -0 aduan show "$a"
	key=$(sha256sum "$SOP" | cut -c1-64)
	t="$C/tree-$key"
	[ -f "$t" ]
	# The tree of another SOP, under this one's name: believed as its
	# owner's own word ...
	other="$BATS_TEST_TMPDIR/other.yaml"
	cp "$top/sop/kalender.yaml" "$BATS_TEST_TMPDIR/"
	sed 's/^\(  *nama: \)Camat menerima warga$/\1Camat menyambut warga/' \
	    "$SOP" > "$other"
	run ! cmp -s "$other" "$SOP"
	run -0 aduan sop --sop "$other"
	okey=$(sha256sum "$other" | cut -c1-64)
	printf 'aduan-tree 1\n%s\n' "$key" > "$t.new"
	tail -c +79 "$C/tree-$okey" >> "$t.new"
	chmod 600 "$t.new"
	mv "$t.new" "$t"
	ADUAN_NOW=$LATER run -1 aduan overdue --all
	[[ "$output" == *"Camat menyambut warga"* ]]
	# ... but not once another user could have written it.
	chmod 640 "$t"
	ADUAN_NOW=$LATER run -1 aduan overdue --all
	[[ "$output" == *"Camat menerima warga"* ]]
}

@test "with no home for a cache, nothing is written and all works" {
	walk_to 2
	settle
	rm -rf "$BATS_TEST_TMPDIR/cache"
	HOME= XDG_CACHE_HOME= ADUAN_NOW=$LATER run -1 aduan overdue --all
	[ -n "$output" ]
	HOME=relative XDG_CACHE_HOME=also-relative ADUAN_NOW=$LATER run -1 \
	    aduan overdue
	[ -n "$output" ]
	[ ! -e "$BATS_TEST_TMPDIR/cache" ]
	[ ! -e relative ] && [ ! -e also-relative ]
	# A cache folder that is a file: passed over.
	printf x > "$BATS_TEST_TMPDIR/cache"
	ADUAN_NOW=$LATER run -1 aduan overdue
	[ -z "$output" ]
	[ "$(cat "$BATS_TEST_TMPDIR/cache")" = x ]
}
