#!/usr/bin/env bats
# aduan sync: the office's records committed and pushed over git, the
# city's copies fetched by fast forward only and verified; git run so
# that nothing of a repository's own configuration can run.

load helper
load workflow

setup() {
	command -v git >/dev/null || skip "no git"
	R="$BATS_TEST_TMPDIR/remote"
	mkdir -p "$R"
	git init -q --bare "$R/krg.git"
	git init -q --bare "$R/mgs.git"
	CITY="$BATS_TEST_TMPDIR/kota"
	mkdir -p "$CITY"
	cat > "$CITY/kota.yaml" <<Y
format: 1
kota: Kota Mojokerto
kantor:
  - kode: KRG
    nama: Kecamatan Kranggan
    remote: $R/krg.git
  - kode: MGS
    nama: Kecamatan Magersari
    remote: $R/mgs.git
Y
	KRG="$BATS_TEST_TMPDIR/krg"
	MGS="$BATS_TEST_TMPDIR/mgs"
	mkdir -p "$KRG" "$MGS"
}

# commits DIR: the number of commits of the data directory DIR.
commits() {
	git -C "$1" rev-list --count HEAD
}

@test "the first sync makes the data directory a repository and commits it once, by the office, naming the case; nothing new is silent" {
	export ADUAN_DIR="$KRG"
	new_case
	[ ! -e "$KRG/.git" ]
	run -0 aduan sync --remote "$R/krg.git"
	[ "${lines[0]}" = "aduan sync: $id (new); 4 other file(s)" ]
	[ "${lines[1]}" = "pushed to $R/krg.git" ]
	[ -d "$KRG/.git" ]
	[ "$(commits "$KRG")" -eq 1 ]
	[ "$(git -C "$KRG" log -1 --format='%an')" = "KECAMATAN KRANGGAN" ]
	# The remote holds the same history, on main.
	[ "$(git -C "$R/krg.git" rev-parse main)" = "$(git -C "$KRG" rev-parse HEAD)" ]
	# Nothing changed: nothing said (cron mails nothing), no commit.
	run -0 aduan sync --remote "$R/krg.git"
	[ -z "$output" ]
	[ "$(commits "$KRG")" -eq 1 ]
	# The lock of the allocator is no part of the record.
	[ -z "$(git -C "$KRG" ls-files | grep 'seq/.lock')" ]
}

@test "each sync commits what changed once and pushes it; history only grows: every earlier commit is an ancestor" {
	export ADUAN_DIR="$KRG"
	walk_to 3
	run -0 aduan sync --remote "$R/krg.git"
	first=$(git -C "$KRG" rev-parse HEAD)
	plain aduan-assign -q "$id" --kepada Agus
	run -0 aduan sync --remote "$R/krg.git"
	[ "${lines[0]}" = "aduan sync: $id" ]
	walk_closed selesai
	run -0 aduan sync --remote "$R/krg.git"
	[[ "${lines[0]}" == "aduan sync: "*"(new, closed)"* ]]
	[ "$(commits "$KRG")" -eq 3 ]
	git -C "$KRG" merge-base --is-ancestor "$first" HEAD
	[ "$(git -C "$R/krg.git" rev-parse main)" = "$(git -C "$KRG" rev-parse HEAD)" ]
	# The logs in the remote are byte for byte those of the office.
	git -C "$KRG" diff --quiet HEAD
}

@test "a remote that cannot be reached: exit 7, the commit kept; the next run pushes it" {
	export ADUAN_DIR="$KRG"
	new_case
	run -0 aduan sync --remote "$R/krg.git"
	mv "$R/krg.git" "$R/away.git"
	plain aduan-assign -q "$id" --step 2
	run -7 aduan sync --remote "$R/krg.git"
	[[ "$output" == *"cannot push"*"the records are kept here and the next run pushes them"* ]]
	[ "$(commits "$KRG")" -eq 2 ]
	mv "$R/away.git" "$R/krg.git"
	# The city, meanwhile, keeps trying: an office it cannot reach is
	# exit 7 and the others are still fetched.
	run -7 aduan sync --fetch -D "$CITY"
	[[ "$output" == *"MGS: cannot fetch $R/mgs.git"* ]]
	[ -d "$CITY/KRG/.git" ]
	run -0 aduan sync --remote "$R/krg.git"
	[ "$output" = "pushed to $R/krg.git" ]
	[ "$(git -C "$R/krg.git" rev-parse main)" = "$(git -C "$KRG" rev-parse HEAD)" ]
}

@test "the city copies every office, verifies each, is silent when nothing is new, and brings a copy forward" {
	ADUAN_DIR="$KRG" new_case
	ADUAN_DIR="$KRG" run -0 aduan sync --remote "$R/krg.git"
	ADUAN_DIR="$MGS" new_case "Sri Wahyuni"
	ADUAN_DIR="$MGS" run -0 aduan sync --remote "$R/mgs.git"
	run -0 aduan sync --fetch -D "$CITY"
	[ "${lines[0]}" = "KRG: copied from $R/krg.git" ]
	[ "${lines[1]}" = "KRG: 1 case(s), every one verifies" ]
	[ "${lines[2]}" = "MGS: copied from $R/mgs.git" ]
	run -0 aduan list -D "$CITY/MGS" --format tsv
	[[ "$output" == *"Sri Wahyuni"* ]]
	run -0 aduan sync --fetch -D "$CITY"
	[ -z "$output" ]
	ADUAN_DIR="$KRG" plain aduan-new -q --pelapor B --lurah L --perihal P --isi I
	ADUAN_DIR="$KRG" run -0 aduan sync --remote "$R/krg.git"
	run -0 aduan sync --fetch -D "$CITY"
	[ "${lines[0]}" = "KRG: brought up to $R/krg.git" ]
	[ "${lines[1]}" = "KRG: 2 case(s), every one verifies" ]
	[ "${#lines[@]}" -eq 2 ]
}

@test "an office whose history was rewritten is refused at the city, which keeps its copy; the office's next push is refused too" {
	export ADUAN_DIR="$KRG"
	sed -i '/MGS/,$d' "$CITY/kota.yaml"
	new_case
	run -0 aduan sync --remote "$R/krg.git"
	run -0 aduan sync --fetch -D "$CITY"
	kept=$(git -C "$CITY/KRG" rev-parse HEAD)
	cat "$CITY/KRG/open/$id.log" > "$BATS_TEST_TMPDIR/kept.log"
	# Someone with the office's remote rewrites what it recorded.
	git clone -q -b main "$R/krg.git" "$BATS_TEST_TMPDIR/rw"
	sed -i 's/Budi Santoso/Budi Santosa/' "$BATS_TEST_TMPDIR/rw/open/$id.log"
	git -C "$BATS_TEST_TMPDIR/rw" -c user.name=x -c user.email=x commit -qa --amend -m rewritten
	git -C "$BATS_TEST_TMPDIR/rw" push -q -f origin HEAD:main
	run -6 aduan sync --fetch -D "$CITY"
	[[ "$output" == *"KRG: refused: the office's history at $R/krg.git no longer holds what the city copied"* ]]
	[ "$(git -C "$CITY/KRG" rev-parse HEAD)" = "$kept" ]
	cmp "$BATS_TEST_TMPDIR/kept.log" "$CITY/KRG/open/$id.log"
	# The office, whose records the remote no longer matches, is told.
	plain aduan-assign -q "$id" --step 2
	run -6 aduan sync --remote "$R/krg.git"
	[[ "$output" == *"refused: the remote's history and this data directory's have nothing in common; nothing was merged"* ]]
	# Nothing of the office was overwritten or merged.
	grep -q "Budi Santoso" "$KRG/open/$id.log"
	[ "$(git -C "$KRG" rev-list --count HEAD)" -eq 2 ]
}

@test "a copy at the city that no longer verifies is reported: exit 6" {
	export ADUAN_DIR="$KRG"
	new_case
	run -0 aduan sync --remote "$R/krg.git"
	# The office's own log altered, its chain broken, then pushed.
	sed -i 's/Budi Santoso/Budi Santosa/' "$KRG/open/$id.log"
	run -0 aduan sync --remote "$R/krg.git"
	run -6 aduan sync --fetch -D "$CITY"
	[[ "$output" == *"KRG: 1 of 1 case(s) of the copy do not verify"* ]]
}

@test "a hostile .git/config, hooks, attributes and .gitignore of the data directory run nothing and hide nothing" {
	export ADUAN_DIR="$KRG"
	new_case
	run -0 aduan sync
	P="$BATS_TEST_TMPDIR/pwned"
	cat >> "$KRG/.git/config" <<Y
[core]
	fsmonitor = "touch $P-fsmonitor; false"
	pager = "touch $P-pager; cat"
	hooksPath = $BATS_TEST_TMPDIR/hooks
	sshCommand = "touch $P-ssh; ssh"
[filter "x"]
	clean = "touch $P-filter; cat"
	smudge = "touch $P-filter; cat"
[alias]
	add = "!touch $P-alias"
	commit = "!touch $P-alias"
Y
	mkdir -p "$BATS_TEST_TMPDIR/hooks"
	for h in pre-commit post-commit pre-push; do
		printf '#!/bin/sh\ntouch %s-hook\n' "$P" > "$BATS_TEST_TMPDIR/hooks/$h"
		chmod +x "$BATS_TEST_TMPDIR/hooks/$h"
		cp "$BATS_TEST_TMPDIR/hooks/$h" "$KRG/.git/hooks/$h"
	done
	echo '* filter=x' > "$KRG/.gitattributes"
	echo '* filter=x' > "$KRG/.git/info/attributes"
	printf 'open/\nclosed/\n' > "$KRG/.gitignore"
	plain aduan-assign -q "$id" --step 2
	run -0 aduan sync --remote "$R/krg.git"
	[ "${lines[0]}" = "aduan sync: $id" ]
	[ -z "$(ls "$BATS_TEST_TMPDIR" | grep pwned)" ]
	# The planted .gitignore hid no log: the change is in the commit.
	git -C "$KRG" show --stat HEAD | grep -q "open/$id.log"
	[ -z "$(git -C "$KRG" ls-files | grep -e .gitignore -e .gitattributes)" ]
	# aduan's configuration stands in the repository's.
	head -1 "$KRG/.git/config" | grep -q "Written by aduan sync"
}

@test "without git, a clear message and exit 5; bad input is refused with exit 2 or 5" {
	export ADUAN_DIR="$KRG"
	new_case
	ADUAN_GIT=/nonexistent/git run -5 aduan sync
	[[ "$output" == *"git is not installed"*"apt-get install git"* ]]
	[ ! -e "$KRG/.git" ]
	run -2 aduan sync --remote -x
	run -2 aduan sync --fetch --remote "$R/krg.git"
	printf 'format: 1\nkantor:\n  - kode: krg\n    remote: x\n' > "$CITY/kota.yaml"
	run -5 aduan sync --fetch -D "$CITY"
	[[ "$output" == *"kota.yaml:3:11: kode 'krg': two to eight capital letters"* ]]
}

@test "what a clerk plants cannot change or hide what is committed: attributes, a nested .git, a replace ref" {
	export ADUAN_DIR="$KRG"
	new_case
	run -0 aduan sync --remote "$R/krg.git"
	# An attribute that would rewrite the logs as committed.
	printf '* ident\n*.log working-tree-encoding=UTF-16LE\n' > "$KRG/.gitattributes"
	echo '$Id: planted $' >> "$KRG/seq/2026"
	plain aduan-assign -q "$id" --step 2
	run -0 aduan sync --remote "$R/krg.git"
	cmp "$KRG/open/$id.log" <(git -C "$KRG" show "HEAD:open/$id.log")
	cmp "$KRG/seq/2026" <(git -C "$KRG" show "HEAD:seq/2026")
	rm "$KRG/.gitattributes"
	# A replace ref that would make git see nothing to commit: HEAD
	# replaced by a commit of the tree as it will be.
	plain aduan-assign -q "$id" --kepada Agus
	git -C "$KRG" add -A
	t=$(git -C "$KRG" write-tree)
	c=$(git -C "$KRG" -c user.name=x -c user.email=x commit-tree "$t" -p HEAD -m planted)
	git -C "$KRG" reset -q
	git -C "$KRG" replace HEAD "$c"
	# As git would see it left to itself: nothing to commit.
	git -C "$KRG" add -A
	[ -z "$(git -C "$KRG" status --porcelain --untracked-files=no)" ]
	run -0 aduan sync --remote "$R/krg.git"
	[ "${lines[0]}" = "aduan sync: $id" ]
	cmp "$KRG/open/$id.log" <(git -C "$KRG" show "HEAD:open/$id.log")
	# A nested .git, which would hide the closed cases: refused.
	mkdir -p "$KRG/closed"
	git init -q "$KRG/closed"
	run -6 aduan sync --remote "$R/krg.git"
	[[ "$output" == *"closed/.git: a git folder planted in the data directory"* ]]
}

@test "a record removed from the data directory is refused, nothing committed; a case closed is named closed" {
	export ADUAN_DIR="$KRG"
	walk_to 10
	run -0 aduan sync --remote "$R/krg.git"
	plain aduan-close -q "$id"
	run -0 aduan sync --remote "$R/krg.git"
	[ "${lines[0]}" = "aduan sync: $id (closed); 1 other file(s)" ]
	before=$(git -C "$KRG" rev-parse HEAD)
	rm "$KRG/checkpoint.log"
	run -6 aduan sync --remote "$R/krg.git"
	[[ "$output" == *"checkpoint.log: removed from the data directory, which only grows"* ]]
	[ "$(git -C "$KRG" rev-parse HEAD)" = "$before" ]
	git -C "$KRG" checkout -q HEAD -- checkpoint.log
	run -0 aduan sync --remote "$R/krg.git"
	[ -z "$output" ]
}

@test "the readers take several data directories or a city's: list, show, overdue --all, rekap and verify name the office in every format" {
	ADUAN_DIR="$KRG" new_case "Bambang"
	ADUAN_DIR="$KRG" run -0 aduan sync --remote "$R/krg.git"
	ADUAN_DIR="$MGS" new_case "Sri Wahyuni"
	ADUAN_DIR="$MGS" plain aduan-new -q --pelapor Tono --lurah L --perihal P --isi I
	ADUAN_DIR="$MGS" run -0 aduan sync --remote "$R/mgs.git"
	run -0 aduan sync --fetch -D "$CITY"
	# list: the text has an OFFICE column, the TSV the office last,
	# the JSON an office key.
	run -0 aduan list -D "$CITY"
	[[ "${lines[0]}" == "OFFICE   ID "* ]]
	[[ "${lines[1]}" == "KRG      2026-0001  "*"Bambang"* ]]
	[[ "${lines[3]}" == "MGS      2026-0002  "*"Tono"* ]]
	run -0 aduan list -D "$CITY" --format tsv
	[ "$(awk -F'\t' '{ print $1, $10 }' <<<"$output" | tr '\n' ' ')" = "2026-0001 KRG 2026-0001 MGS 2026-0002 MGS " ]
	run -0 aduan list -D "$CITY" --format json
	[ "$(jq -r '.[].office' <<<"$output" | tr '\n' ' ')" = "KRG MGS MGS " ]
	# Two data directories named by -D: their last names label them.
	run -0 aduan list -D "$KRG" -D "$MGS" --format tsv
	[ "$(cut -f10 <<<"$output" | sort -u | tr '\n' ' ')" = "krg mgs " ]
	# One data directory: the rows as they always were.
	ADUAN_DIR="$KRG" run -0 aduan list --format tsv
	[ "$(awk -F'\t' '{ print NF }' <<<"$output")" = 9 ]
	# overdue --all, a day later: every office's late steps.
	ADUAN_NOW="2026-03-03 09:00" run -1 aduan overdue --all -D "$CITY" --format tsv
	[ "$(cut -f1,8 <<<"$output" | tr '\t\n' '  ')" = "2026-0001 KRG 2026-0001 MGS 2026-0002 MGS " ]
	# Without --all it would flag: the copies are never written.
	run -2 aduan overdue -D "$CITY"
	[[ "$output" == *"are listed with --all"* ]]
	git -C "$CITY/KRG" diff --quiet
	# show: the one office that has the case; two that have it, named.
	run -0 aduan show 2026-0002 -D "$CITY" --format json
	[ "$(jq -r .office <<<"$output")" = MGS ]
	run -2 aduan show 2026-0001 -D "$CITY"
	[[ "$output" == *"2026-0001 is a case of KRG and of MGS: give -D for the one meant"* ]]
	# rekap: the city's month, every office counted; the register by office.
	run -0 aduan rekap --bulan 2026-03 -D "$CITY" --format tsv
	[ "$(awk -F'\t' '$1 == "filed" { print $2 }' <<<"$output")" = 3 ]
	run -0 aduan rekap --register --bulan 2026-03 -D "$CITY" --format csv
	[ "$(head -1 <<<"$output" | tr -d '\r')" = "no,id,filed,pelapor,kelurahan,perihal,outcome,closed,office" ]
	[ "$(tail -n +2 <<<"$output" | tr -d '\r' | awk -F, '{ print $NF }' | tr '\n' ' ')" = "KRG MGS MGS " ]
	# verify: every copy, the office before each verdict.
	run -0 aduan verify -D "$CITY" --format tsv
	[ "$(cut -f1,2,6 <<<"$output" | tr '\t\n' '  ')" = "2026-0001 ok KRG 2026-0001 ok MGS 2026-0002 ok MGS " ]
	# A command that writes takes one data directory.
	run -2 aduan checkpoint -D "$KRG" -D "$MGS"
	[[ "$output" == *"this command works on one data directory; give -D once"* ]]
	run -2 aduan sync -D "$KRG" -D "$MGS"
	run -2 aduan surat tanda-terima 2026-0001 -D "$KRG" -D "$MGS"
}

# quiet_merge DIR: the office at DIR synced, a copy of it going on with
# case 1 and pushing, DIR going on with case 2; then DIR's quiet sync.
quiet_merge() {
	KRG=$1
	mkdir -p "$KRG"
	export ADUAN_DIR="$KRG"
	walk_to 3
	a=$id
	plain aduan-new -q --pelapor Kedua --lurah L --perihal P --isi I
	run -0 aduan sync -q --remote "$R/krg.git"
	B="$BATS_TEST_TMPDIR/b"
	cp -a "$KRG" "$B"
	ADUAN_DIR="$B" plain aduan-assign -q "$a" --kepada Agus
	ADUAN_DIR="$B" run -0 aduan sync -q --remote "$R/krg.git"
	plain aduan-assign -q 2026-0002 --step 2
	run -0 aduan sync -q --remote "$R/krg.git"
	[ -z "$output" ]
	[ "$(git -C "$R/krg.git" rev-parse main)" = "$(git -C "$KRG" rev-parse HEAD)" ]
	[ "$(git -C "$KRG" rev-list --parents -1 HEAD | wc -w)" -eq 3 ]
	grep -q "kepada=Agus" "$KRG/open/$a.log"
	run -0 aduan verify -q
}

@test "cron's quiet run merges two places that went on with different cases, pushes, and says nothing (exit 0)" {
	quiet_merge "$KRG"
}

@test "a merge in a data directory whose path is long keeps every log it brings forward" {
	long="$BATS_TEST_TMPDIR"
	for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
		long="$long/kantor-kecamatan-kranggan-kota-mojokerto-jawa-timur-$i"
	done
	[ "${#long}" -gt 600 ]
	quiet_merge "$long"
	[ -f "$long/open/$a.log" ]
}

@test "one office written in two places: a case one side only went on with is brought forward, a case whose histories part is named with its line, kept both ways and refused until a person chooses" {
	export ADUAN_DIR="$KRG"
	walk_to 3
	a=$id
	plain aduan-new -q --pelapor Kedua --lurah L --perihal P --isi I
	run -0 aduan sync --remote "$R/krg.git"
	# A second machine with a copy of the office's records.
	B="$BATS_TEST_TMPDIR/b"
	cp -a "$KRG" "$B"
	# There: case 1 goes on, and a new case takes number 3.
	ADUAN_DIR="$B" plain aduan-assign -q "$a" --kepada Agus
	ADUAN_DIR="$B" plain aduan-new -q --pelapor "Di Sana" --lurah L --perihal P --isi I
	ADUAN_DIR="$B" run -0 aduan sync --remote "$R/krg.git"
	# Here: case 2 goes on, and another new case takes number 3 too.
	plain aduan-assign -q 2026-0002 --step 2
	plain aduan-new -q --pelapor "Di Sini" --lurah L --perihal P --isi I
	run -6 aduan sync --remote "$R/krg.git"
	[[ "$output" == *"2026-0003: recorded in two places: the histories part at line 2; this place's is kept, the other's in $KRG/fork/2026-0003.log"* ]]
	[[ "$output" == *"merged what $R/krg.git recorded: 2026-0003 (forked) 1 case(s) brought forward, 1 forked"* ]]
	# Case 1 went on over there: its log here is theirs now, whole.
	cmp "$KRG/open/$a.log" "$B/open/$a.log"
	grep -q "kepada=Agus" "$KRG/open/$a.log"
	# The remote now has both: a merge, nothing rewritten.
	[ "$(git -C "$R/krg.git" rev-parse main)" = "$(git -C "$KRG" rev-parse HEAD)" ]
	[ "$(git -C "$KRG" rev-list --parents -1 HEAD | wc -w)" -eq 3 ]
	run -0 aduan verify -q
	# The forked case: read as here, recorded on no more.
	grep -q "pelapor=Di Sini" "$KRG/open/2026-0003.log"
	grep -q "pelapor=Di Sana" "$KRG/fork/2026-0003.log"
	run -4 aduan assign -q 2026-0003 --step 2
	[[ "$output" == *"recorded in two places and its two histories part"* ]]
	# A person chooses the other place's; this place's is kept aside.
	run -0 aduan sync --pilih 2026-0003:sana
	[[ "$output" == *"the other place's history is the case's now; this place's is kept in $KRG/fork/2026-0003.sini.1.log"* ]]
	grep -q "pelapor=Di Sana" "$KRG/open/2026-0003.log"
	grep -q "pelapor=Di Sini" "$KRG/fork/2026-0003.sini.1.log"
	run -0 aduan assign -q 2026-0003 --step 2
	run -0 aduan sync --remote "$R/krg.git"
	# Nothing left to choose; a choice is ID:sini or ID:sana.
	run -3 aduan sync --pilih 2026-0003:sini
	[[ "$output" == *"no second history to choose from"* ]]
	run -2 aduan sync --pilih 2026-0003
}

@test "three offices and a city through a week: cases filed, late, closed and synced; the city sees every office's late steps and its month" {
	git init -q --bare "$R/pkl.git"
	printf '  - kode: PKL\n    nama: Kecamatan Prajurit Kulon\n    remote: %s\n' \
	    "$R/pkl.git" >> "$CITY/kota.yaml"
	P="$BATS_TEST_TMPDIR/pkl"
	mkdir -p "$P"
	# Monday: each office files a case, syncs; the city fetches.
	export ADUAN_NOW="2026-03-02 08:30"
	for o in krg mgs pkl; do
		ADUAN_DIR="$BATS_TEST_TMPDIR/$o" plain aduan-new -q \
		    --pelapor "Warga $o" --lurah L --perihal "Pagar $o" --isi I >/dev/null
		ADUAN_DIR="$BATS_TEST_TMPDIR/$o" run -0 aduan sync -q --remote "$R/$o.git"
	done
	run -0 aduan sync -q --fetch -D "$CITY"
	# Tuesday: Kranggan and Magersari receive theirs; Prajurit Kulon
	# does not, and its step 2 is late.
	export ADUAN_NOW="2026-03-03 09:00"
	for o in krg mgs; do
		ADUAN_DIR="$BATS_TEST_TMPDIR/$o" plain aduan-assign -q 2026-0001 --step 2
		ADUAN_DIR="$BATS_TEST_TMPDIR/$o" plain aduan-assign -q 2026-0001 --kepada Agus
		ADUAN_DIR="$BATS_TEST_TMPDIR/$o" run -0 aduan sync -q --remote "$R/$o.git"
	done
	ADUAN_DIR="$P" run -0 aduan sync -q --remote "$R/pkl.git"
	run -0 aduan sync -q --fetch -D "$CITY"
	run -1 aduan overdue --all -D "$CITY" --format tsv
	# Late on Tuesday: Prajurit Kulon's step 2 alone.
	[ "$(awk -F'\t' '{ print $8, $2 }' <<<"$output" | tr '\n' ' ')" = "PKL 2 " ]
	# Friday: the other two's step 4 (1 hari) is late too.
	export ADUAN_NOW="2026-03-06 10:00"
	run -1 aduan overdue --all -D "$CITY" --format tsv
	[ "$(awk -F'\t' '{ print $8, $2 }' <<<"$output" | tr '\n' ' ')" = "KRG 4 MGS 4 PKL 2 " ]
	# Kranggan's case is cancelled, withdrawn; synced, fetched.
	ADUAN_DIR="$KRG" plain aduan-close -q 2026-0001 --batal dicabut
	ADUAN_DIR="$KRG" run -0 aduan sync --remote "$R/krg.git"
	[ "${lines[0]}" = "aduan sync: 2026-0001 (closed); 1 other file(s)" ]
	run -0 aduan sync --fetch -D "$CITY"
	[ "${lines[0]}" = "KRG: brought up to $R/krg.git" ]
	# The city's week: three filed, one closed as withdrawn, two open.
	run -0 aduan rekap --bulan 2026-03 -D "$CITY" --format json
	[ "$(jq -r '[.filed, .closed, .open.count, .outcomes.dicabut] | @tsv' <<<"$output")" = "$(printf '3\t1\t2\t1')" ]
	run -0 aduan verify -q -D "$CITY"
}

@test "the seals go with the records: the city checks them with the office's key, and a seal log altered on the way fails" {
	export ADUAN_DIR="$KRG"
	S="$BATS_TEST_TMPDIR/krg-seal"
	key=$(aduan seal --setup -q --seal-dir "$S")
	[ -n "$key" ]
	new_case
	aduan seal -q --seal-dir "$S"
	run -0 aduan sync --seal-dir "$S" --remote "$R/krg.git"
	# The seal log is carried, never the key.
	git -C "$KRG" ls-files | grep -qx segel/seals.log
	[ -z "$(git -C "$KRG" ls-files | grep 'segel/key')" ]
	sed -i '/MGS/,$d' "$CITY/kota.yaml"
	printf '    kunci: %s\n' "$key" >> "$CITY/kota.yaml"
	run -0 aduan sync --fetch -D "$CITY"
	[ "${lines[1]}" = "KRG: 1 case(s), every one verifies" ]
	# A case altered after it was sealed: caught.
	plain aduan-assign -q "$id" --step 2
	sed -i 's/Budi Santoso/Budi Santosa/' "$KRG/open/$id.log"
	run -0 aduan sync --seal-dir "$S" --remote "$R/krg.git"
	run -6 aduan sync --fetch -D "$CITY"
	[[ "$output" == *"KRG: 1 of 1 case(s) of the copy do not verify"* ]]
	# A seal log altered in the data directory fails with the key.
	sed -i 's/Budi Santosa/Budi Santoso/' "$KRG/open/$id.log"
	sed -i '2s/case/kase/' "$KRG/segel/seals.log"
	git -C "$KRG" -c user.name=x -c user.email=x commit -qam tamper
	git -C "$KRG" push -q "$R/krg.git" HEAD:refs/heads/main
	run -6 aduan sync --fetch -D "$CITY"
	[[ "$output" == *"KRG: the office's seals do not verify with its key"* ]]
	# The key without seals is said too.
	run -5 aduan sync --seal-dir "$BATS_TEST_TMPDIR/none" --remote "$R/krg.git"
	[[ "$output" == *"no seals to carry"* ]]
}
