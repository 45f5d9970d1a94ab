#!/usr/bin/env bats
# A case runs under the SOP revision it started with, for its whole life:
# the data directory keeps a copy of each revision in sop/ (aduan-log(5)).

load helper
load workflow

# revise REVISI WAKTU: a copy of the SOP in s/ with that revision and step
# 2 taking WAKTU instead of 1 jam, beside a copy of the calendar; sets new.
revise() {
	mkdir -p "$BATS_TEST_TMPDIR/s"
	cp "$top/sop/kalender.yaml" "$BATS_TEST_TMPDIR/s/"
	new="$BATS_TEST_TMPDIR/s/k.yaml"
	sed -e "s/revisi: \"2019-06.2\"/revisi: \"$1\"/" \
	    -e "0,/    waktu: 1 jam/s//    waktu: $2/" "$SOP" > "$new"
	run ! cmp -s "$SOP" "$new"
}

# due ID: the deadline of step 2 of case ID as show prints it in JSON.
due() {
	aduan-show --sop "${2:-$SOP}" --format json "$1" |
	    jq -r '.steps[] | select(.step == 2) | .deadline'
}

kept() {
	printf '%s\n%s\n' "065/SOP/ /417.515/2019" "$1" | sha256sum | cut -c1-64
}

# by_content FILE: the name of the copy of an SOP file, kept by its hash.
by_content() {
	sha256sum < "$1" | cut -c1-64
}

@test "the first case of a revision keeps a read-only copy of the SOP, named by its content and by number and revision" {
	new_case
	[ "$(kv 1 sop-sha256)" = "$(by_content "$SOP")" ]
	for f in "$ADUAN_DIR/sop/$(kept 2019-06.2).yaml" \
	    "$ADUAN_DIR/sop/$(by_content "$SOP").yaml"; do
		cmp "$SOP" "$f"
		[ "$(stat -c %a "$f")" = 440 ]
	done
	[ "$(ls "$ADUAN_DIR/sop" | wc -l)" -eq 2 ]
	new_case
	[ "$(ls "$ADUAN_DIR/sop" | wc -l)" -eq 2 ]
}

@test "a case keeps the revision it started with after the SOP is revised" {
	new_case
	old=$id
	revise 2026-01 "3 jam"
	[ "$(due "$old" "$new")" = "2026-03-02T10:00:00+07:00" ]
	id=$(aduan-new -q --sop "$new" --pelapor A --lurah B --perihal C --isi D)
	[ "$(due "$id" "$new")" = "2026-03-02T12:00:00+07:00" ]
	[ -f "$ADUAN_DIR/sop/$(kept 2026-01).yaml" ]
	run aduan show --sop "$new" "$old"
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = "SOP 065/SOP/ /417.515/2019, revisi 2019-06.2" ]
	run aduan assign --sop "$new" "$old" --step 2
	[ "$status" -eq 0 ]
	[[ "$output" == *"$old: next: step 3"* ]]
	run aduan list --sop "$new" --format tsv
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 2 ]
	# The older revision also still runs the newer one's cases.
	[ "$(due "$id" "$SOP")" = "2026-03-02T12:00:00+07:00" ]
	run aduan verify
	[ "$status" -eq 0 ]
}

@test "overdue flags each case against its own revision" {
	new_case
	old=$id
	revise 2026-01 "3 jam"
	id=$(aduan-new -q --sop "$new" --pelapor A --lurah B --perihal C --isi D)
	ADUAN_NOW="2026-03-02T11:00:00+07:00" run aduan overdue --sop "$new" --format tsv
	[ "$status" -eq 1 ]
	[ "${#lines[@]}" -eq 1 ]
	[[ "${lines[0]}" == "$old"$'\t2\tlate\t'* ]]
}

@test "the calendar is always the current one, whatever the revision" {
	new_case
	old=$id
	revise 2026-01 "3 jam"
	# A holiday declared afterwards on the day the case was filed.
	sed -i 's/^    libur:$/    libur:\n      - tanggal: "2026-03-02"\n        nama: Uji\n        jenis: cuti bersama/' \
	    "$BATS_TEST_TMPDIR/s/kalender.yaml"
	[ "$(due "$old" "$new")" = "2026-03-03T09:00:00+07:00" ]
}

@test "an SOP changed without a new revision is refused and nothing is written" {
	new_case
	old=$id
	revise 2019-06.2 "3 jam"
	ls -R "$ADUAN_DIR" > "$BATS_TEST_TMPDIR/before"
	snap
	run aduan new --sop "$new" --pelapor A --lurah B --perihal C --isi D
	[ "$status" -eq 5 ]
	[[ "$output" == "aduan new: $new: this SOP (065/SOP/ /417.515/2019 revision 2019-06.2) differs from the copy of that revision kept in $ADUAN_DIR/sop/$(kept 2019-06.2).yaml"*"give the changed SOP a new revisi, or restore the file" ]]
	ls -R "$ADUAN_DIR" | cmp - "$BATS_TEST_TMPDIR/before"
	unchanged
	# The case already filed runs under its own copy, named by content.
	run aduan assign --sop "$new" "$old" --step 2
	[ "$status" -eq 0 ]
	[ "$(due "$old" "$new")" = "2026-03-02T10:00:00+07:00" ]
}

@test "a case whose revision has no kept copy asks for that revision" {
	new_case
	old=$id
	rm "$ADUAN_DIR/sop/$(kept 2019-06.2).yaml" "$ADUAN_DIR/sop/$(by_content "$SOP").yaml"
	revise 2026-01 "3 jam"
	run aduan show --sop "$new" "$old"
	[ "$status" -eq 5 ]
	[ "$output" = "aduan show: $old: the case runs under SOP 065/SOP/ /417.515/2019 revision 2019-06.2, but the SOP loaded is 065/SOP/ /417.515/2019 revision 2026-01 and the data directory keeps no copy of that revision ($ADUAN_DIR/sop/$(by_content "$SOP").yaml); give that revision with --sop" ]
	run aduan show --sop "$SOP" "$old"
	[ "$status" -eq 0 ]
}

@test "a kept copy that is a link, or was replaced, is refused by every reader and by verify" {
	new_case
	old=$id
	revise 2026-01 "3 jam"
	f="$ADUAN_DIR/sop/$(by_content "$SOP").yaml"
	rm "$f"
	ln -s "$SOP" "$f"
	run aduan show --sop "$new" "$old"
	[ "$status" -ne 0 ]
	[[ "$output" == "aduan show: $f: cannot read the kept SOP: "* ]]
	rm "$f"
	# A look-alike of the same revision, every waktu "-": never late.
	sed 's/^    waktu: .*/    waktu: "-"/' "$SOP" > "$f"
	run aduan show --sop "$new" "$old"
	[ "$status" -eq 6 ]
	[ "$output" = "aduan show: $f: the kept SOP does not hash to its name: it was altered" ]
	run aduan overdue --sop "$new"
	[ "$status" -eq 6 ]
	run aduan verify --sop "$new"
	[ "$status" -eq 1 ]
	[[ "$output" == *"$old: sop at line 1: the copy of the SOP the case runs under"* ]]
}

@test "a sop/ folder replaced by a link is refused, and nothing is written" {
	new_case
	old=$id
	revise 2026-01 "3 jam"
	mkdir "$BATS_TEST_TMPDIR/elsewhere"
	mv "$ADUAN_DIR/sop" "$BATS_TEST_TMPDIR/elsewhere/sop"
	ln -s "$BATS_TEST_TMPDIR/elsewhere/sop" "$ADUAN_DIR/sop"
	run aduan new --sop "$new" --pelapor A --lurah B --perihal C --isi D
	[ "$status" -eq 7 ]
	[ "$output" = "aduan new: $ADUAN_DIR/sop: a symbolic link, not a folder of the data directory; refusing to follow it" ]
	run aduan show --sop "$new" "$old"
	[ "$status" -eq 7 ]
	[ "$(ls "$BATS_TEST_TMPDIR/elsewhere/sop" | wc -l)" -eq 2 ]
	[ "$(ls "$ADUAN_DIR/open" | wc -l)" -eq 1 ]
}
