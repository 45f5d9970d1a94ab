#!/usr/bin/env bats
# A hostile environment (issue 6, item 7): links, FIFOs and folders planted
# in the data directory, two clerks of one group under umask 022, closed
# standard descriptors, malformed logs, an unreadable or missing data
# directory, and a missing or broken SOP.  Every command refuses or skips
# with a message naming itself and what is wrong, exits with a documented
# status, never hangs, and leaves whatever lies outside the data directory
# byte for byte as it was.
#
# The clerks are numeric ids that need not exist; acting as them needs
# root and setpriv(1), as CI has.  Without them those parts skip.

load helper
load workflow

GGG=4242	# the clerks' group
CLERK1=4201
CLERK2=4202
# Two working days on: a case filed at ADUAN_NOW is late at step 2, and
# at step 4 once assigned.
LATER="2026-03-04 09:00"
REFUSED="the log is not a plain file of the data directory (a link or a special file); refusing to use it"

clerk_ok() {
	[ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null
}

need_clerk() {
	clerk_ok || skip "needs root and setpriv to act as a clerk"
}

# who: this process, then a clerk when this run can act as one.
who() {
	echo self
	if clerk_ok; then echo "$CLERK1"; fi
}

# as WHO CMD...: CMD as this process (self) or as the clerk of uid WHO,
# of group GGG alone; bounded, so that a command that hangs fails.
as() {
	local w=$1
	shift
	if [ "$w" = self ]; then
		timeout 30 "$@"
	else
		timeout 30 setpriv --reuid="$w" --regid="$GGG" --clear-groups "$@"
	fi
}

# shared: the data directory as an office shares it among its clerks
# (aduan-log(5), FILES): group GGG, mode 02770, the way to it open.
shared() {
	local d=$BATS_TEST_TMPDIR
	[[ "$d" == "$BATS_RUN_TMPDIR/"* ]] || skip "the test's folder is not in the run's"
	while [ "$d" != "${BATS_RUN_TMPDIR%/*}" ]; do
		chmod o+x "$d"
		d=${d%/*}
	done
	mkdir -p "$ADUAN_DIR"
	chgrp "$GGG" "$ADUAN_DIR"
	chmod 02770 "$ADUAN_DIR"
}

# outside: a folder beside the data directory, writable by the clerks, so
# that only aduan's own checks keep them from what is planted there.
outside() {
	out=$BATS_TEST_TMPDIR/outside
	mkdir -p "$out"
	if clerk_ok; then
		chgrp "$GGG" "$out"
		chmod 02770 "$out"
	fi
}

# grant: what lies in the outside folder, open to the clerks.
grant() {
	if clerk_ok; then
		chgrp -R "$GGG" "$out"
		find "$out" -mindepth 1 -type f -exec chmod 0666 {} +
	fi
}

# fingerprint DIR: every name below DIR with its type, mode, links and
# size, and the SHA-256 of every file.
fingerprint() {
	(cd "$1" && find . -printf '%p %y %m %n %s\n' | sort &&
	    find . -type f -exec sha256sum {} + | sort)
}

# closed HOW CMD...: CMD with standard input, output, error or all three
# closed.
closed() {
	local how=$1
	shift
	case $how in
	in) "$@" <&- ;;
	out) "$@" >&- ;;
	err) "$@" 2>&- ;;
	all) "$@" <&- >&- 2>&- ;;
	esac
}

# chain BODY: appends to $log the line BODY with its chain hash, as a
# writer would (aduan-log(5)).
chain() {
	local prev
	prev=$(tail -n 1 "$log")
	prev=${prev##*$'\t'}
	printf '%s\t%s\n' "$1" "$(printf '%s\t%s\n' "$prev" "$1" |
	    sha256sum | cut -c1-64)" >> "$log"
}

# body_of LEN: the body of event 2, step 2 done, padded with catatan
# fields so that the whole line, hash and LF included, is LEN bytes.
body_of() {
	local b=$'2\t2026-03-02T09:00:00+07:00\t2026-03-02T09:00:00+07:00\tPetugas Uji\t2\tdone'
	local left=$(($1 - 66 - ${#b})) n pad
	pad=$(printf '%16000s' '' | tr ' ' a)
	while [ "$left" -gt 0 ]; do
		n=$((left - 9 > 16000 ? 16000 : left - 9))
		b+=$'\tcatatan='${pad:0:n}
		left=$((left - 9 - n))
	done
	printf '%s' "$b"
}

@test "case logs planted as links, a FIFO or a folder are refused by every command, as root and as a clerk" {
	clerk_ok && shared
	outside
	for i in 1 2 3 4 5 6; do new_case "Pelapor $i"; done
	o=$ADUAN_DIR/open
	# Real logs of their cases, moved out: followed, they would be used.
	mv "$o/2026-0002.log" "$out/a.log"
	ln -s "$out/a.log" "$o/2026-0002.log"
	mv "$o/2026-0003.log" "$out/b.log"
	ln "$out/b.log" "$o/2026-0003.log"
	rm "$o/2026-0004.log"
	mkfifo -m 0666 "$o/2026-0004.log"
	rm "$o/2026-0005.log"
	mkdir -m 0777 "$o/2026-0005.log"
	mv "$o/2026-0006.log" "$out/c.log"
	ln -s "$out/c.log" "$ADUAN_DIR/closed/2026-0006.log"
	grant
	before=$(fingerprint "$out")
	planted="2026-0002 2026-0003 2026-0004 2026-0005 2026-0006"
	for w in $(who); do
		for p in $planted; do
			run -6 as "$w" aduan show "$p"
			[ "$output" = "aduan show: $p: $REFUSED" ]
			run -6 as "$w" aduan assign "$p" --kepada K
			[ "$output" = "aduan assign: $p: $REFUSED" ]
			run -6 as "$w" aduan panggil "$p" --step 4
			[ "$output" = "aduan panggil: $p: $REFUSED" ]
			run -1 as "$w" aduan verify -q "$p"
			[ "$output" = "$p: link at line 0: $REFUSED" ]
		done
		run -6 --separate-stderr as "$w" aduan list --status all --format tsv
		[ "$(cut -f1 <<<"$output")" = 2026-0001 ]
		[ "${#stderr_lines[@]}" -eq 5 ]
		for p in $planted; do
			grep -qxF "aduan list: $p: $REFUSED" <<<"$stderr"
		done
		ADUAN_NOW=$LATER run -6 --separate-stderr as "$w" aduan overdue --all
		[[ "$output" == "2026-0001  step 2 "* ]]
		[ "${#stderr_lines[@]}" -eq 4 ]
		for p in 2026-0002 2026-0003 2026-0004 2026-0005; do
			grep -qxF "aduan overdue: $p: $REFUSED" <<<"$stderr"
		done
		ADUAN_NOW=$LATER run -6 --separate-stderr as "$w" aduan overdue
		[ "${#stderr_lines[@]}" -eq 4 ]
		run -1 --separate-stderr as "$w" aduan verify -q
		[ "${#lines[@]}" -eq 5 ]
		for p in $planted; do
			grep -qxF "$p: link at line 0: $REFUSED" <<<"$output"
		done
	done
	# A name planted where the next case would go is passed over.
	for w in $(who); do
		n=$(( 10#$(cat "$ADUAN_DIR/seq/2026") + 1 ))
		ln -s "$out/a.log" "$o/2026-$(printf %04d "$n").log"
		run -0 as "$w" aduan new -q --pelapor P --lurah L --perihal H --isi I
		[ "$output" = "2026-$(printf %04d $((n + 1)))" ]
	done
	[ "$(fingerprint "$out")" = "$before" ]
	[ -p "$o/2026-0004.log" ]
	[ -z "$(ls -A "$o/2026-0005.log")" ]
}

@test "an open/, closed/ or seq/ folder replaced by a symlink to a folder outside is refused by every command" {
	clerk_ok && shared
	outside
	walk_closed selesai
	new_case
	for sub in open closed seq; do
		mv "$ADUAN_DIR/$sub" "$out/$sub"
		ln -s "$out/$sub" "$ADUAN_DIR/$sub"
		before=$(fingerprint "$out")
		for w in $(who); do
			for cmd in "new -q --pelapor P --lurah L --perihal H --isi I" \
			    "show 2026-0001" "show $id" "assign $id --kepada K" \
			    "list --status all" overdue "verify $id" verify checkpoint; do
				run -7 as "$w" aduan $cmd
				[ "$output" = "aduan ${cmd%% *}: $ADUAN_DIR/$sub: a symbolic link, not a folder of the data directory; refusing to follow it" ]
			done
		done
		[ "$(fingerprint "$out")" = "$before" ]
		rm "$ADUAN_DIR/$sub"
		mv "$out/$sub" "$ADUAN_DIR/$sub"
	done
	run -0 aduan verify -q
	[ "$(events)" -eq 1 ]
}

@test "a hint or lock of seq/ planted as a link, a FIFO or a folder stops aduan new at once, and nothing outside changes" {
	clerk_ok && shared
	outside
	new_case
	cp "$ADUAN_DIR/seq/2026" "$BATS_TEST_TMPDIR/hint"
	echo 0000000041 > "$out/hint"
	: > "$out/lock"
	grant
	before=$(fingerprint "$out")
	for name in 2026 .lock; do
		for kind in symlink hardlink fifo folder; do
			rm -f "$ADUAN_DIR/seq/$name"
			t=$out/hint
			[ "$name" = 2026 ] || t=$out/lock
			case $kind in
			symlink) ln -s "$t" "$ADUAN_DIR/seq/$name" ;;
			hardlink) ln "$t" "$ADUAN_DIR/seq/$name" ;;
			fifo) mkfifo -m 0666 "$ADUAN_DIR/seq/$name" ;;
			folder) mkdir -m 0777 "$ADUAN_DIR/seq/$name" ;;
			esac
			for w in $(who); do
				run -7 as "$w" aduan new -q --pelapor P --lurah L --perihal H --isi I
				[ "$output" = "aduan new: $ADUAN_DIR/seq/$name: not a plain file (a link or a special file); refusing to use it; nothing was recorded" ]
				[ "$(ls -A "$ADUAN_DIR/open")" = "$id.log" ]
			done
			rm -rf "$ADUAN_DIR/seq/$name"
		done
		[ "$name" = .lock ] || cp "$BATS_TEST_TMPDIR/hint" "$ADUAN_DIR/seq/2026"
	done
	[ "$(fingerprint "$out")" = "$before" ]
	run -0 aduan new -q --pelapor P --lurah L --perihal H --isi I
	[ "$output" = 2026-0002 ]
}

@test "a checkpoint log planted as a link or a FIFO is refused by the cron run, checkpoint and verify" {
	clerk_ok && shared
	outside
	new_case
	aduan checkpoint -q
	mv "$ADUAN_DIR/checkpoint.log" "$out/cp.log"
	grant
	before=$(fingerprint "$out")
	for kind in symlink hardlink fifo; do
		case $kind in
		symlink) ln -s "$out/cp.log" "$ADUAN_DIR/checkpoint.log" ;;
		hardlink) ln "$out/cp.log" "$ADUAN_DIR/checkpoint.log" ;;
		fifo) mkfifo -m 0666 "$ADUAN_DIR/checkpoint.log" ;;
		esac
		for w in $(who); do
			run -7 as "$w" aduan checkpoint
			[[ "$output" == "aduan checkpoint: cannot open the checkpoint: "* ]]
			ADUAN_NOW=$LATER run -7 --separate-stderr as "$w" aduan overdue
			[[ "$stderr" == "aduan overdue: cannot open the checkpoint: "* ]]
			run -7 --separate-stderr as "$w" aduan verify
			[ "$output" = "$id: ok, 2 events" ]
			[[ "$stderr" == "aduan verify: cannot open the checkpoint: "* ]]
		done
		rm "$ADUAN_DIR/checkpoint.log"
	done
	[ "$(fingerprint "$out")" = "$before" ]
}

@test "aduan checkpoint names a planted case log it leaves unwitnessed" {
	outside
	new_case
	new_case
	mv "$log" "$out/a.log"
	ln -s "$out/a.log" "$log"
	run -6 aduan checkpoint
	[[ "$output" == *"aduan checkpoint: $id: $REFUSED"* ]]
	grep -q $'\t2026-0001\t' "$ADUAN_DIR/checkpoint.log"
}

@test "two clerks of one group, under umask 022, record on each other's cases" {
	need_clerk
	shared
	umask 022
	run -0 as $CLERK1 aduan new -q --by Satu --pelapor A --lurah L --perihal P --isi I
	a=$output
	run -0 as $CLERK2 aduan assign -q "$a" --by Dua --kepada K
	run -0 as $CLERK2 aduan new -q --by Dua --pelapor B --lurah L --perihal P --isi I
	b=$output
	run -0 as $CLERK1 aduan assign -q "$b" --by Satu --kepada K
	run -0 as $CLERK1 aduan panggil -q "$a" --by Satu --step 4
	run -0 as $CLERK2 aduan panggil -q "$a" --by Dua --pihak X --jadwal "$JADWAL"
	run -0 as $CLERK1 aduan panggil -q "$a" --by Satu --hadir
	run -0 as $CLERK2 aduan musyawarah -q "$a" --by Dua --step 7
	run -0 as $CLERK1 aduan musyawarah -q "$a" --by Satu --hasil sepakat
	run -0 as $CLERK2 aduan close -q "$a" --by Dua
	ADUAN_NOW=$LATER run -1 as $CLERK1 aduan overdue
	[[ "$output" == "$b  step 4 "* ]]
	run -0 as $CLERK2 aduan checkpoint -q
	run -0 --separate-stderr as $CLERK1 aduan verify
	[ "$output" = "$a: ok, 9 events"$'\n'"$b: ok, 4 events" ]
	run -0 as $CLERK2 aduan verify -q
	# Each log is its filer's, and each names who recorded what.
	[ "$(stat -c %u "$ADUAN_DIR/closed/$a.log")" -eq $CLERK1 ]
	[ "$(stat -c %u "$ADUAN_DIR/open/$b.log")" -eq $CLERK2 ]
	[ "$(cut -f4 "$ADUAN_DIR/closed/$a.log" | sed 1d | tr '\n' ' ')" = "Satu Dua Dua Satu Dua Satu Dua Satu Dua " ]
	# Whatever the umask: folders 02770, logs, seq/ and checkpoint 0660,
	# all of the group (aduan-log(5), FILES).
	[ -z "$(find "$ADUAN_DIR" -type d ! -perm 2770)" ]
	[ -z "$(find "$ADUAN_DIR" ! -group "$GGG")" ]
	[ -z "$(find "$ADUAN_DIR/open" "$ADUAN_DIR/closed" "$ADUAN_DIR/seq" "$ADUAN_DIR/checkpoint.log" -type f ! -perm 0660)" ]
	[ "$(find "$ADUAN_DIR/seq" "$ADUAN_DIR/checkpoint.log" -type f | wc -l)" -eq 3 ]
}

@test "closed standard input, output or error change nothing but the one intended event" {
	walk_to 6
	six=$log
	sixid=$id
	day=2
	for how in in out err all; do
		export ADUAN_NOW="2026-03-0$day 09:00"
		n=$(ls "$ADUAN_DIR/open" | wc -l)
		run -0 closed "$how" aduan-new --pelapor "P $how" --lurah L --perihal H --isi I
		[ "$(ls "$ADUAN_DIR/open" | wc -l)" -eq $((n + 1)) ]
		new=$ADUAN_DIR/open/$(ls "$ADUAN_DIR/open" | sort | tail -n 1)
		log=$new
		[ "$(events)" -eq 1 ]
		log=$six
		e=$(events)
		run -0 closed "$how" aduan-panggil "$sixid" --ulang --pihak "Pihak $how" --jadwal "2026-03-0$day 13:00"
		[ "$(events)" -eq $((e + 1)) ]
		[ "$(kv "$(events)" pihak)" = "Pihak $how" ]
		# The cron run at noon: the new case, and only it, gets its flag.
		ADUAN_NOW="2026-03-0$day 12:00" run -1 closed "$how" aduan-overdue
		log=$new
		[ "$(events)" -eq 2 ]
		[ "$(last 6)" = late ]
		log=$six
		[ "$(events)" -eq $((e + 1)) ]
		day=$((day + 1))
	done
	run -0 aduan verify -q
	# No message and no ID went into a log or the checkpoint.
	for f in "$ADUAN_DIR"/open/*.log "$ADUAN_DIR/checkpoint.log"; do
		[ "$(grep -cvE $'^(aduan-log 1|aduan-checkpoint 1|[1-9][0-9]*)\t(.*\t)?[0-9a-f]{64}$' "$f")" -eq 0 ]
		run ! grep -qE 'recorded step|next: step|late by|^2026-[0-9]+$' "$f"
	done
}

@test "a wrong first line, a garbage line and a line over 65536 bytes are named by line by every command, which never crashes" {
	for i in 1 2 3 4 5; do new_case "Pelapor $i"; done
	o=$ADUAN_DIR/open
	sed -i '1s/^aduan-log 1\t/hello world\t/' "$o/2026-0001.log"
	# Between the header and event 1, which still chains to the header.
	sed -i '1a garbage, not an event' "$o/2026-0002.log"
	# One line over the bound with a good chain, and a good line after it.
	log=$o/2026-0003.log
	chain "$(body_of 65537)"
	chain $'3\t2026-03-02T09:00:00+07:00\t2026-03-02T09:00:00+07:00\tPetugas Uji\t3\tdone\tkepada=K'
	[ "$(sed -n 3p "$log" | wc -c)" -eq 65537 ]
	# The same at the bound itself: a good log.
	log=$o/2026-0004.log
	chain "$(body_of 65536)"
	chain $'3\t2026-03-02T09:00:00+07:00\t2026-03-02T09:00:00+07:00\tPetugas Uji\t3\tdone\tkepada=K'
	[ "$(sed -n 3p "$log" | wc -c)" -eq 65536 ]
	mkdir "$BATS_TEST_TMPDIR/before"
	cp "$o"/*.log "$BATS_TEST_TMPDIR/before/"
	said() {
		case $1 in
		2026-0001) echo "$1: line 1: not an aduan case log header" ;;
		2026-0002) echo "$1: line 2 does not verify (altered, or a line was removed, inserted or moved); run 'aduan verify $1'" ;;
		2026-0003) echo "$1: line 3 does not verify (altered, or a line was removed, inserted or moved); run 'aduan verify $1'" ;;
		esac
	}
	for c in 2026-0001 2026-0002 2026-0003; do
		run -6 aduan show "$c"
		[ "$output" = "aduan show: $(said "$c")" ]
		run -6 aduan assign "$c" --kepada K
		[ "$output" = "aduan assign: $(said "$c")" ]
		run -6 aduan panggil "$c" --step 4
		[ "$output" = "aduan panggil: $(said "$c")" ]
		run -6 aduan musyawarah "$c" --step 7
		[ "$output" = "aduan musyawarah: $(said "$c")" ]
		run -6 aduan close "$c"
		[ "$output" = "aduan close: $(said "$c")" ]
	done
	run -1 aduan verify -q 2026-0001
	[ "$output" = "2026-0001: header at line 1: not an aduan case log header" ]
	run -1 aduan verify -q 2026-0002
	[ "$output" = "2026-0002: inserted at line 2: not an event line: inserted, or altered beyond reading" ]
	run -1 aduan verify -q 2026-0003
	[ "$output" = "2026-0003: inserted at line 3: not an event line: longer than 65536 bytes" ]
	for cmd in "list --format tsv" "overdue --all" overdue; do
		ADUAN_NOW=$LATER run -6 --separate-stderr aduan $cmd
		[ "${#stderr_lines[@]}" -eq 3 ]
		for c in 2026-0001 2026-0002 2026-0003; do
			grep -qxF "aduan ${cmd%% *}: $(said "$c")" <<<"$stderr"
		done
		[ "$(cut -c1-9 <<<"$output" | tr '\n' ' ')" = "2026-0004 2026-0005 " ]
	done
	run -1 aduan verify -q
	[ "${#lines[@]}" -eq 3 ]
	run -0 aduan show --format json 2026-0004
	[ "$(jq .next <<<"$output")" -eq 4 ]
	run -0 aduan verify 2026-0004
	# The checkpoint does not crash either, and witnesses only good logs.
	run aduan checkpoint -q
	[ "$status" -lt 128 ]
	[ "$(cut -f3 "$ADUAN_DIR/checkpoint.log" | sed 1d | tr '\n' ' ')" = "2026-0004 2026-0005 " ]
	for c in 2026-0001 2026-0002 2026-0003; do
		cmp "$BATS_TEST_TMPDIR/before/$c.log" "$o/$c.log"
	done
}

@test "an unreadable data directory, or one of its folders, is refused with its name for a clerk" {
	need_clerk
	shared
	new_case
	snap
	for dir in "$ADUAN_DIR" "$ADUAN_DIR/open"; do
		chmod 000 "$dir"
		if [ "$dir" = "$ADUAN_DIR" ]; then
			said="$dir: cannot open the data directory: Permission denied"
		else
			said="$dir: cannot open: Permission denied"
		fi
		for cmd in "new -q --pelapor P --lurah L --perihal H --isi I" \
		    "show $id" "assign $id --kepada K" list overdue verify "verify $id"; do
			run -7 as $CLERK1 aduan $cmd
			[ "$output" = "aduan ${cmd%% *}: $said" ]
		done
		chmod 02770 "$dir"
	done
	unchanged
	[ "$(ls -A "$ADUAN_DIR/open")" = "$id.log" ]
	run -0 as $CLERK1 aduan verify -q
}

@test "a data directory that does not exist: readers say so with exit 3 and make none; new makes it" {
	for cmd in "show 2026-0001" list overdue "overdue --all" verify "verify 2026-0001" checkpoint; do
		run -3 aduan $cmd
		[ "$output" = "aduan ${cmd%% *}: $ADUAN_DIR: no data directory here yet; it is made by 'aduan new'; set ADUAN_DIR or -D to use another" ]
		[ ! -e "$ADUAN_DIR" ]
	done
	if clerk_ok; then
		shared
		rmdir "$ADUAN_DIR"
		run -7 as $CLERK1 aduan new -q --pelapor P --lurah L --perihal H --isi I
		[ "$output" = "aduan new: $ADUAN_DIR: cannot create the data directory: Permission denied" ]
		[ ! -e "$ADUAN_DIR" ]
	fi
	run -0 aduan new -q --pelapor P --lurah L --perihal H --isi I
	[ "$output" = 2026-0001 ]
	[ "$(stat -c %a "$ADUAN_DIR")" = 2770 ]
}

@test "a missing SOP, one that is not YAML and one that does not validate are named with line and column, exit 5, nothing written" {
	s=$BATS_TEST_TMPDIR/s
	mkdir "$s"
	cp "$top/sop/kalender.yaml" "$s/"
	printf 'nomor: [1, 2\njudul: x: y\n' > "$s/broken.yaml"
	sed 's/waktu: 1 jam$/waktu: 1 jem/' "$SOP" > "$s/invalid.yaml"
	line=$(grep -n 'waktu: 1 jem' "$s/invalid.yaml" | head -n 1 | cut -d: -f1)
	# Before any data directory: new makes none.
	run -5 aduan new --sop "$s/none.yaml" --pelapor P --lurah L --perihal H --isi I
	[ "$output" = "aduan new: $s/none.yaml: cannot open: No such file or directory" ]
	[ ! -e "$ADUAN_DIR" ]
	new_case
	snap
	for how in option env; do
		for f in none broken invalid; do
			case $f in
			none) said="$s/none.yaml: cannot open: No such file or directory" ;;
			broken) said="$s/broken.yaml:2:"*": YAML syntax error: "* ;;
			invalid) said="$s/invalid.yaml:$line:12: step 2: cannot read time standard '1 jem': unit 'jem' is not menit, jam or hari" ;;
			esac
			for cmd in "new -q --pelapor P --lurah L --perihal H --isi I" \
			    "show $id" "assign $id --kepada K" list overdue checkpoint; do
				if [ $how = option ]; then
					run -5 aduan $cmd --sop "$s/$f.yaml"
				else
					ADUAN_SOP="$s/$f.yaml" run -5 aduan $cmd
				fi
				[[ "$output" == "aduan ${cmd%% *}: "$said ]]
				[ "${#lines[@]}" -eq 1 ]
			done
		done
	done
	unchanged
	[ "$(ls -A "$ADUAN_DIR/open")" = "$id.log" ]
	[ "$(wc -l < "$ADUAN_DIR/checkpoint.log")" -eq 1 ]
}
