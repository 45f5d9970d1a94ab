/*
 * aduan - run an aduan command.  The commands of this suite are built in,
 * as git's are: "aduan CMD ARGS" runs CMD in this process, and so does
 * this program run under the name aduan-CMD (the commands installed are
 * links to it).  Any other CMD is the program aduan-CMD found beside this
 * binary, then in the install's libexec directory, then on PATH, which
 * this process becomes, passing its exit status through.  aduan surat and
 * aduan rekap are such programs of this suite, so that only they link
 * cairo and pango.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#ifndef ADUAN_LIBEXECDIR
#define ADUAN_LIBEXECDIR "/usr/local/libexec/aduan"
#endif

static const struct {
	const char *name;
	int (*fn)(int, char **);
	const char *summary;
} commands[] = {
	{ "init", cmd_init, N_("set up the data directory for the clerks' "
	    "group (as root, once)") },
	{ "new", cmd_new, N_("open a case: the citizen brings the complaint "
	    "(step 1)") },
	{ "assign", cmd_assign, N_("the Camat receives it and orders the Kasi "
	    "Trantib (steps 2-3)") },
	{ "panggil", cmd_panggil, N_("study and summon the parties, again, or "
	    "they came (steps 4-6)") },
	{ "musyawarah", cmd_musyawarah, N_("the deliberation and its result, "
	    "or adjourn it (steps 7-8)") },
	{ "close", cmd_close, N_("close the case: agreed (step 10) or legal "
	    "path (step 9)") },
	{ "koreksi", cmd_koreksi, N_("correct a field recorded wrongly, "
	    "keeping the old value and why") },
	{ "show", cmd_show, N_("a case as a timeline against the SOP") },
	{ "list", cmd_list, N_("the cases, one a line, with whose turn it is") },
	{ "overdue", cmd_overdue, N_("for cron: flag each late step once, "
	    "print what is newly late") },
	{ "verify", cmd_verify, N_("check that no line of any case log was "
	    "altered") },
	{ "checkpoint", cmd_checkpoint, N_("note every case's head outside its "
	    "log, for verify") },
	{ "seal", cmd_seal, N_("for cron, as the seal user: forward-secure "
	    "seals of every case") },
	{ "sop", cmd_sop, N_("show the SOP in force, or check an SOP file") },
	{ "sync", cmd_sync, N_("for cron: commit and push the records over "
	    "git; at the city, fetch and verify") },
	/* Their own programs (they link cairo): run as an aduan-foo is. */
	{ "surat", NULL, N_("print a letter the SOP names from a case, as "
	    "PDF: summons, minutes, ...") },
	{ "rekap", NULL, N_("the recap of a month or a year for the Camat, "
	    "and the register") },
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void
usage(FILE *f)
{
	fprintf(f, _("usage: aduan [--help] [--version] command [argument ...]\n"));
}

static int
list_commands(void)
{
	size_t i;

	usage(stdout);
	printf(_("\nThe commands:\n"));
	for (i = 0; i < NCOMMANDS; i++)
		printf("   %-12s %s\n", commands[i].name, _(commands[i].summary));
	printf(_("\n'aduan COMMAND --help' tells more about one; see also "
	    "aduan(1).\n"));
	return cli_finish(ADUAN_EXIT_OK);
}

/*
 * Edit distance, for "did you mean": insertions, deletions, changes and
 * two letters swapped (lsit for list) each count one.
 */
static size_t
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, d[64][64], v;

	if (la >= 63 || lb >= 63)
		return SIZE_MAX;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++)
		for (j = 1; j <= lb; j++) {
			v = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < v)
				v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	return d[la][lb];
}

static int
unknown(const char *cmd)
{
	size_t i, best = SIZE_MAX, d, bi = 0;

	for (i = 0; i < NCOMMANDS; i++)
		if ((d = distance(cmd, commands[i].name)) < best) {
			best = d;
			bi = i;
		}
	if (best <= 2)
		cli_warn(_("'%s' is not an aduan command; did you mean "
		    "'%s'? See 'aduan help'"), cmd, commands[bi].name);
	else
		cli_warn(_("'%s' is not an aduan command; see 'aduan "
		    "help'"), cmd);
	return ADUAN_EXIT_USAGE;
}

static int
valid_name(const char *s)
{
	if (*s < 'a' || *s > 'z' || strlen(s) > 32)
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '-'))
			return 0;
	return 1;
}

/*
 * Exec aduan-CMD from dir; returns only when that failed, keeping in
 * failed the first reason that was not "no such file" (a command there
 * that cannot run is said as such, not as an unknown one).
 */
static void
try_exec(const char *dir, const char *cmd, char **argv, char failed[PATH_MAX],
    int *why)
{
	char path[PATH_MAX];

	if (snprintf(path, sizeof(path), "%s/aduan-%s", dir, cmd) >=
	    (int)sizeof(path))
		return;
	execv(path, argv);
	if (errno != ENOENT && errno != ENOTDIR && *why == 0) {
		*why = errno;
		snprintf(failed, PATH_MAX, "%s", path);
	}
}

/* The built-in command called name, or -1. */
static int
builtin(const char *name)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		if (commands[i].fn != NULL &&
		    strcmp(commands[i].name, name) == 0)
			return (int)i;
	return -1;
}

static int
run(const char *cmd, int argc, char **argv)
{
	static char name[64];
	char self[PATH_MAX], failed[PATH_MAX] = "";
	char *slash;
	ssize_t n;
	int why = 0;

	(void)argc;
	if (!valid_name(cmd))
		return unknown(cmd);
	if ((n = builtin(cmd)) >= 0) {
		/* In this process, named as the clerk typed it. */
		snprintf(name, sizeof(name), "aduan %s", cmd);
		argv[0] = name;
		optind = 0;
		return commands[n].fn(argc, argv);
	}
	/*
	 * A program of this suite, beside aduan or in its libexec, is
	 * named as the clerk typed it, as the built-in ones are.
	 */
	snprintf(name, sizeof(name), "aduan %s", cmd);
	argv[0] = name;
	if ((n = readlink("/proc/self/exe", self, sizeof(self) - 1)) > 0) {
		self[n] = '\0';
		if ((slash = strrchr(self, '/')) != NULL) {
			*slash = '\0';
			try_exec(self, cmd, argv, failed, &why);
		}
	}
	try_exec(ADUAN_LIBEXECDIR, cmd, argv, failed, &why);
	/* argv[0] is name: one from PATH is named as its file is. */
	snprintf(name, sizeof(name), "aduan-%s", cmd);
	execvp(name, argv);
	if (errno == ENOENT && why == 0)
		return unknown(cmd);
	cli_warn(_("cannot run '%s': %s"), why ? failed : name,
	    strerror(why ? why : errno));
	return ADUAN_EXIT_IO;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char *base = strrchr(argv[0], '/');
	int ch, n;

	/* Run as aduan-NAME, a link to this program: that command. */
	base = base ? base + 1 : argv[0];
	if (strncmp(base, "aduan-", 6) == 0 && (n = builtin(base + 6)) >= 0)
		return commands[n].fn(argc, argv);
	cli_init(argc, argv);
	while ((ch = getopt_long(argc, argv, "+hV", longopts, NULL)) != -1)
		switch (ch) {
		case 'h':
			return list_commands();
		case 'V':
			return cli_finish(cli_version());
		default:
			usage(stderr);
			return ADUAN_EXIT_USAGE;
		}
	argc -= optind;
	argv += optind;
	if (argc == 0) {
		usage(stderr);
		cli_warn(_("no command given; 'aduan help' lists them"));
		return ADUAN_EXIT_USAGE;
	}
	if (strcmp(argv[0], "help") == 0) {
		if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
		    strcmp(argv[1], "-h") == 0)
			return list_commands();
		if (strcmp(argv[1], "--version") == 0 ||
		    strcmp(argv[1], "-V") == 0)
			return cli_finish(cli_version());
		char *args[] = { argv[1], "--help", NULL };
		return run(argv[1], 2, args);
	}
	return run(argv[0], argc, argv);
}
