/*
 * aduan-sop - print the SOP in force as the seed's table or as JSON, or
 * check an SOP file and say what is wrong with it.
 */
#include <getopt.h>
#include <stdio.h>

#include "aduan.h"

static void
usage(FILE *f)
{
	fprintf(f, _("usage: %s [-hqV] [--format text|json] [--sop file]\n"
	    "       %s [-q] --check file\n"), aduan_cli_prog(),
	    aduan_cli_prog());
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "check", required_argument, NULL, 'c' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "sop", required_argument, NULL, 's' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct aduan_cli_opts o = { usage, ADUAN_FMT_TEXT | ADUAN_FMT_JSON,
	    NULL, NULL, 't', 0 };
	const char *check = NULL;
	struct aduan_sop *sop;
	int ch, status;

	aduan_cli_init(argc, argv);
	while ((ch = getopt_long(argc, argv, "hqV", longopts, NULL)) != -1)
		if (ch == 'c')
			check = optarg;
		else if ((status = aduan_cli_opt(ch, &o)) != -1)
			return status;
	if (optind < argc)
		return aduan_cli_usage_error(_("unexpected argument '%s'"),
		    argv[optind]);
	sop = aduan_cli_load_sop(check ? check : o.sop);
	if (check != NULL && !o.quiet)
		printf(_("%s: a valid SOP, %d steps\n"), check,
		    aduan_sop_nsteps(sop));
	else if (check == NULL && o.fmt == 'j')
		aduan_cli_sop_json(sop);
	else if (check == NULL)
		aduan_cli_sop_text(sop);
	aduan_sop_free(sop);
	return aduan_cli_finish(ADUAN_EXIT_OK);
}
