/*
 * aduan-seal - forward-secure seals of every case log, for cron, run as a
 * user the clerks are not (aduan-seal(8)); --setup makes the sealing
 * state and prints the verification key alone on standard output.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char *const help_opts[][2] = {
	{ "--setup", N_("make the sealing key, once, and print the "
	    "verification key to keep away from the server") },
	{ "--epoch WAKTU", N_("how long a key lives before it moves on, "
	    "such as \"1 hari\", with --setup") },
	{ "--seal-dir DIR", N_("the sealing directory, instead of "
	    "ADUAN_SEAL_DIR or DIR-seal") },
	CLI_HELP_QUIET,
	CLI_HELP_DIR,
	CLI_HELP_SOP,
	CLI_HELP_END
};
static const struct cli_help help = {
	.what = N_("For cron, as the seal user: seal every case log with a "
	    "key that moves on every epoch, so that a change made later is "
	    "seen."),
	.opts = help_opts,
	.example = {
		"aduan seal --setup",
		"aduan seal -q",
	},
};

static void
usage(FILE *f)
{
	fprintf(f, _("usage: %s [-hqV] [-D dir] [--seal-dir dir] [--sop file]\n"
	    "       %s --setup [--epoch waktu] [--seal-dir dir] [-D dir]\n"),
	    cli_prog(), cli_prog());
}

/* A case left sealed as it was: said, and the run exits 6. */
static void
refused(const char *id, const struct aduan_err *err, void *arg)
{
	(void)id;
	*(int *)arg = cli_fail(err);
}

int
cmd_seal(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "data-dir", required_argument, NULL, 'D' },
		{ "epoch", required_argument, NULL, 'e' },
		{ "help", no_argument, NULL, 'h' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "seal-dir", required_argument, NULL, 'S' },
		{ "setup", no_argument, NULL, 'u' },
		{ "sop", required_argument, NULL, 's' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_opts o = { .usage = usage, .help = &help, .fmt = 't' };
	const char *sealdir = NULL, *epoch = "15 menit";
	struct aduan_store *store = NULL;
	struct aduan_sop *sop = NULL;
	struct aduan_err err;
	struct aduan_dur d;
	char vkey[160];
	int ch, setup = 0, sealed, nrefused, status = 0, bad = 0;
	long len;
	time_t now;

	cli_init(argc, argv);
	while ((ch = getopt_long(argc, argv, "D:hqV", longopts, NULL)) != -1)
		if (ch == 'e')
			epoch = optarg;
		else if (ch == 'S')
			sealdir = optarg;
		else if (ch == 'u')
			setup = 1;
		else if ((status = cli_opt(ch, &o)) != -1)
			return status;
	if (optind < argc)
		return cli_usage_error(_("unexpected argument '%s'"),
		    argv[optind]);
	if (aduan_dur_parse(epoch, &d, &err) == -1 ||
	    d.unit == ADUAN_UNIT_NONE || d.unit == ADUAN_UNIT_HARI)
		return cli_usage_error(_("--epoch: '%s' is not a time such as "
		    "'15 menit' or '1 jam'"), epoch);
	len = d.amount * (d.unit == ADUAN_UNIT_JAM ? 3600L : 60L);
	if ((status = cli_one_dir(&o)) != 0)
		return status;
	sealdir = cli_seal_dir(sealdir, o.dir);
	if ((sop = cli_load_sop(o.sop, &status)) == NULL)
		return cli_finish(status);
	if ((status = cli_now(aduan_cal_utcoff(aduan_sop_cal(sop)), &now)) !=
	    0)
		goto out;
	if (setup) {
		if (aduan_seal_setup(sealdir, now, len, vkey, sizeof(vkey),
		    &err) == -1) {
			status = cli_fail(&err);
			goto out;
		}
		printf("%s\n", vkey);
		if (!o.quiet)
			cli_warn(_("sealing set up in %s, an epoch of %s; print "
			    "the verification key above, keep it off this "
			    "machine and give it to the Camat or an auditor: "
			    "'aduan verify --key KEY' checks the seals with "
			    "it, and it is shown only now"), sealdir, epoch);
		goto out;
	}
	if ((store = aduan_store_open(cli_data_dir(o.dir), 0, cli_lock_wait(),
	    &err)) == NULL ||
	    aduan_seal_run(store, sealdir, now, &sealed, &nrefused, refused,
	    &bad, &err) == -1)
		status = cli_fail(&err);
	else {
		if (!o.quiet)
			cli_warn(_("%d case(s) sealed, %d left as sealed before"),
			    sealed, nrefused);
		status = bad;
	}
out:
	aduan_store_close(store);
	aduan_sop_free(sop);
	return cli_finish(status);
}
