# /etc/cron.d/aduan: the office's jobs (aduan-overdue(1), aduan-seal(8),
# aduan-sync(1)).  Local edits are kept on upgrade.
#
# The hours are the office's, Asia/Jakarta.  Crons that know CRON_TZ
# read them in it; Debian's cron reads them in the server's own zone, so
# set the server to the office's (timedatectl set-timezone Asia/Jakarta),
# or let the scan run at every hour ("*/10 * * * *"): it counts office
# time from the calendar itself, so that a step only becomes late in
# office hours whenever it runs.  "aduan init --check" says whether the
# server's zone is the office's.
CRON_TZ=Asia/Jakarta
SHELL=/bin/sh
PATH=/usr/bin:/bin
LANGUAGE=id
LC_ALL=C.UTF-8
ADUAN_DIR=/var/lib/aduan
# The mail of each job goes to root; set it to the Camat's secretariat:
#MAILTO=sekretariat@kranggan.example

# Each line does nothing once the package is removed (its conffiles,
# this file among them, stay until it is purged).
#
# The scan, every 10 minutes in office hours, Monday to Saturday (the
# calendar's buka: may open a Saturday): it flags each late step once,
# and mails only what is newly late.
*/10 7-16 * * 1-6	root	[ ! -x /usr/bin/aduan ] || aduan overdue --mail

# The seals, every 15 minutes around the clock, as the seal user, once
# sealing is set up (aduan-seal(8)): until
#   runuser -u aduan-seal -- aduan seal --setup
# has printed the verification key, this line does nothing.
*/15 * * * *	aduan-seal	[ ! -x /usr/bin/aduan ] || [ ! -e /var/lib/aduan-seal/key ] || aduan seal -q

# Replication to the city (aduan-sync(1)), once the office has a remote:
# take the # away and name it.
#*/15 * * * *	root	[ ! -x /usr/bin/aduan ] || aduan sync -q --remote /srv/aduan/kranggan.git
