/*
 * aduan-list - the cases, one a line: ID, when filed, pelapor, perihal,
 * status and the step each waits for with whose turn it is.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "aduan.h"

struct listing {
	struct aduan_store *store;
	const struct aduan_sop *sop;
	const char *status;	/* open, closed, all */
	const char *outcome;
	const char *role;
	int overdue;
	time_t now;
	int fmt;
	int n;
	int failed;
};

static void
usage(FILE *f)
{
	fprintf(f, _("usage: %s [-hV] [--overdue] [--status open|closed|all] "
	    "[--outcome hasil] [--role peran] [--format text|json|tsv] "
	    "[-D dir] [--sop file]\n"), aduan_cli_prog());
}

static int
one(const char *id, int closed, void *arg)
{
	struct listing *l = arg;
	const struct aduan_step *next;
	const char *status;
	struct aduan_case *c;
	struct aduan_err err;
	time_t start, due;

	(void)closed;
	if ((c = aduan_case_load(l->store, l->sop, id, ADUAN_READ, &err)) ==
	    NULL) {
		l->failed = aduan_cli_fail(&err);
		return 0;
	}
	next = aduan_sop_step(aduan_case_sop(c), aduan_case_next(c));
	status = next ? "open" : aduan_case_outcome(c);
	if ((strcmp(l->status, "open") == 0 && next == NULL) ||
	    (strcmp(l->status, "closed") == 0 && next != NULL) ||
	    (l->outcome && (next || strcmp(l->outcome, status) != 0)) ||
	    (l->role && (!next || strcmp(next->pelaksana->id, l->role))) ||
	    (l->overdue && (next == NULL || !aduan_case_deadline(c, next->no,
	    &start, &due, NULL, NULL, NULL) || due >= l->now))) {
		aduan_case_free(c);
		return 0;
	}
	aduan_cli_case_row(c, l->fmt, l->now, l->n++);
	aduan_case_free(c);
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "data-dir", required_argument, NULL, 'D' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "outcome", required_argument, NULL, 'o' },
		{ "overdue", no_argument, NULL, 'O' },
		{ "role", required_argument, NULL, 'r' },
		{ "sop", required_argument, NULL, 's' },
		{ "status", required_argument, NULL, 't' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct aduan_cli_opts o = { usage, ADUAN_FMT_TEXT | ADUAN_FMT_JSON |
	    ADUAN_FMT_TSV, NULL, NULL, 't', 0 };
	struct listing l = { NULL, NULL, "open", NULL, NULL, 0, 0, 't', 0, 0 };
	struct aduan_err err;
	struct aduan_sop *sop;
	int ch, i, status;

	aduan_cli_init(argc, argv);
	while ((ch = getopt_long(argc, argv, "D:hV", longopts, NULL)) != -1)
		if (ch == 'o')
			l.outcome = optarg;
		else if (ch == 'O')
			l.overdue = 1;
		else if (ch == 'r')
			l.role = optarg;
		else if (ch == 't' && strcmp(optarg, "open") &&
		    strcmp(optarg, "closed") && strcmp(optarg, "all"))
			return aduan_cli_usage_error(_("--status: '%s' is not "
			    "open, closed or all"), optarg);
		else if (ch == 't')
			l.status = optarg;
		else if ((status = aduan_cli_opt(ch, &o)) != -1)
			return status;
	if (optind < argc)
		return aduan_cli_usage_error(_("unexpected argument '%s'"),
		    argv[optind]);
	if (l.outcome != NULL && strcmp(l.status, "open") == 0)
		l.status = "closed";
	l.fmt = o.fmt;
	if ((status = aduan_cli_open(&o, &sop, &l.now, &l.store)) != 0)
		goto out;
	l.sop = sop;
	for (i = 0; l.outcome != NULL && i < aduan_sop_nsteps(sop); i++)
		if (aduan_sop_step_at(sop, i)->outcome != NULL &&
		    strcmp(aduan_sop_step_at(sop, i)->outcome, l.outcome) == 0)
			break;
	if (l.outcome != NULL && i == aduan_sop_nsteps(sop))
		status = aduan_cli_usage_error(_("--outcome: '%s' is not an "
		    "outcome of the SOP"), l.outcome);
	else if (l.role != NULL && aduan_sop_role(sop, l.role) == NULL)
		status = aduan_cli_usage_error(_("--role: '%s' is not a role "
		    "of the SOP"), l.role);
	if (status != 0)
		goto out;
	if (l.fmt == 'j')
		printf("[");
	status = aduan_store_scan(l.store, strcmp(l.status, "open") != 0, one,
	    &l, &err);
	if (l.fmt == 'j')
		printf("]\n");
	status = status == -1 ? aduan_cli_fail(&err) : l.failed;
out:
	aduan_store_close(l.store);
	aduan_sop_free(sop);
	return aduan_cli_finish(status);
}
