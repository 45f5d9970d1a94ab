/*
 * aduan-init - set up the office's data directory, once or again: the
 * directory and its folders made, given to the clerks' group (made when
 * missing) and set 02770, so that every clerk of the group reads and
 * records and every file made there is the group's.  Running it again
 * changes nothing that is right and mends what is not.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <langinfo.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#define MODE 02770

static const char *const help_opts[][2] = {
	{ "--group NAMA", N_("the clerks' group, instead of aduan") },
	{ "--check", N_("change nothing: say what is wrong with the "
	    "installation, one line a thing (folders, group, you in it, "
	    "locale, cron, seals, the calendar's year); exit 1 if anything") },
	CLI_HELP_DIR,
	CLI_HELP_QUIET,
	CLI_HELP_END
};
static const struct cli_help help = {
	.what = N_("Set up the data directory for the clerks' group: made if "
	    "missing, with the group made if missing (as root), its folders "
	    "given to the group and set 2770. Safe to run again."),
	.opts = help_opts,
	.example = {
		"aduan init",
		"aduan init -D /srv/aduan --group trantib",
	},
};

static void
usage(FILE *f)
{
	fprintf(f, _("usage: %s [-hqV] [--group nama] [-D dir]\n"
	    "       %s --check [--group nama] [-D dir]\n"), cli_prog(),
	    cli_prog());
}

/* Make the system group name with groupadd(8): 0, or -1 said. */
static int
make_group(const char *name)
{
	char *const argv[] = { "groupadd", "--system", (char *)name, NULL };
	int status;
	pid_t pid;

	fflush(NULL);
	if ((pid = fork()) == 0) {
		execvp("groupadd", argv);
		execv("/usr/sbin/groupadd", argv);
		_exit(127);
	}
	if (pid == -1 || waitpid(pid, &status, 0) == -1 ||
	    !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		cli_warn(_("cannot make the group '%s' (groupadd failed); make "
		    "it, then run aduan init again"), name);
		return -1;
	}
	return 0;
}

/*
 * dir (a folder of the data directory, not a link) given to gid and set
 * MODE; *changed when it was not so.  0, or -1 said.
 */
static int
settle(const char *dir, gid_t gid, int *changed)
{
	struct stat sb;
	int fd;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) == -1 || fstat(fd, &sb) == -1) {
		cli_warn(_("%s: not a folder one can use (%s); nothing more was "
		    "changed"), dir, strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	if (sb.st_gid != gid) {
		if (fchown(fd, (uid_t)-1, gid) == -1) {
			cli_warn(_("%s: cannot give it to the group: %s; run aduan "
			    "init as root"), dir, strerror(errno));
			close(fd);
			return -1;
		}
		*changed = 1;
	}
	if ((sb.st_mode & 07777) != MODE) {
		if (fchmod(fd, MODE) == -1) {
			cli_warn(_("%s: cannot set its mode: %s; run aduan init as "
			    "root"), dir, strerror(errno));
			close(fd);
			return -1;
		}
		*changed = 1;
	}
	close(fd);
	return 0;
}

/* One line of the check: what, and whether it is right. */
static void
said(int ok, int *bad, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
said(int ok, int *bad, const char *fmt, ...)
{
	va_list ap;

	printf("%s  ", ok ? _("ok     ") : _("PROBLEM"));
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	*bad += !ok;
}

/*
 * The server's zone against the office's: Debian's cron reads the hours
 * of /etc/cron.d/aduan in the server's zone, knowing no CRON_TZ.  The
 * commands count in the office's zone whatever the server's.
 */
static void
zone(int *bad, long want)
{
	time_t now = time(NULL);
	char has[32], office[32];
	struct tm tm;

	localtime_r(&now, &tm);
	snprintf(has, sizeof(has), "%c%02ld:%02ld", tm.tm_gmtoff < 0 ? '-' :
	    '+', labs(tm.tm_gmtoff) / 3600, labs(tm.tm_gmtoff) % 3600 / 60);
	snprintf(office, sizeof(office), "%c%02ld:%02ld", want < 0 ? '-' : '+',
	    labs(want) / 3600, labs(want) % 3600 / 60);
	if (tm.tm_gmtoff == want)
		said(1, bad, _("the server's clock is in the office's zone, "
		    "%s"), has);
	else
		said(0, bad, _("the server's clock is %s, not the office's %s: "
		    "cron reads the hours of /etc/cron.d/aduan in it; timedatectl "
		    "set-timezone Asia/Jakarta"), has, office);
}

/*
 * What is wrong with an installation, in one screen, changing nothing:
 * the data directory's folders, their group and modes, the clerk in the
 * group, the locale, cron, the seal, the calendar's year.  0 when all is
 * right, ADUAN_EXIT_ANSWER when something is not.
 */
static int
check(const char *dir, const char *group)
{
	static const char *const subs[] = { "", "/open", "/closed", "/seq" };
	char path[4096], seal[4096];
	struct group *gr = getgrnam(group);
	const char *cs = nl_langinfo(CODESET), *sealdir;
	struct aduan_sop *sop;
	struct stat sb;
	int bad = 0, status;
	size_t i;

	said(gr != NULL, &bad, _("the clerks' group %s %s"), group, gr ?
	    _("exists") : _("does not exist: sudo aduan init makes it"));
	for (i = 0; i < sizeof(subs) / sizeof(subs[0]); i++) {
		snprintf(path, sizeof(path), "%s%s", dir, subs[i]);
		if (lstat(path, &sb) == -1 || !S_ISDIR(sb.st_mode))
			said(0, &bad, _("%s: missing or not a folder: sudo aduan "
			    "init makes it"), path);
		else
			said(gr != NULL && sb.st_gid == gr->gr_gid &&
			    (sb.st_mode & 07777) == MODE, &bad, _("%s: mode "
			    "%04o, group %s%s"), path, (unsigned)(sb.st_mode &
			    07777), getgrgid(sb.st_gid) ? getgrgid(sb.st_gid)->
			    gr_name : "?", gr != NULL && sb.st_gid == gr->gr_gid &&
			    (sb.st_mode & 07777) == MODE ? "" : _(": sudo aduan "
			    "init sets 2770 and the group"));
	}
	if (gr != NULL) {
		gid_t g[256];
		int n = getgroups(256, g), k, in = getegid() == gr->gr_gid;

		for (k = 0; k < n; k++)
			in |= g[k] == gr->gr_gid;
		said(in || geteuid() == 0, &bad, in || geteuid() == 0 ?
		    _("you are in the group %s, or root") : _("you are not in "
		    "the group %s: sudo usermod -aG %s $USER, then log in "
		    "again"), group, group);
	}
	said(strcmp(cs, "UTF-8") == 0, &bad, _("the locale's characters: %s%s"),
	    cs, strcmp(cs, "UTF-8") == 0 ? "" : _(": set LANG=id_ID.UTF-8, or "
	    "LANGUAGE=id with LC_ALL=C.UTF-8"));
	said(access("/usr/sbin/cron", X_OK) == 0 || access("/usr/sbin/crond",
	    X_OK) == 0, &bad, access("/usr/sbin/cron", X_OK) == 0 ||
	    access("/usr/sbin/crond", X_OK) == 0 ? _("cron is installed") :
	    _("cron is not installed: apt-get install cron, then the crontab "
	    "of the README"));
	sealdir = cli_seal_dir(NULL, dir);
	snprintf(seal, sizeof(seal), "%s/seals.log", sealdir);
	said(access(seal, F_OK) == 0, &bad, access(seal, F_OK) == 0 ?
	    _("the seals are set up in %s") : _("no seals in %s: aduan-seal(8) "
	    "says how to set them up"), sealdir);
	if ((sop = cli_load_sop(NULL, &status)) != NULL) {
		struct aduan_dur d = { ADUAN_UNIT_HARI, 1 };
		time_t now = time(NULL), due;
		int unlisted = 0;
		struct tm tm;
		time_t lt = now + aduan_cal_utcoff(aduan_sop_cal(sop));

		gmtime_r(&lt, &tm);
		aduan_cal_add(aduan_sop_cal(sop), now, &d, &due, &unlisted, NULL,
		    NULL);
		said(unlisted == 0, &bad, unlisted == 0 ? _("the calendar has "
		    "this year's holidays (%d)") : _("the calendar has no "
		    "holiday list for %d: add that year's decree to it"),
		    unlisted ? unlisted : tm.tm_year + 1900);
		zone(&bad, aduan_cal_utcoff(aduan_sop_cal(sop)));
		aduan_sop_free(sop);
	} else
		bad++;
	return bad ? ADUAN_EXIT_ANSWER : 0;
}

int
cmd_init(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "data-dir", required_argument, NULL, 'D' },
		{ "check", no_argument, NULL, 'c' },
		{ "group", required_argument, NULL, 'g' },
		{ "help", no_argument, NULL, 'h' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const subs[] = { "", "/open", "/closed", "/seq" };
	const char *dir = NULL, *group = "aduan";
	char path[4096];
	struct aduan_store *st;
	struct aduan_err err;
	struct group *gr;
	int ch, quiet = 0, changed = 0, made, status = 0, checking = 0;
	size_t i;

	cli_init(argc, argv);
	while ((ch = getopt_long(argc, argv, "D:hqV", longopts, NULL)) != -1)
		switch (ch) {
		case 'D':
			dir = optarg;
			break;
		case 'g':
			group = optarg;
			break;
		case 'c':
			checking = 1;
			break;
		case 'h':
			usage(stdout);
			cli_help(&help);
			return cli_finish(0);
		case 'q':
			quiet = 1;
			break;
		case 'V':
			return cli_finish(cli_version());
		default:
			fprintf(stderr, _("%s: try '%s --help'\n"), cli_prog(),
			    cli_prog());
			return ADUAN_EXIT_USAGE;
		}
	if (optind < argc)
		return cli_usage_error(_("unexpected argument '%s'"),
		    argv[optind]);
	dir = cli_data_dir(dir);
	if (checking)
		return cli_finish(check(dir, group));
	if ((gr = getgrnam(group)) == NULL) {
		if (geteuid() != 0) {
			cli_warn(_("the group '%s' does not exist; run aduan init "
			    "as root, which makes it"), group);
			return cli_finish(ADUAN_EXIT_REFUSED);
		}
		if (make_group(group) == -1 || (gr = getgrnam(group)) == NULL)
			return cli_finish(ADUAN_EXIT_IO);
		changed = 1;
	}
	made = access(dir, F_OK) == -1;
	if ((st = aduan_store_open(dir, 1, 0, &err)) == NULL)
		return cli_finish(cli_fail(&err));
	aduan_store_close(st);
	changed |= made;
	for (i = 0; i < sizeof(subs) / sizeof(subs[0]) && status == 0; i++) {
		snprintf(path, sizeof(path), "%s%s", dir, subs[i]);
		if (settle(path, gr->gr_gid, &changed) == -1)
			status = ADUAN_EXIT_IO;
	}
	if (status == 0 && !quiet)
		cli_warn(changed ? _("%s: ready for the group %s (folders 2770, "
		    "files 0660); add each clerk to it: usermod -aG %s NAME") :
		    _("%s: already set up for the group %s"), dir, group, group);
	return cli_finish(status);
}
