#!/usr/bin/env bats
# A real ext4 file system on a loop device: a power cut, with its negative
# control, and a full disk.  The image copied while still mounted is what
# the disk holds when the power goes: every acknowledged event must be in
# the copy, and with fsync made a no-op (nosync.so preloaded) the same cut
# must lose some, or the first test proves nothing.  These need root and a
# loop device and skip elsewhere; CI runs them as root.

load helper
load workflow

teardown() {
	local m

	for m in "$BATS_TEST_TMPDIR/copy" "$BATS_TEST_TMPDIR/mnt"; do
		if mountpoint -q "$m"; then umount "$m"; fi
	done
}

# loopfs SIZE [MKFS-OPTION...]: a fresh ext4 of SIZE (no blocks reserved
# for root) mounted on $mnt; skips where that cannot be done.
loopfs() {
	[ "$(id -u)" -eq 0 ] || skip "needs root for a loop mount"
	command -v mkfs.ext4 >/dev/null || skip "no mkfs.ext4"
	img="$BATS_TEST_TMPDIR/disk.img"
	mnt="$BATS_TEST_TMPDIR/mnt"
	mkdir "$mnt"
	truncate -s "$1" "$img"
	mkfs.ext4 -q -m 0 "${@:2}" "$img"
	mount -o loop "$img" "$mnt" || skip "no loop device here"
	export ADUAN_DIR="$mnt/data"
}

# powercut [SHIM]: on a fresh ext4, a case recorded up to its first
# summons, then summoned again 50 times, these 50 with SHIM preloaded when
# one is given (and outside valgrind: under make valgrind what this tests is
# the disk, not 50 runs of one command); then the power cut: the image
# copied while still mounted, the copy mounted on $copy.  Sets acked
# (summonses whose command exited 0), present (summonses in the copy's
# log), verified (the status of aduan verify on the copy) and elapsed (ms
# from the first of the 50 to the end of the copy: the kernel writes dirty
# pages back by itself only after vm.dirty_expire_centisecs, 30 s here).
powercut() {
	loopfs 32M
	copy="$BATS_TEST_TMPDIR/copy"
	mkdir "$copy"
	walk_to 6
	acked=1
	t0=${EPOCHREALTIME/[.,]/}
	for i in $(seq 1 50); do
		if LD_PRELOAD=${1:-} plain aduan-panggil -q "$id" --ulang \
		    --pihak "Pihak $i" --jadwal "$JADWAL"; then
			acked=$((acked + 1))
		fi
	done
	cp "$img" "$BATS_TEST_TMPDIR/cut.img"
	elapsed=$(( (${EPOCHREALTIME/[.,]/} - t0) / 1000 ))
	umount "$mnt"
	mount -o loop "$BATS_TEST_TMPDIR/cut.img" "$copy"
	present=0
	if [ -f "$copy/data/open/$id.log" ]; then
		present=$(grep -c $'\t5\tdone\t' "$copy/data/open/$id.log" || true)
	fi
	verified=0
	ADUAN_DIR="$copy/data" aduan verify "$id" >/dev/null 2>&1 || verified=$?
	umount "$copy"
}

# nosync: the shim's path in shim; skips where it cannot be preloaded.
nosync() {
	[ -z "${ADUAN_SANITIZED:-}" ] ||
	    skip "nosync.so cannot be preloaded: ASan's runtime must come first"
	shim="$top/tests/tools/nosync.so"
	[ -f "$shim" ] || skip "tests/tools/nosync.so is not built (make check builds it)"
}

@test "a power cut on ext4 keeps every acknowledged event" {
	powercut
	[ "$acked" -eq 51 ]
	[ "$present" -eq "$acked" ]
	[ "$verified" -eq 0 ]
	echo "# with fsync: $present of $acked acknowledged events in the copy" >&3
}

@test "nosync.so leaves the commands no call that syncs" {
	command -v strace >/dev/null || skip "no strace"
	nosync
	syncs() {
		strace -f -o "$BATS_TEST_TMPDIR/trace" \
		    -e trace=fsync,fdatasync,syncfs,sync_file_range,sync,msync \
		    "$@" >/dev/null 2>&1
		grep -c -E '^[0-9]+ +[a-z_]*sync' "$BATS_TEST_TMPDIR/trace" || true
	}
	walk_to 6
	[ "$(syncs aduan new -q --pelapor A --lurah B --perihal C --isi D)" -ge 2 ]
	[ "$(syncs aduan panggil -q "$id" --ulang --pihak A --jadwal "$JADWAL")" -ge 1 ]
	export LD_PRELOAD="$shim"
	[ "$(syncs aduan new -q --pelapor A --lurah B --perihal C --isi D)" -eq 0 ]
	[ "$(syncs aduan panggil -q "$id" --ulang --pihak B --jadwal "$JADWAL")" -eq 0 ]
	unset LD_PRELOAD
	run aduan verify
	[ "$status" -eq 0 ]
}

@test "negative control: with fsync a no-op the same power cut loses acknowledged events" {
	nosync
	powercut "$shim"
	[ "$acked" -eq 51 ]
	if [ $((acked - present)) -ge 1 ]; then
		echo "# without fsync: $present of $acked acknowledged events in the copy, taken $elapsed ms after the first" >&3
		return 0
	fi
	expire=$(cat /proc/sys/vm/dirty_expire_centisecs)
	if [ "$elapsed" -ge $((expire * 10)) ]; then
		skip "the appends and the copy took $elapsed ms, past the $((expire * 10)) ms after which the kernel writes back by itself"
	fi
	echo "the control lost nothing: $present of $acked acknowledged events survived a cut without fsync, taken $elapsed ms after the first; something (a sync, memory pressure) wrote the disk back before the copy" >&2
	false
}

# manifest: every name in the data directory, each file's with its SHA-256.
manifest() {
	(cd "$ADUAN_DIR" &&
	    find . -type f -exec sha256sum {} + -o -print | sort -k 2)
}

# try append|new CMD...: runs an append or a new case on the nearly full
# disk.  It passes when the command failed with exit 7 and a message
# saying the disk is full, every file and name in the data directory is as
# it was (so nothing half and nothing left behind) and every log verifies
# (checked outside valgrind: the test's last verify runs under it); or when it succeeded and the only change is one whole event: the log
# grown by one line ending in LF, or one new case with the allocator's
# hint.  Counts in ok_append, ok_new, full_append and full_new.
try() {
	local what=$1 size nl
	shift
	manifest > "$BATS_TEST_TMPDIR/before"
	cp "$log" "$BATS_TEST_TMPDIR/before.log"
	size=$(stat -c %s "$log")
	nl=$(wc -l < "$log")
	run "$@"
	echo "$what: exit $status: $output" >&2
	if [ "$status" -ne 0 ]; then
		[ "$status" -eq 7 ]
		if [ "$what" = append ]; then
			[ "$output" = "aduan panggil: $id: cannot write the log: No space left on device; nothing was recorded" ]
			full_append=$((full_append + 1))
		else
			[[ "$output" =~ ^aduan\ new:\ cannot\ (write|name)\ the\ new\ case:\ No\ space\ left\ on\ device\;\ nothing\ was\ recorded$ ]]
			full_new=$((full_new + 1))
		fi
		manifest | diff "$BATS_TEST_TMPDIR/before" -
		plain aduan verify
	elif [ "$what" = append ]; then
		[ -z "$output" ]
		[ "$(wc -l < "$log")" -eq $((nl + 1)) ]
		[ -z "$(tail -c 1 "$log")" ]
		head -c "$size" "$log" | cmp - "$BATS_TEST_TMPDIR/before.log"
		diff <(grep -v " ./open/$id.log\$" "$BATS_TEST_TMPDIR/before") \
		    <(manifest | grep -v " ./open/$id.log\$")
		ok_append=$((ok_append + 1))
	else
		[[ "$output" =~ ^2026-[0-9]{4}$ ]]
		grep -q "open/$output.log" "$BATS_TEST_TMPDIR/before" && false
		[ "$(wc -l < "$ADUAN_DIR/open/$output.log")" -eq 2 ]
		diff <(grep -v ' ./seq/2026$' "$BATS_TEST_TMPDIR/before") \
		    <(manifest | grep -v -e "./open/$output.log\$" -e ' ./seq/2026$')
		ok_new=$((ok_new + 1))
	fi
}

@test "a full ext4 disk: each append and new case refused whole, nothing left behind, and room again once space returns" {
	loopfs 4M -b 1024
	walk_to 6
	# The log brought short of 4096 bytes, the end of a block, by less
	# than one append before the disk is filled to the brim: the next
	# append goes in short before ENOSPC, and must be cut back.
	size=$(stat -c %s "$log") step=0
	while [ $((size + step)) -lt 4096 ]; do
		plain aduan-panggil -q "$id" --ulang --pihak "Pihak lama" --jadwal "$JADWAL"
		step=$(($(stat -c %s "$log") - size))
		size=$((size + step))
	done
	dd if=/dev/zero of="$mnt/filler" bs=1k 2>/dev/null || true
	sync "$mnt/filler"
	ok_append=0 ok_new=0 full_append=0 full_new=0
	# ext4 may still hold a block or two for the file beyond its end
	# (preallocation): appends go on until the disk refuses, each whole.
	for i in $(seq 1 20); do
		try append aduan panggil -q "$id" --ulang --pihak "Pihak $i" --jadwal "$JADWAL"
		[ "$full_append" -lt 3 ] || break
	done
	[ "$full_append" -eq 3 ]
	# 4 blocks freed, taken by new cases and appends in turn until full.
	truncate -s -4K "$mnt/filler"
	for i in $(seq 4 40); do
		try new aduan new -q --pelapor "Pelapor $i" --lurah "Lurah Kranggan" \
		    --perihal "Saluran tersumbat" --isi "Air meluap ke jalan"
		try append aduan panggil -q "$id" --ulang --pihak "Pihak $i" --jadwal "$JADWAL"
		[ "$full_new" -lt 2 ] || [ "$full_append" -lt 5 ] || break
	done
	[ "$ok_new" -ge 1 ]
	[ "$ok_append" -ge 1 ]
	[ "$full_new" -ge 2 ]
	[ "$full_append" -ge 5 ]
	rm "$mnt/filler"
	summons=$(grep -c $'\t5\tdone\t' "$log")
	run aduan panggil -q "$id" --ulang --pihak "Pihak akhir" --jadwal "$JADWAL"
	[ "$status" -eq 0 ]
	run aduan new -q --pelapor "Pelapor akhir" --lurah "Lurah Kranggan" --perihal P --isi I
	[ "$status" -eq 0 ]
	[ "$(grep -c $'\t5\tdone\t' "$log")" -eq $((summons + 1)) ]
	[ "$(ls "$ADUAN_DIR/open" | wc -l)" -eq $((ok_new + 2)) ]
	run aduan verify
	[ "$status" -eq 0 ]
	echo "# on the full disk: appends $ok_append ok, $full_append refused; new cases $ok_new ok, $full_new refused" >&3
}
