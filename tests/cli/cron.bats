#!/usr/bin/env bats
# The real cron daemon runs aduan overdue --mail as the README's crontab
# does, and the mail it sends is captured by a stand-in sendmail: late
# steps named in Indonesian, grouped by who must act, and a subject that
# does not say "(failed)".  Needs root and cron(8); skipped otherwise.

bats_require_minimum_version 1.5.0

load helper
load workflow

setup() {
	[ "$(id -u)" -eq 0 ] || skip "needs root, to run cron"
	[ -x /usr/sbin/cron ] || skip "cron is not installed"
	[ -z "${ADUAN_VALGRIND:-}" ] || skip "cron runs the commands outside valgrind; run by make sanitize and make check"
	! pgrep -x cron >/dev/null || skip "a cron daemon is already running"
	if [ -e /usr/sbin/sendmail ] && ! grep -q aduan-test-mail /usr/sbin/sendmail; then
		skip "a real sendmail is installed"
	fi
	mail="$BATS_TEST_TMPDIR/mail"
	printf '#!/bin/sh\n# aduan-test-mail: a stand-in for the tests\ncat >> %s\n' \
	    "$mail" > /usr/sbin/sendmail
	chmod 755 /usr/sbin/sendmail
	tab=/etc/cron.d/aduan-test-$$
}

teardown() {
	[ -n "${cronpid:-}" ] && kill "$cronpid" 2>/dev/null
	[ -n "${tab:-}" ] && rm -f "$tab"
	if [ -e /usr/sbin/sendmail ] && grep -q aduan-test-mail /usr/sbin/sendmail; then
		rm -f /usr/sbin/sendmail
	fi
	true
}

@test "cron runs aduan overdue --mail; the mail names each late step in Indonesian, and is not marked failed" {
	ADUAN_NOW=2026-11-27T15:55:00+07:00
	new_case "Budi Santoso" "Kebisingan malam"
	chmod -R a+rX "$BATS_TEST_TMPDIR"
	cat > "$tab" <<-TAB
	MAILTO=root
	LANGUAGE=id
	LC_ALL=C.UTF-8
	ADUAN_DIR=$ADUAN_DIR
	ADUAN_SOP=$SOP
	ADUAN_NOW=2026-12-01T10:00:00+07:00
	* * * * * root $top/cmd/aduan overdue --mail
	TAB
	chmod 644 "$tab"
	/usr/sbin/cron -f -L 15 & cronpid=$!
	# cron starts the job at the next minute; poll for the mail (bounded).
	for ((i = 0; i < 1500; i++)); do
		[ -s "$mail" ] && grep -q "^  jalankan: " "$mail" && break
		sleep 0.1
	done
	cat "$mail"
	grep -q "^Subject: Cron <root@[^>]*> $top/cmd/aduan overdue --mail\$" "$mail"
	run ! grep -q "^Subject: .*(failed)" "$mail"
	grep -qx "== Camat ==" "$mail"
	grep -qx "$id  Budi Santoso: Kebisingan malam" "$mail"
	grep -qx "  langkah 2 (Camat menerima warga): batas waktu Senin, 30 Nov 2026 07.55, terlambat 1 hari 2 jam 5 menit" "$mail"
	grep -qx "  jalankan: aduan assign $id --kepada KEPADA" "$mail"
	[ "$(last 6)" = late ]
}
