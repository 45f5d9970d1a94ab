#!/usr/bin/env bats
# The workflow across the commands: a case walked through each branch of the
# SOP, two shells recording on one case at once, and a held lock.

load helper
load workflow

# at TIME: the clock of the commands that follow.
at() {
	export ADUAN_NOW="$1"
}

@test "a case that ends in agreement runs steps 1 to 8 and 10 and is filed under closed/" {
	at 2026-03-02T09:00:00+07:00
	id=$(aduan new --pelapor "Budi Santoso" --lurah "Lurah Kranggan" \
	    --perihal "Kebisingan" --isi "Musik keras tiap malam" 2>/dev/null)
	log="$ADUAN_DIR/open/$id.log"
	[ "$(events)" -eq 1 ]
	[ "$(ev 1 1)" = 1 ]
	recorded 1 2026-03-02T09:00:00+07:00
	[ "$(ev 1 3)" = 2026-03-02T09:00:00+07:00 ]
	[ "$(ev 1 4)" = "Petugas Uji" ]
	[ "$(ev 1 5)" = 1 ]
	[ "$(ev 1 6)" = done ]
	[ "$(kv 1 pelapor)" = "Budi Santoso" ]
	[ "$(json '[.status, .next, .steps[0].status, .steps[1].status,
	    .steps[2].status] | map(tostring) | join(" ")')" = "open 2 done next later" ]

	at 2026-03-02T09:30:00+07:00
	run aduan assign "$id" --kepada "Joko (Kasi Trantib)" --by "Camat Rachmi"
	[ "$status" -eq 0 ]
	[ "$(events)" -eq 3 ]
	[ "$(ev 2 5)/$(ev 3 5)" = 2/3 ]
	[ "$(ev 3 6)" = done ]
	[ "$(ev 3 4)" = "Camat Rachmi" ]
	recorded 3 2026-03-02T09:30:00+07:00
	[ "$(ev 3 3)" = 2026-03-02T09:30:00+07:00 ]
	[ "$(kv 3 kepada)" = "Joko (Kasi Trantib)" ]
	[ "$(json '[.next, .steps[2].done[0].data.kepada, .steps[2].done[0].by]
	    | map(tostring) | join("|")')" = "4|Joko (Kasi Trantib)|Camat Rachmi" ]

	at 2026-03-03T08:00:00+07:00
	run aduan panggil "$id" --catatan "sudah ditelaah" --pihak "Pak RT" \
	    --pihak "Bu Siti" --jadwal "2026-03-04 10:00"
	[ "$status" -eq 0 ]
	[ "$(events)" -eq 5 ]
	[ "$(ev 4 5)/$(ev 5 5)" = 4/5 ]
	[ "$(kv 4 catatan)" = "sudah ditelaah" ]
	[ "$(kv 5 jadwal)" = 2026-03-04T10:00:00+07:00 ]
	[ "$(ev 5 3)" = 2026-03-03T08:00:00+07:00 ]
	[ "$(json '[.next, (.steps[4].done[0].data.pihak | join(",")),
	    .steps[5].status] | map(tostring) | join("|")')" = "6|Pak RT,Bu Siti|next" ]

	at 2026-03-04T10:10:00+07:00
	run aduan panggil "$id" --hadir
	[ "$status" -eq 0 ]
	[ "$(events)" -eq 6 ]
	[ "$(ev 6 5)" = 6 ]
	[ "$(kv 6 hadir)" = ya ]
	[ "$(json .next)" = 7 ]

	at 2026-03-04T11:00:00+07:00
	run aduan musyawarah "$id" --hasil sepakat --catatan "damai" \
	    --at "2026-03-04 10:45"
	[ "$status" -eq 0 ]
	[ "$(events)" -eq 8 ]
	[ "$(ev 7 5)/$(ev 8 5)" = 7/8 ]
	[ "$(ev 7 3)" = 2026-03-04T10:45:00+07:00 ]
	[ "$(ev 8 3)" = 2026-03-04T10:45:00+07:00 ]
	recorded 8 2026-03-04T11:00:00+07:00
	[ "$(kv 8 hasil)" = sepakat ]
	[ "$(kv 8 catatan)" = damai ]
	[ -z "$(kv 7 catatan)" ]
	[ "$(json '[.next, .steps[8].status, .steps[9].status]
	    | map(tostring) | join(" ")')" = "10 n/a next" ]

	at 2026-03-05T09:00:00+07:00
	run aduan close "$id"
	[ "$status" -eq 0 ]
	[[ "$output" == *"$id: closed: selesai"* ]]
	[ ! -e "$ADUAN_DIR/open/$id.log" ]
	log="$ADUAN_DIR/closed/$id.log"
	[ "$(events)" -eq 9 ]
	[ "$(ev 9 5)" = 10 ]
	[ "$(ev 9 6)" = done ]
	recorded 9 2026-03-05T09:00:00+07:00
	[ "$(awk -F'\t' 'NR > 1 { printf "%s,", $1 }' "$log")" = "1,2,3,4,5,6,7,8,9," ]
	[ "$(awk -F'\t' 'NR > 1 { printf "%s,", $5 }' "$log")" = "1,2,3,4,5,6,7,8,10," ]
	[ "$(json '[.status, .outcome, .next, (.events | length)]
	    | map(tostring) | join(" ")')" = "closed selesai null 9" ]
	[ "$(json '[.steps[].status] | join(",")')" = "done,done,done,done,done,done,done,done,n/a,done" ]
}

@test "a case without agreement runs steps 1 to 9, takes the legal path and is filed under closed/" {
	at 2026-03-02T09:00:00+07:00
	id=$(aduan new -q --pelapor "Siti Aminah" --lurah "Lurah Meri" \
	    --perihal "Sengketa batas tanah" --isi "Pagar bergeser")
	log="$ADUAN_DIR/open/$id.log"
	[ "$(events)" -eq 1 ]
	run aduan assign "$id" --kepada "Kasi Trantib"
	[ "$status" -eq 0 ]
	[ "$(events)" -eq 3 ]
	[ "$(json .next)" = 4 ]
	at 2026-03-02T13:00:00+07:00
	run aduan panggil "$id" --pihak "Siti Aminah" --pihak "Pak Karto" \
	    --jadwal "2026-03-03 09:00"
	[ "$status" -eq 0 ]
	[ "$(events)" -eq 5 ]
	[ "$(last 5)" = 5 ]
	recorded "$(events)" 2026-03-02T13:00:00+07:00
	[ "$(json .next)" = 6 ]
	at 2026-03-03T09:20:00+07:00
	run aduan panggil "$id" --hadir
	[ "$status" -eq 0 ]
	[ "$(events)" -eq 6 ]
	[ "$(last 5)" = 6 ]
	[ "$(last 6)" = done ]
	[ "$(json .next)" = 7 ]
	at 2026-03-03T11:00:00+07:00
	run aduan musyawarah "$id" --hasil tidak-sepakat --catatan "tidak ada titik temu"
	[ "$status" -eq 0 ]
	[ "$(events)" -eq 8 ]
	[ "$(ev 8 5)" = 8 ]
	[ "$(kv 8 hasil)" = tidak-sepakat ]
	[ "$(json '[.next, .steps[8].status, .steps[9].status]
	    | map(tostring) | join(" ")')" = "9 next n/a" ]
	at 2026-03-03T11:10:00+07:00
	run aduan close "$id" --catatan "diserahkan ke para pihak"
	[ "$status" -eq 0 ]
	[[ "$output" == *"$id: closed: jalur-hukum"* ]]
	[ ! -e "$ADUAN_DIR/open/$id.log" ]
	log="$ADUAN_DIR/closed/$id.log"
	[ "$(events)" -eq 9 ]
	[ "$(last 5)" = 9 ]
	[ "$(last 6)" = done ]
	[ "$(last 3)" = 2026-03-03T11:10:00+07:00 ]
	[ "$(last 4)" = "Petugas Uji" ]
	[ "$(kv 9 catatan)" = "diserahkan ke para pihak" ]
	[ "$(json '[.status, .outcome, .next] | map(tostring) | join(" ")')" = "closed jalur-hukum null" ]
	[ "$(json '[.steps[].status] | join(",")')" = "done,done,done,done,done,done,done,done,done,n/a" ]
}

@test "each recording command says on stderr what it recorded and what comes next" {
	walk_to 2
	run aduan assign "$id" --kepada "Kasi Trantib"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "aduan assign: $id: recorded step 2 (Camat menerima warga) at 2026-03-02 09:00 by Petugas Uji" ]
	[ "${lines[1]}" = "aduan assign: $id: recorded step 3 (Camat memerintahkan Kasi Trantib) at 2026-03-02 09:00 by Petugas Uji" ]
	[ "${lines[2]}" = "aduan assign: $id: next: step 4 (Kasi Trantib menelaah aduan), Kasi Trantib: aduan panggil $id --pihak PIHAK --jadwal WAKTU" ]
	[ "${#lines[@]}" -eq 3 ]
}

@test "every recording command prints nothing at all with --quiet" {
	walk_to 2
	run aduan assign -q "$id" --kepada "Kasi Trantib"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	run aduan panggil --quiet "$id" --pihak A --jadwal "$JADWAL"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	run aduan panggil -q "$id" --hadir
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	run aduan musyawarah -q "$id" --hasil sepakat
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	run aduan close -q "$id"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}

@test "--at is recorded as when the step happened, the clock as when it was recorded" {
	walk_to 2
	run aduan assign "$id" --kepada K --at "2026-03-02T02:00:30Z"
	[ "$status" -eq 0 ]
	[ "$(last 3)" = 2026-03-02T09:00:30+07:00 ]
	recorded "$(events)" 2026-03-02T09:00:00+07:00
	ADUAN_NOW=2026-03-02T12:00:00+07:00 run aduan panggil "$id" \
	    --pihak A --jadwal "2026-03-02 13:00" --at "2026-03-02T11:15"
	[ "$status" -eq 0 ]
	[ "$(last 3)" = 2026-03-02T11:15:00+07:00 ]
	recorded "$(events)" 2026-03-02T12:00:00+07:00
	[ "$(json '.steps[4].done[0].happened')" = 2026-03-02T11:15:00+07:00 ]
	[ "$(json '.steps[4].done[0].data["drill-now"]')" = 2026-03-02T12:00:00+07:00 ]
}

@test "--by and ADUAN_USER name who recorded, --by winning" {
	walk_to 2
	ADUAN_USER="Camat Rachmi" run aduan assign "$id" --step 2
	[ "$status" -eq 0 ]
	[ "$(last 4)" = "Camat Rachmi" ]
	ADUAN_USER="Camat Rachmi" run aduan assign "$id" --kepada K --by "Sekcam Hadi"
	[ "$status" -eq 0 ]
	[ "$(last 4)" = "Sekcam Hadi" ]
	[ "$(json '.steps[1].done[0].by')" = "Camat Rachmi" ]
	[ "$(json '.steps[2].done[0].by')" = "Sekcam Hadi" ]
}

@test "two shells assigning one case at once: one records, the other is refused" {
	walk_to 2
	exec 8> "$BATS_TEST_TMPDIR/barrier"
	flock -x 8
	for n in 1 2; do
		flock -s "$BATS_TEST_TMPDIR/barrier" -c \
		    "aduan assign $id --kepada Kasi$n >'$BATS_TEST_TMPDIR/out$n' 2>&1;
		     echo \$? >'$BATS_TEST_TMPDIR/rc$n'" 8>&- &
	done
	waiters "$BATS_TEST_TMPDIR/barrier" 2
	flock -u 8
	wait
	exec 8>&-
	rcs=$(cat "$BATS_TEST_TMPDIR/rc1" "$BATS_TEST_TMPDIR/rc2" | sort | tr '\n' ' ')
	[ "$rcs" = "0 4 " ]
	loser=1; [ "$(cat "$BATS_TEST_TMPDIR/rc1")" -eq 4 ] || loser=2
	grep -q "step 4 (Kasi Trantib menelaah aduan) has not been recorded; run: aduan panggil $id" \
	    "$BATS_TEST_TMPDIR/out$loser"
	[ "$(events)" -eq 3 ]
	[ "$(awk -F'\t' 'NR > 1 { printf "%s,", $5 }' "$log")" = "1,2,3," ]
	run aduan show "$id"
	[ "$status" -eq 0 ]
}

@test "two shells summoning one case at once: one records, the other is refused" {
	walk_to 4
	exec 8> "$BATS_TEST_TMPDIR/barrier"
	flock -x 8
	for n in 1 2; do
		flock -s "$BATS_TEST_TMPDIR/barrier" -c \
		    "aduan panggil $id --pihak Pihak$n --jadwal '$JADWAL' \
		     >'$BATS_TEST_TMPDIR/out$n' 2>&1; echo \$? >'$BATS_TEST_TMPDIR/rc$n'" 8>&- &
	done
	waiters "$BATS_TEST_TMPDIR/barrier" 2
	flock -u 8
	wait
	exec 8>&-
	rcs=$(cat "$BATS_TEST_TMPDIR/rc1" "$BATS_TEST_TMPDIR/rc2" | sort | tr '\n' ' ')
	[ "$rcs" = "0 4 " ]
	[ "$(events)" -eq 5 ]
	[ "$(grep -c $'\t5\tdone\t' "$log")" -eq 1 ]
	run aduan show --format json "$id"
	[ "$status" -eq 0 ]
	[ "$(jq '.steps[4].done | length' <<<"$output")" -eq 1 ]
	[ "$(jq .next <<<"$output")" -eq 6 ]
}

@test "a case held by another command is busy: exit 8 at once with ADUAN_LOCK_WAIT=0, nothing written" {
	walk_to 2
	snap
	exec 9>> "$log"
	flock -x 9
	ADUAN_LOCK_WAIT=0 run aduan assign "$id" --kepada K
	flock -u 9
	exec 9>&-
	[ "$status" -eq 8 ]
	[[ "$output" == "aduan assign: $id: the case is busy"*"nothing was recorded; try again" ]]
	unchanged
	ADUAN_LOCK_WAIT=0 run aduan assign "$id" --kepada K
	[ "$status" -eq 0 ]
	[ "$(events)" -eq 3 ]
}

@test "a refused command leaves the log byte for byte as it was" {
	walk_to 7
	snap
	run aduan musyawarah "$id"
	[ "$status" -eq 4 ]
	[[ "$output" == *"needs --hasil sepakat|tidak-sepakat"*"nothing was recorded" ]]
	unchanged
	run aduan musyawarah "$id" --hasil mungkin
	[ "$status" -eq 2 ]
	[[ "$output" == *"'mungkin' is not one of sepakat|tidak-sepakat" ]]
	unchanged
	run aduan panggil "$id" --hadir
	[ "$status" -eq 4 ]
	[[ "$output" == *"step 7 (Musyawarah) has not been recorded; run: aduan musyawarah $id"* ]]
	unchanged
	run aduan close "$id"
	[ "$status" -eq 4 ]
	[[ "$output" == *"step 7 (Musyawarah) has not been recorded"* ]]
	unchanged
	run aduan musyawarah "$id" --hasil sepakat --at besok
	[ "$status" -eq 2 ]
	[[ "$output" == *"'besok'"* ]]
	unchanged
	run aduan musyawarah "$id" --hasil sepakat --catatan $'\e[2J'
	[ "$status" -eq 2 ]
	[ "$output" = "aduan musyawarah: --catatan: control character U+001B at byte 0 is not allowed" ]
	unchanged
}
