#!/usr/bin/env bats
# Records an insider cannot rewrite unnoticed (aduan-seal(8)): a clerk of
# the office's group, who can write every file of the data directory, the
# checkpoint included, tries each attack; plain aduan verify is shown to
# pass where the attack defeats the chain and the checkpoint (the negative
# control), and aduan verify --key catches it, naming the case and line.
# The sealer runs as a user of its own, the clerk as another (setpriv).

load helper
load workflow

GGG=4242	# the clerks' group
CLERK=4201
SEALER=4301

need_root() {
	[ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null ||
	    skip "needs root and setpriv to act as the sealer and a clerk"
}

# as UID CMD...: CMD as that user, of the clerks' group.
as() {
	local u=$1
	shift
	timeout 60 setpriv --reuid="$u" --regid="$GGG" --clear-groups "$@"
}

# office: the data directory shared by the clerks' group, a sealing
# directory the sealer owns, sealing set up; the key in $key.
office() {
	need_root
	local d=$BATS_TEST_TMPDIR
	while [ "$d" != "${BATS_RUN_TMPDIR%/*}" ] && [ "$d" != / ]; do
		chmod o+x "$d"
		d=${d%/*}
	done
	mkdir -p "$ADUAN_DIR" "$BATS_TEST_TMPDIR/sealer"
	chgrp "$GGG" "$ADUAN_DIR"
	chmod 02770 "$ADUAN_DIR"
	chown "$SEALER" "$BATS_TEST_TMPDIR/sealer"
	export ADUAN_SEAL_DIR="$BATS_TEST_TMPDIR/sealer/seal"
	key=$(as "$SEALER" aduan-seal --setup -q)
}

# seal [NOW]: the cron run of the sealer at NOW (default ADUAN_NOW).
seal() {
	ADUAN_NOW=${1:-$ADUAN_NOW} as "$SEALER" aduan-seal -q
}

# clerk CMD...: CMD as the clerk.
clerk() {
	as "$CLERK" "$@"
}

# rewrite ID HASIL: as the clerk, the log of case ID made anew with a
# fresh, valid chain (its outcome HASIL) and the witness taken anew: what
# a clerk with the format in hand can do without any key.
rewrite() {
	local other=$BATS_TEST_TMPDIR/other
	rm -rf "$other"
	(
		export ADUAN_DIR=$other
		plain aduan-new -q --pelapor "Orang Lain" --lurah L --perihal P \
		    --isi I >/dev/null
		plain aduan-assign -q "$1" --kepada K
		plain aduan-panggil -q "$1" --pihak A --jadwal "$JADWAL"
		plain aduan-panggil -q "$1" --hadir
		plain aduan-musyawarah -q "$1" --hasil "$2"
	)
	chmod -R a+rX "$other"
	clerk sh -c "cat '$other/open/$1.log' > '$ADUAN_DIR/open/$1.log'"
	rewitness
}

# rewitness: as the clerk, the checkpoint removed and taken anew.
rewitness() {
	clerk rm -f "$ADUAN_DIR/checkpoint.log"
	clerk aduan checkpoint -q
}


# What the setup test made on the machine, removed even when it fails.
teardown() {
	if [ -n "${made_user:-}" ]; then userdel "$made_user" 2>/dev/null || true; fi
	if [ -n "${made_group:-}" ]; then groupdel "$made_group" 2>/dev/null || true; fi
}

@test "a one-byte edit of a case's last line is corruption: named, never sealed away" {
	walk_to 4
	n=$(events)
	sed -i '$ s/\tdone\t/\tdonE\t/' "$log"
	snap
	ADUAN_NOW="2026-03-04 11:00" run aduan overdue
	[ "$status" -eq 6 ]
	[[ "$output" == *"$id: line $((n + 1)) does not verify"* ]]
	unchanged
	run aduan verify
	[ "$status" -eq 1 ]
	[[ "$output" == *"$id: altered at line $((n + 1)): event $n was altered"* ]]
	run aduan assign "$id" --kepada X
	[ "$status" -eq 6 ]
	unchanged
}

@test "an acknowledged outcome edited in place is caught, not sealed away" {
	walk_to 10
	sed -i '$ s/hasil=sepakat/hasil=tidak-sepakat/' "$log"
	run aduan close "$id"
	[ "$status" -eq 6 ]
	run aduan verify "$id"
	[ "$status" -eq 1 ]
	[[ "$output" == *"altered at line $(($(events) + 1))"* ]]
}

@test "the checkpoint never launders a log cut or rewritten: it names it and keeps the old head" {
	walk_to 8
	aduan checkpoint -q
	sed -i '$d' "$log"
	run aduan checkpoint
	[ "$status" -eq 6 ]
	[[ "$output" == *"$id: the log no longer holds the head the checkpoint noted"* ]]
	ADUAN_NOW="2026-03-04 09:00" run aduan overdue
	run aduan verify
	[ "$status" -eq 1 ]
	[[ "$output" =~ $id:\ (cut|rewritten)\ at\ line ]]
}

@test "cron witnesses a case as it closes; a log moved to closed/ by hand is caught" {
	walk_closed selesai
	closed_id=$id
	grep -q "	$closed_id	$(events)	.*	closed	" "$ADUAN_DIR/checkpoint.log"
	walk_to 3
	ADUAN_NOW="2026-03-02 09:30" aduan overdue >/dev/null || true
	mv "$ADUAN_DIR/open/$id.log" "$ADUAN_DIR/closed/"
	run aduan verify
	[ "$status" -eq 1 ]
	[[ "$output" == *"$id: moved at line 0: the log is in closed/, but the case is not closed"* ]]
	run aduan list --status all --format tsv
	[ "$status" -eq 0 ]
}

@test "a removed checkpoint is reported by verify, never passed" {
	walk_to 3
	aduan checkpoint -q
	rm "$ADUAN_DIR/checkpoint.log"
	run aduan verify
	[ "$status" -eq 1 ]
	[[ "$output" == *"checkpoint.log: the witness of the case heads is missing"* ]]
}

@test "an event recorded with the clock set by hand says so; verify --strict refuses it" {
	new_case
	[ "$(kv 1 drill-now)" = "$ADUAN_NOW" ]
	run aduan show "$id"
	[[ "$output" == *"the clock set to 2026-03-02 09:00"* ]]
	run aduan verify
	[ "$status" -eq 0 ]
	[[ "$output" == *"aduan verify: 1 event(s) recorded with the clock set by hand (ADUAN_NOW); --strict refuses them"* ]]
	run aduan verify --strict
	[ "$status" -eq 1 ]
	[[ "$output" == *"$id: not accepted with --strict: 1 event(s) recorded with the clock set by hand (ADUAN_NOW)"* ]]
	id2=$(env -u ADUAN_NOW aduan new -q --pelapor A --lurah B --perihal C --isi D)
	run aduan verify --strict "$id2"
	[ "$status" -eq 0 ]
}

@test "seal --setup prints the verification key alone and keeps the key where clerks cannot read it" {
	office
	[[ "$key" =~ ^[0-9a-f]{64}-[0-9]+-900$ ]]
	[ "$(stat -c '%u %a' "$ADUAN_SEAL_DIR/key")" = "$SEALER 600" ]
	[ "$(stat -c '%u %a' "$ADUAN_SEAL_DIR/seals.log")" = "$SEALER 644" ]
	run clerk cat "$ADUAN_SEAL_DIR/key"
	[ "$status" -ne 0 ]
	run as "$SEALER" aduan-seal --setup
	[ "$status" -eq 4 ]
	[[ "$output" == *"sealing is set up here already"* ]]
	new_case
	run clerk aduan-seal
	[ "$status" -ne 0 ]
	run seal
	[ "$status" -eq 0 ]
	run clerk aduan verify --key "$key"
	[ "$status" -eq 0 ]
	run aduan verify --key "0000000000000000000000000000000000000000000000000000000000000000-${key#*-}"
	[ "$status" -eq 2 ]
	[[ "$output" == *"this is not the verification key of these seals"* ]]
}

@test "a log rewritten with a fresh chain and a fresh witness passes plain verify and is caught with the key" {
	office
	walk_to 8
	chgrp -R "$GGG" "$ADUAN_DIR"
	chmod -R g+rw "$ADUAN_DIR"
	seal
	rewrite "$id" tidak-sepakat
	run aduan verify
	[ "$status" -eq 0 ]		# the negative control
	run aduan verify --key "$key"
	[ "$status" -eq 1 ]
	[[ "$output" == *"$id: rewritten at line "*": event "*" is not the one that was sealed"* ]]
	run seal "2026-03-02 09:20"
	[ "$status" -eq 6 ]
	[[ "$output" == *"$id: the log no longer holds event "*" as it was sealed"* ]]
}

@test "a log cut and rewitnessed, or removed, passes plain verify and is caught with the key" {
	office
	walk_to 8
	other=$id
	walk_to 4
	chgrp -R "$GGG" "$ADUAN_DIR"
	chmod -R g+rw "$ADUAN_DIR"
	seal
	clerk sed -i '$d' "$ADUAN_DIR/open/$other.log"
	clerk rm "$ADUAN_DIR/open/$id.log"
	rewitness
	run aduan verify
	[ "$status" -eq 0 ]		# the negative control
	run aduan verify --key "$key"
	[ "$status" -eq 1 ]
	[[ "$output" == *"$other: cut at line "*": the log ends at event "*", but the seal saw "* ]]
	[[ "$output" == *"$id: missing at line 0: 3 events were sealed; the log is gone"* ]]
}

@test "the witness and a log rolled back together to older copies pass plain verify and are caught with the key" {
	office
	walk_to 4
	chgrp -R "$GGG" "$ADUAN_DIR"
	chmod -R g+rw "$ADUAN_DIR"
	aduan checkpoint -q
	seal
	mkdir "$BATS_TEST_TMPDIR/copy"
	chown "$CLERK" "$BATS_TEST_TMPDIR/copy"
	clerk cp -a "$ADUAN_DIR/." "$BATS_TEST_TMPDIR/copy"
	ADUAN_NOW="2026-03-02 09:20" aduan panggil -q "$id" --step 4
	aduan checkpoint -q
	seal "2026-03-02 09:20"
	clerk sh -c "cat '$BATS_TEST_TMPDIR/copy/open/$id.log' > '$log' &&
	    cat '$BATS_TEST_TMPDIR/copy/checkpoint.log' > '$ADUAN_DIR/checkpoint.log'"
	run aduan verify
	[ "$status" -eq 0 ]		# the negative control
	run aduan verify --key "$key"
	[ "$status" -eq 1 ]
	[[ "$output" == *"$id: cut at line 5: the log ends at event 3, but the seal saw 4"* ]]
}

@test "an event backdated by a clock set back, and a case hidden from a seal, are caught with the key" {
	office
	walk_to 4
	chgrp -R "$GGG" "$ADUAN_DIR"
	chmod -R g+rw "$ADUAN_DIR"
	# The seal made "later" than the system clock the clerks record by.
	seal "2027-01-04 09:00"
	aduan panggil -q "$id" --step 4
	run aduan verify --key "$key"
	[ "$status" -eq 1 ]
	[[ "$output" == *"$id: backdated at line 5: event 4 was recorded with a time from before a seal that did not hold it"* ]]
}

@test "a seal made with a later epoch's key, and a truncated seal file, do not verify" {
	command -v python3 >/dev/null || skip "needs python3 to forge a seal"
	office
	walk_to 4
	seal
	seal "2026-03-02 09:20"
	run aduan verify --key "$key"
	[ "$status" -eq 0 ]
	f=$ADUAN_SEAL_DIR/seals.log
	cp "$f" "$BATS_TEST_TMPDIR/seals"
	# As root holding the current key: line 2 (epoch 1) made again, with
	# another head, by the key of epoch 2, the chain carried on after it.
	python3 - "$f" "$ADUAN_SEAL_DIR/key" <<'EOF'
import hmac, hashlib, sys
path, keyfile = sys.argv[1], sys.argv[2]
k = bytes.fromhex(open(keyfile).read().split('\t')[2].strip())
lines = open(path).read().split('\n')[:-1]
prev = lines[0].split('\t')[-1]
out = [lines[0]]
for i, l in enumerate(lines[1:]):
    f = l.split('\t')
    if i == 0:
        f[8] = '0' * 64
    body = '\t'.join(f[:9])
    m = hmac.new(k, (prev + '\t' + body).encode(), hashlib.sha256).hexdigest()
    out.append(body + '\t' + m)
    prev = m
open(path, 'w').write('\n'.join(out) + '\n')
EOF
	run aduan verify --key "$key"
	[ "$status" -eq 1 ]
	[[ "$output" == *"seals.log:2:0: this line does not verify: altered, moved, or made with the key of another epoch"* ]]
	cp "$BATS_TEST_TMPDIR/seals" "$f"
	truncate -s -10 "$f"
	run aduan verify --key "$key"
	[ "$status" -eq 1 ]
	[[ "$output" == *"seals.log:"*"does not verify"* || "$output" == *"not a seal line"* ]]
}

@test "the sealer keeps its old seal of a case moved to closed/ by hand and names it" {
	office
	walk_to 3
	chgrp -R "$GGG" "$ADUAN_DIR"
	chmod -R g+rw "$ADUAN_DIR"
	seal
	clerk mv "$ADUAN_DIR/open/$id.log" "$ADUAN_DIR/closed/"
	cp "$ADUAN_SEAL_DIR/seals.log" "$BATS_TEST_TMPDIR/before"
	run seal "2026-03-02 09:20"
	[ "$status" -eq 6 ]
	[[ "$output" == *"$id: the log was moved to closed/ with no event closing it"* ]]
	run aduan verify --key "$key"
	[ "$status" -eq 1 ]
	[[ "$output" == *"$id: moved"* ]]
}

@test "the documented setup: a system user for the sealer, its directory, and the clerk kept out" {
	need_root
	command -v useradd >/dev/null || skip "needs useradd"
	u=aduan-seal-t$$
	# The group of that gid made only when there is none, and the user
	# and that group removed however the test ends (teardown).
	if ! getent group "$GGG" >/dev/null; then
		groupadd -g "$GGG" "aduan-t$$"
		made_group="aduan-t$$"
	fi
	useradd --system --no-create-home --shell /usr/sbin/nologin \
	    --gid "$GGG" "$u"
	made_user=$u
	uid=$(id -u "$u")
	office
	mkdir -p "$BATS_TEST_TMPDIR/sys"
	chown "$u" "$BATS_TEST_TMPDIR/sys"
	export ADUAN_SEAL_DIR="$BATS_TEST_TMPDIR/sys/seal"
	key=$(runuser -u "$u" -- aduan-seal --setup -q)
	new_case
	chgrp -R "$GGG" "$ADUAN_DIR"
	chmod -R g+rw "$ADUAN_DIR"
	run runuser -u "$u" -- aduan-seal
	[ "$status" -eq 0 ]
	[ "$(stat -c %u "$ADUAN_SEAL_DIR/key")" = "$uid" ]
	run clerk aduan verify --key "$key"
	[ "$status" -eq 0 ]
}
