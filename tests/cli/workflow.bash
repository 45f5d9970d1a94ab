# Shared by the bats files of the workflow commands (load it after helper):
# cases recorded up to a step, the log of a case read field by field, and
# a copy of a log taken before a command that must not write.
#
# Every function records at ADUAN_NOW unless the caller sets another; the
# case in hand is in $id and its log file in $log.  To set up, they run the
# commands as aduan-NAME, sparing the dispatcher; the tests themselves run
# them as a person does, aduan NAME.

JADWAL="2026-03-02 10:00"

# new_case [PELAPOR [PERIHAL]]: files a new case; sets id and log.
new_case() {
	id=$(plain aduan-new -q --pelapor "${1:-Budi Santoso}" --lurah "Lurah Kranggan" \
	    --perihal "${2:-Kebisingan malam hari}" --isi "Tetangga memutar musik keras") ||
	    return 1
	log="$ADUAN_DIR/open/$id.log"
}

# walk_to STEP: files a new case and records it until it waits for STEP
# (2 to 10; 9 is reached through tidak-sepakat, 10 through sepakat).
walk_to() {
	local want=$1
	new_case || return 1
	[ "$want" -le 2 ] && return 0
	plain aduan-assign -q "$id" --step 2 || return 1
	[ "$want" -le 3 ] && return 0
	plain aduan-assign -q "$id" --kepada "Kasi Trantib" || return 1
	[ "$want" -le 4 ] && return 0
	plain aduan-panggil -q "$id" --step 4 || return 1
	[ "$want" -le 5 ] && return 0
	plain aduan-panggil -q "$id" --pihak "Pak RT" --pihak "Bu Siti" \
	    --jadwal "$JADWAL" || return 1
	[ "$want" -le 6 ] && return 0
	plain aduan-panggil -q "$id" --hadir || return 1
	[ "$want" -le 7 ] && return 0
	plain aduan-musyawarah -q "$id" --step 7 || return 1
	[ "$want" -le 8 ] && return 0
	if [ "$want" -eq 9 ]; then
		plain aduan-musyawarah -q "$id" --hasil tidak-sepakat
	else
		plain aduan-musyawarah -q "$id" --hasil sepakat
	fi
}

# walk_closed selesai|jalur-hukum: a case closed with that outcome; log is
# then the file under closed/.
walk_closed() {
	if [ "$1" = selesai ]; then walk_to 10; else walk_to 9; fi || return 1
	plain aduan-close -q "$id" || return 1
	log="$ADUAN_DIR/closed/$id.log"
}

# The log is read in bash alone: these run dozens of times a test.  A log
# line has no empty field (see aduan-log(5)), so splitting at TABs is exact.

# events: how many events the log holds (its lines but the header).
events() {
	local n=0 l
	while IFS= read -r l; do n=$((n + 1)); done < "$log"
	echo $((n - 1))
}

# line SEQ: event SEQ of the log split at TABs into the array f.
line() {
	local i=0 l
	f=()
	while IFS= read -r l; do
		if [ "$i" -eq "$1" ]; then
			IFS=$'\t' read -r -a f <<<"$l"
			return 0
		fi
		i=$((i + 1))
	done < "$log"
}

# ev SEQ FIELD: one field of event SEQ of the log (1 seq, 2 recorded,
# 3 happened, 4 by, 5 step, 6 event, 7... the key=value fields).
ev() {
	local -a f
	line "$1"
	echo "${f[$2 - 1]}"
}

# last FIELD: that field of the last event.
last() {
	ev "$(events)" "$1"
}

# kv SEQ KEY: the value of KEY in event SEQ (the first, when repeated).
kv() {
	local -a f
	local i
	line "$1"
	for ((i = 6; i < ${#f[@]} - 1; i++)); do
		if [[ "${f[i]}" == "$2="* ]]; then
			echo "${f[i]#"$2="}"
			return 0
		fi
	done
}

# recorded SEQ NOW: event SEQ was recorded at the system clock (within the
# last ten minutes, whatever ADUAN_NOW says) and says that its clock was
# set by hand to NOW (the drill-now field of aduan-log(5)).
recorded() {
	local t
	t=$(date -d "$(ev "$1" 2)" +%s) || return 1
	[ "$t" -le "$(date +%s)" ] && [ "$t" -ge $(($(date +%s) - 600)) ] ||
	    { echo "event $1 recorded at $(ev "$1" 2), not by the clock"; return 1; }
	[ "$(kv "$1" drill-now)" = "$2" ] ||
	    { echo "event $1: drill-now is '$(kv "$1" drill-now)', not $2"; return 1; }
}

# snap: keep a copy of the log; unchanged: the log is byte for byte that copy.
snap() {
	cp "$log" "$BATS_TEST_TMPDIR/before.log"
}
unchanged() {
	cmp "$BATS_TEST_TMPDIR/before.log" "$log"
}

# json FILTER: a jq filter over 'aduan-show --format json' of the case.
json() {
	aduan-show --format json "$id" | jq -r "$1"
}

# waiters FILE N: waits until N processes are blocked on a flock of FILE
# (read from /proc/locks; bounded, no sleep).  A barrier that the test
# holds exclusively lets both writers start at the same moment.
waiters() {
	local ino i
	ino=$(stat -c %i "$1")
	for i in $(seq 2000); do
		[ "$(grep -c -- "-> FLOCK .*:$ino " /proc/locks)" -ge "$2" ] &&
		    return 0
	done
	return 0
}
