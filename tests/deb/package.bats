#!/usr/bin/env bats
# The Debian package, installed with apt as a new office would: the office
# set up by it, a clerk added to the group walking a case end to end with
# the installed commands, the lines of /etc/cron.d/aduan run as cron runs
# them, a local edit of a conffile through an upgrade, then remove, purge
# and a reinstall that finds the records as they were.
#
# It installs system-wide, so it needs root (skipped otherwise), and runs
# only where no aduan is installed or set up: it would otherwise disturb
# that office, and it fails saying so.  The tests build on each other, in
# order; teardown_file leaves the machine as it found it.

bats_require_minimum_version 1.5.0

CLERK=siti-uji
DATA=/var/lib/aduan
SEAL=/var/lib/aduan-seal

setup_file() {
	[ "$(id -u)" -eq 0 ] || skip "installs a package: needs root"
	top=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
	arch=$(dpkg --print-architecture)
	version=$(sed -n '1s/^aduan (\([^)]*\)).*/\1/p' "$top/debian/changelog")
	deb="$top/build/deb/aduan_${version}_$arch.deb"
	[ -f "$deb" ] || {
		echo "no $deb: make deb makes it" >&3
		return 1
	}
	local st
	st=$(dpkg-query -W -f '${db:Status-Status}' aduan 2>/dev/null || true)
	if [ -n "$st" ] && [ "$st" != not-installed ] ||
	    getent group aduan >/dev/null || getent passwd aduan-seal >/dev/null ||
	    getent passwd "$CLERK" >/dev/null || [ -e "$DATA" ] ||
	    [ -e "$SEAL" ] || [ -e /etc/aduan ] || [ -e /etc/cron.d/aduan ]; then
		echo "aduan is installed or set up on this machine (package" \
		    "'$st', the group, the users, $DATA, $SEAL or /etc/aduan):" \
		    "the package test would disturb that office; run it on a" \
		    "machine without" >&3
		return 1
	fi
	RUNUSER=$(command -v runuser)
	export top deb version RUNUSER
	export DEBIAN_FRONTEND=noninteractive
	work=$(mktemp -d)
	export work
	touch "$work/.ours"
}

teardown_file() {
	[ -n "${work:-}" ] && [ -e "$work/.ours" ] || return 0
	apt-get purge -y -q aduan >/dev/null 2>&1 || true
	getent passwd "$CLERK" >/dev/null && userdel -r "$CLERK" 2>/dev/null
	rm -rf "$DATA" "$SEAL"
	getent passwd aduan-seal >/dev/null && userdel aduan-seal
	getent group aduan >/dev/null && groupdel aduan
	rm -rf "$work"
	true
}

# as USER CMD...: CMD as USER, in the environment cron or a login gives:
# nothing of this test's, Indonesian messages.
as() {
	local u=$1 home
	shift
	home=$(getent passwd "$u" | cut -d: -f6)
	env -i HOME="$home" LOGNAME="$u" USER="$u" SHELL=/bin/sh \
	    PATH=/usr/bin:/bin LANGUAGE=id LC_ALL=C.UTF-8 \
	    "$RUNUSER" -u "$u" -- "$@"
}

clerk() {
	as "$CLERK" "$@"
}

# mode_of PATH: mode, owner and group, as stat says them.
mode_of() {
	stat -c '%a %U %G' "$1"
}

@test "apt-get install sets the office up: the group, the seal user, the data directory, the conffiles, the cron file" {
	run -0 apt-get install -y -q "$deb"
	[ "$(dpkg-query -W -f '${Version}' aduan)" = "$version" ]
	getent group aduan
	[ "$(id -gn aduan-seal)" = aduan ]
	[ "$(getent passwd aduan-seal | cut -d: -f7)" = /usr/sbin/nologin ]
	for d in "$DATA" "$DATA/open" "$DATA/closed" "$DATA/seq"; do
		[ "$(mode_of "$d")" = "2770 root aduan" ]
	done
	[ "$(mode_of "$SEAL")" = "755 aduan-seal aduan" ]
	[ ! -e "$SEAL/key" ]
	run -0 dpkg-query -W -f '${Conffiles}\n' aduan
	for f in /etc/aduan/kranggan.yaml /etc/aduan/kalender.yaml \
	    /etc/aduan/kantor.yaml /etc/aduan/surat.yaml /etc/cron.d/aduan; do
		[[ "$output" == *" $f "* ]]
	done
	[ -x /usr/bin/aduan ]
	[ -f /usr/share/bash-completion/completions/aduan ]
}

@test "aduan --version and every installed command name the package's version" {
	run -0 aduan --version
	[ "$output" = "aduan (aduan) $version" ]
	n=0
	for c in /usr/libexec/aduan/aduan-*; do
		run -0 "$c" --version
		[ "$output" = "${c##*/} (aduan) $version" ]
		n=$((n + 1))
	done
	[ "$n" -ge 17 ]
}

@test "the maintainer scripts run again change nothing, and set right what was set wrong" {
	before=$(for d in "$DATA" "$DATA"/*/ "$SEAL"; do mode_of "$d"; done)
	run -0 /var/lib/dpkg/info/aduan.postinst configure "$version"
	run -0 /var/lib/dpkg/info/aduan.postinst configure "$version"
	[ "$(for d in "$DATA" "$DATA"/*/ "$SEAL"; do mode_of "$d"; done)" = "$before" ]
	chmod 0755 "$DATA/open"
	run -0 dpkg-reconfigure aduan
	[ "$(mode_of "$DATA/open")" = "2770 root aduan" ]
	[ "$(getent group aduan | cut -d: -f1)" = aduan ]
}

@test "aduan init --check on the new install: all is right but the seals, set up by hand" {
	TZ=Asia/Jakarta LC_ALL=C.UTF-8 run -1 aduan init --check
	[[ "$output" == *"PROBLEM  no seals in $SEAL: aduan-seal(8) says how to set them up"* ]]
	[ "$(grep -c '^PROBLEM' <<<"$output")" -eq 1 ]
}

@test "a clerk added to the group walks a case end to end with the installed commands, in Indonesian" {
	useradd -m -s /bin/bash "$CLERK"
	run -0 adduser "$CLERK" aduan
	id=$(clerk aduan new -q --pelapor "Budi Santoso" --lurah "Lurah Kranggan" \
	    --perihal "Pagar melewati batas" --isi "Pagar tetangga 1 m masuk")
	[[ "$id" =~ ^[0-9]{4}-0001$ ]]
	echo "$id" > "$work/id"
	clerk aduan assign -q "$id" --step 2
	clerk aduan assign -q "$id" --kepada "Joko Susilo"
	clerk aduan panggil -q "$id" --step 4
	clerk aduan panggil -q "$id" --pihak "Pak RT" --pihak "Bu Sri" \
	    --jadwal "$(date -d '+1 day' '+%Y-%m-%d') 10:00"
	clerk aduan panggil -q "$id" --hadir
	clerk aduan musyawarah -q "$id" --step 7
	clerk aduan musyawarah -q "$id" --hasil sepakat
	# The summons, from the installed templates and fonts.
	run -0 clerk sh -c "cd && aduan surat panggilan $id --pihak 1 -o panggilan.pdf"
	run -0 pdftotext "/home/$CLERK/panggilan.pdf" -
	[[ "$output" == *"Pak RT"* ]]
	[[ "$output" == *"Pagar melewati batas"* ]]
	clerk aduan close -q "$id"
	run -0 clerk aduan show "$id"
	[[ "$output" == *"Budi Santoso"* ]]
	run -0 clerk aduan list --status all --format tsv
	[ "${#lines[@]}" -eq 1 ]
	[[ "${lines[0]}" == "$id"$'\t'* ]]
	run -0 clerk aduan verify
	# What the clerk made is the group's, for the other clerks.
	[ "$(mode_of "$DATA/closed/$id.log")" = "660 $CLERK aduan" ]
	# A message in Indonesian: a case that does not exist.
	run -3 clerk aduan show 2000-0001
	[[ "$output" == *"tidak"* ]]
	sha256sum "$DATA/closed/$id.log" > "$work/sum"
}

@test "man aduan works, in English and in Indonesian" {
	run -0 env MANPAGER=cat MANWIDTH=80 man aduan
	[[ "$output" == *DESCRIPTION* ]]
	run -0 env MANPAGER=cat MANWIDTH=80 man -L id aduan-new
	[[ "$output" == *DESKRIPSI* ]]
	run -0 env MANPAGER=cat MANWIDTH=80 LANGUAGE=id LC_ALL=C.UTF-8 man 8 aduan-seal
	[[ "$output" == *DESKRIPSI* ]]
}

@test "the installed completion completes the commands and an open case's number" {
	run -0 bash -c '. /usr/share/bash-completion/completions/aduan
		COMP_WORDS=(aduan pang); COMP_CWORD=1; COMP_LINE="aduan pang"
		COMP_POINT=${#COMP_LINE}; _aduan aduan pang aduan
		printf "%s\n" "${COMPREPLY[@]}"'
	[ "$output" = panggil ]
}

@test "the lines of /etc/cron.d/aduan, run as cron runs them: the scan as root flags a late step once; the seal line waits for the setup, then seals; the sync is commented out" {
	tab=/etc/cron.d/aduan
	# A case filed last week and not taken up: late.
	late=$(clerk aduan new -q --pelapor "Sri Wahyuni" --lurah "Lurah Meri" \
	    --perihal "Parkir liar" --isi "Depan pasar" --at "$(date -d '-7 day' '+%Y-%m-%d') 09:00")
	# The environment lines, then each job line: five fields, the user,
	# the command.
	mapfile -t envs < <(grep -E '^[A-Za-z_]+=' "$tab")
	mapfile -t jobs < <(grep -Ev '^[[:space:]]*(#|$|[A-Za-z_]+=)' "$tab")
	[ "${#jobs[@]}" -eq 2 ]
	grep -Eq '^#.*[[:space:]]root[[:space:]].*aduan sync ' "$tab"
	run_job() {
		local line=$1 user cmd home
		read -r _ _ _ _ _ user cmd <<<"$line"
		home=$(getent passwd "$user" | cut -d: -f6)
		env -i HOME="$home" LOGNAME="$user" SHELL=/bin/sh \
		    PATH=/usr/bin:/bin "${envs[@]}" \
		    "$RUNUSER" -u "$user" -- /bin/sh -c "$cmd"
	}
	scan=${jobs[0]}
	sealer=${jobs[1]}
	read -r _ _ _ _ _ user cmd <<<"$scan"
	[ "$user" = root ] && [[ "$cmd" == *"aduan overdue --mail" ]]
	read -r _ _ _ _ _ user cmd <<<"$sealer"
	[ "$user" = aduan-seal ] && [[ "$cmd" == *"aduan seal -q" ]]
	run -0 run_job "$scan"
	[[ "$output" == *"$late"*"Sri Wahyuni"* ]]
	run -0 run_job "$scan"
	[ -z "$output" ]
	# The clerk still records on what root flagged.
	clerk aduan assign -q "$late" --step 2
	# Before the setup, the seal line does nothing.
	run -0 run_job "$sealer"
	[ -z "$output" ]
	[ ! -e "$SEAL/seals.log" ]
	key=$(as aduan-seal aduan seal --setup 2>/dev/null)
	[ -n "$key" ]
	echo "$key" > "$work/key"
	[ "$(mode_of "$SEAL/key")" = "600 aduan-seal aduan" ]
	run -0 run_job "$sealer"
	[ -s "$SEAL/seals.log" ]
	run -0 clerk aduan verify --key "$key"
	TZ=Asia/Jakarta LC_ALL=C.UTF-8 run -0 aduan init --check
	# A clerk cannot run the sealer.
	run ! clerk aduan seal -q
}

@test "a local edit of a conffile is kept through an upgrade; when the package changed it too, dpkg asks, and keeps both" {
	echo "# setempat: diubah oleh kantor" >> /etc/aduan/kalender.yaml
	echo "# setempat: diubah oleh kantor" >> /etc/aduan/kantor.yaml
	# The next version, changing kantor.yaml only.
	up="$work/up"
	dpkg-deb -R "$deb" "$up"
	sed -i "s/^Version: .*/Version: $version+uji1/" "$up/DEBIAN/control"
	echo "# paket: baris baru" >> "$up/etc/aduan/kantor.yaml"
	(cd "$up" && sed -i "s|^[0-9a-f]*  etc/aduan/kantor.yaml\$|$(md5sum etc/aduan/kantor.yaml)|" DEBIAN/md5sums)
	dpkg-deb -b "$up" "$work/aduan_up.deb" >/dev/null
	# Both changed: dpkg asks (here with nothing to answer, it stops).
	run ! dpkg -i "$work/aduan_up.deb" </dev/null
	[[ "$output" == *"/etc/aduan/kantor.yaml"* ]]
	run -0 dpkg --configure --force-confold aduan
	[ "$(dpkg-query -W -f '${Version}' aduan)" = "$version+uji1" ]
	grep -q '^# setempat' /etc/aduan/kalender.yaml
	grep -q '^# setempat' /etc/aduan/kantor.yaml
	run ! grep -q '^# paket' /etc/aduan/kantor.yaml
	grep -q '^# paket' /etc/aduan/kantor.yaml.dpkg-dist
	# The office's edits do not stop the commands.
	run -0 clerk aduan show "$(cat "$work/id")"
}

@test "apt-get remove keeps the records and /etc/aduan; the cron lines then do nothing" {
	run -0 apt-get remove -y -q aduan
	[ ! -e /usr/bin/aduan ]
	[ -f /etc/aduan/kantor.yaml ]
	[ -f /etc/cron.d/aduan ]
	(cd / && sha256sum -c "$work/sum")
	mapfile -t envs < <(grep -E '^[A-Za-z_]+=' /etc/cron.d/aduan)
	mapfile -t jobs < <(grep -Ev '^[[:space:]]*(#|$|[A-Za-z_]+=)' /etc/cron.d/aduan)
	[ "${#jobs[@]}" -eq 2 ]
	for job in "${jobs[@]}"; do
		read -r _ _ _ _ _ user cmd <<<"$job"
		run -0 env -i PATH=/usr/bin:/bin "${envs[@]}" "$RUNUSER" -u "$user" -- /bin/sh -c "$cmd" </dev/null
		[ -z "$output" ]
	done
}

@test "apt-get purge removes /etc/aduan and the cron file, and keeps the records with their group, the seal user and the seals" {
	run -0 apt-get purge -y -q aduan
	[[ "$output" == *"$DATA holds the office's records: kept"* ]]
	[ ! -e /etc/aduan ]
	[ ! -e /etc/cron.d/aduan ]
	(cd / && sha256sum -c "$work/sum")
	getent group aduan
	getent passwd aduan-seal
	[ -s "$SEAL/seals.log" ]
	[ -f "$SEAL/key" ]
}

@test "a reinstall finds the records as they were: the clerk reads and records, the seals go on and verify" {
	run -0 apt-get install -y -q "$deb"
	id=$(cat "$work/id")
	[ "$(mode_of "$DATA")" = "2770 root aduan" ]
	run -0 clerk aduan show "$id"
	[[ "$output" == *"Budi Santoso"* ]]
	before=$(wc -l < "$SEAL/seals.log")
	clerk aduan new -q --pelapor "Ani" --lurah "Lurah Kranggan" \
	    --perihal "Sampah" --isi "Di selokan"
	as aduan-seal aduan seal -q
	[ "$(wc -l < "$SEAL/seals.log")" -gt "$before" ]
	run -0 clerk aduan verify --key "$(cat "$work/key")"
}

@test "purge where no record is kept removes all the package made: the folders, the seals, the seal user and the group" {
	# The records archived elsewhere and taken away, as an office would.
	tar -C / -czf "$work/arsip.tar.gz" "${DATA#/}"
	find "$DATA" ! -type d -delete
	run -0 apt-get purge -y -q aduan
	[ ! -e "$DATA" ]
	[ ! -e "$SEAL" ]
	run ! getent passwd aduan-seal
	run ! getent group aduan
	[ ! -e /etc/aduan ]
}
