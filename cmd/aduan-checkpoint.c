/*
 * aduan-checkpoint - note the head of every case whose log changed since
 * the last checkpoint, in the chained checkpoint log, so that aduan verify
 * can tell a log cut short or rewritten whole.
 */
#include <getopt.h>
#include <stdio.h>
#include <time.h>

#include "cli.h"

static const char *const help_opts[][2] = {
	CLI_HELP_QUIET,
	CLI_HELP_DIR,
	CLI_HELP_SOP,
	CLI_HELP_END
};
static const struct cli_help help = {
	.what = N_("Note the head of every changed case log outside the "
	    "logs, so that verify sees a log cut short, rewritten or "
	    "removed."),
	.opts = help_opts,
	.example = {
		"aduan checkpoint",
		"aduan checkpoint -q -D /var/lib/aduan",
	},
};

static void
usage(FILE *f)
{
	fprintf(f, _("usage: %s [-hqV] [-D dir] [--sop file]\n"),
	    cli_prog());
}

/* A log left unwitnessed: said, and the run exits with its status. */
static void
skipped(const struct aduan_err *err, void *arg)
{
	*(int *)arg = cli_fail(err);
}

int
cmd_checkpoint(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "data-dir", required_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "sop", required_argument, NULL, 's' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_opts o = { .usage = usage, .help = &help, .formats = 0,
	    .fmt = 't' };
	struct aduan_store *store;
	struct aduan_sop *sop;
	struct aduan_err err;
	int ch, added, status, bad = 0;
	time_t now;

	cli_init(argc, argv);
	while ((ch = getopt_long(argc, argv, "D:hqV", longopts, NULL)) != -1)
		if ((status = cli_opt(ch, &o)) != -1)
			return status;
	if (optind < argc)
		return cli_usage_error(_("unexpected argument '%s'"),
		    argv[optind]);
	if ((status = cli_open(&o, &sop, &now, &store)) != 0)
		;			/* said */
	else if (aduan_checkpoint_take(store, 1, time(NULL),
	    aduan_cal_utcoff(aduan_sop_cal(sop)), &added, skipped, &bad,
	    &err) == -1)
		status = cli_fail(&err);
	else {
		if (!o.quiet)
			fprintf(stderr, _("%s: %d case head(s) noted\n"),
			    cli_prog(), added);
		status = bad;
	}
	aduan_store_close(store);
	aduan_sop_free(sop);
	return cli_finish(status);
}
