/*
 * aduan-show - a case as a timeline against its SOP: every step with its
 * status, the data recorded with it, and the whole history of events.
 */
#include <getopt.h>
#include <stdio.h>

#include "aduan.h"

static void
usage(FILE *f)
{
	fprintf(f, _("usage: %s [-hV] [--explain] [--format text|json|tsv] "
	    "[-D dir] [--sop file] id\n"), aduan_cli_prog());
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "data-dir", required_argument, NULL, 'D' },
		{ "explain", no_argument, NULL, 'e' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "sop", required_argument, NULL, 's' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct aduan_cli_opts o = { usage, ADUAN_FMT_TEXT | ADUAN_FMT_JSON |
	    ADUAN_FMT_TSV, NULL, NULL, 't', 0 };
	struct aduan_store *store;
	struct aduan_case *c = NULL;
	struct aduan_sop *sop;
	struct aduan_err err;
	long long toff, tlen;
	time_t now;
	int ch, explain = 0, status;

	aduan_cli_init(argc, argv);
	while ((ch = getopt_long(argc, argv, "D:hV", longopts, NULL)) != -1)
		if (ch == 'e')
			explain = 1;
		else if ((status = aduan_cli_opt(ch, &o)) != -1)
			return status;
	if (optind + 1 != argc)
		return aduan_cli_usage_error(_("give one case ID"));
	if (aduan_id_check(argv[optind], &err) == -1)
		return aduan_cli_fail(&err);
	if ((status = aduan_cli_open(&o, &sop, &now, &store)) == 0 &&
	    (c = aduan_case_load(store, sop, argv[optind], ADUAN_READ,
	    &err)) == NULL)
		status = aduan_cli_fail(&err);
	if (c != NULL && aduan_case_torn(c, &toff, &tlen))
		aduan_cli_warn_torn(argv[optind], toff, tlen);
	if (c == NULL)
		;			/* said above */
	else if (o.fmt == 'j')
		aduan_cli_case_json(c, now);
	else if (o.fmt == 's')
		aduan_cli_case_tsv(c);
	else
		aduan_cli_case_text(c, now, explain);
	aduan_case_free(c);
	aduan_store_close(store);
	aduan_sop_free(sop);
	return aduan_cli_finish(status);
}
