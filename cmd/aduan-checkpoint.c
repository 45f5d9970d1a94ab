/*
 * aduan-checkpoint - note the head of every case whose log changed since
 * the last checkpoint, in the chained checkpoint log, so that aduan verify
 * can tell a log cut short or rewritten whole.
 */
#include <getopt.h>
#include <stdio.h>

#include "aduan.h"

static void
usage(FILE *f)
{
	fprintf(f, _("usage: %s [-hqV] [-D dir] [--sop file]\n"),
	    aduan_cli_prog());
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "data-dir", required_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "sop", required_argument, NULL, 's' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char *dir = NULL, *sopfile = NULL;
	struct aduan_store *store;
	struct aduan_sop *sop;
	struct aduan_err err;
	int ch, quiet = 0, added, status = ADUAN_EXIT_OK;
	time_t now;
	long off;

	aduan_cli_init(argc, argv);
	while ((ch = getopt_long(argc, argv, "D:hqV", longopts, NULL)) != -1)
		switch (ch) {
		case 'D':
			dir = optarg;
			break;
		case 'h':
			usage(stdout);
			return aduan_cli_finish(ADUAN_EXIT_OK);
		case 'q':
			quiet = 1;
			break;
		case 's':
			sopfile = optarg;
			break;
		case 'V':
			return aduan_cli_finish(aduan_cli_version());
		default:
			usage(stderr);
			return ADUAN_EXIT_USAGE;
		}
	if (optind < argc)
		return aduan_cli_usage_error(_("unexpected argument '%s'"),
		    argv[optind]);
	sop = aduan_cli_load_sop(sopfile);
	off = aduan_cal_utcoff(aduan_sop_cal(sop));
	if ((status = aduan_cli_now(off, &now)) != 0)
		return status;
	if ((store = aduan_store_open(aduan_cli_data_dir(dir), 0,
	    aduan_cli_lock_wait(), &err)) == NULL ||
	    aduan_checkpoint_take(store, 1, now, off, &added, &err) == -1)
		status = aduan_cli_fail(&err);
	else if (!quiet)
		fprintf(stderr, _("%s: %d case head(s) noted\n"),
		    aduan_cli_prog(), added);
	aduan_store_close(store);
	aduan_sop_free(sop);
	return aduan_cli_finish(status);
}
