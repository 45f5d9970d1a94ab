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
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#define MODE 02770

static const char *const help_opts[][2] = {
	{ "--group NAMA", N_("the clerks' group, instead of aduan") },
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
	fprintf(f, _("usage: %s [-hqV] [--group nama] [-D dir]\n"),
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

int
cmd_init(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "data-dir", required_argument, NULL, 'D' },
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
	int ch, quiet = 0, changed = 0, made, status = 0;
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
