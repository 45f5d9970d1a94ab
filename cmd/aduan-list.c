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

/* Step 1's value of key, the first field of that name, or "". */
static const char *
filed(const struct aduan_case *c, const char *key)
{
	const struct aduan_event *e = aduan_case_event(c, 0);
	const char *v = e ? aduan_event_get(e, key) : NULL;

	return v ? v : "";
}

static int
one(const char *id, int closed, void *arg)
{
	struct listing *l = arg;
	const struct aduan_step *next;
	const struct aduan_event *e;
	struct aduan_case *c;
	struct aduan_err err;
	const char *status;
	char t[32], d[32];
	long off = aduan_cal_utcoff(aduan_sop_cal(l->sop));
	time_t start, due = 0;
	int late;

	(void)closed;
	if ((c = aduan_case_load(l->store, l->sop, id, ADUAN_READ, &err)) ==
	    NULL) {
		l->failed = aduan_cli_fail(&err);
		return 0;
	}
	next = aduan_sop_step(aduan_case_sop(c), aduan_case_next(c));
	status = next ? "open" : aduan_case_outcome(c);
	e = aduan_case_event(c, 0);
	if ((strcmp(l->status, "open") == 0 && next == NULL) ||
	    (strcmp(l->status, "closed") == 0 && next != NULL) ||
	    (l->outcome && (next || strcmp(l->outcome, status) != 0)) ||
	    (l->role && (!next || strcmp(next->pelaksana->id, l->role)))) {
		aduan_case_free(c);
		return 0;
	}
	if (next == NULL || !aduan_case_deadline(c, next->no, &start, &due,
	    NULL, NULL, NULL))
		due = 0;
	late = due != 0 && due < l->now;
	if (l->overdue && !late) {
		aduan_case_free(c);
		return 0;
	}
	d[0] = '\0';
	if (due != 0)
		aduan_time_fmt(due, off, d);
	if (l->fmt == 'j') {
		printf("%s{\"id\":\"%s\",\"filed\":\"%s\",\"pelapor\":",
		    l->n ? "," : "", id, e ? aduan_time_fmt(e->happened, off,
		    t) : "");
		aduan_cli_json_str(stdout, filed(c, "pelapor"));
		printf(",\"perihal\":");
		aduan_cli_json_str(stdout, filed(c, "perihal"));
		printf(",\"status\":\"%s\"", status);
		printf(next ? ",\"next\":%d,\"role\":\"%s\"" :
		    ",\"next\":null,\"role\":null", next ? next->no : 0,
		    next ? next->pelaksana->id : "");
		printf(due ? ",\"deadline\":\"%s\",\"late\":%s}" :
		    ",\"deadline\":null,\"late\":false}", d,
		    late ? "true" : "false");
	} else if (l->fmt == 's') {
		printf("%s\t%s\t", id, e ? aduan_time_fmt(e->happened, off,
		    t) : "");
		aduan_cli_tsv_str(stdout, filed(c, "pelapor"));
		printf("\t");
		aduan_cli_tsv_str(stdout, filed(c, "perihal"));
		printf(next ? "\t%s\t%d\t%s" : "\t%s\t\t", status,
		    next ? next->no : 0, next ? next->pelaksana->id : "");
		printf("\t%s\t%s\n", d, late ? "late" : "");
	} else {
		if (l->n == 0)
			printf("%-10s %-16s %-20s %-28s %-12s %s\n", "ID",
			    _("FILED"), "PELAPOR", "PERIHAL", "STATUS",
			    _("NEXT"));
		printf("%-10s %-16s ", id, e ? aduan_cli_time(e->happened,
		    off, t) : "");
		aduan_cli_cell(stdout, filed(c, "pelapor"), 20);
		printf(" ");
		aduan_cli_cell(stdout, filed(c, "perihal"), 28);
		printf(" %-12s", status);
		if (next)
			printf(" %d %s", next->no, next->pelaksana->id);
		if (due)
			printf(_(", due %s%s"), aduan_cli_time(due, off, t),
			    late ? _(" LATE") : "");
		printf("\n");
	}
	l->n++;
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
	struct listing l = { NULL, NULL, "open", NULL, NULL, 0, 0, 't', 0, 0 };
	const char *dir = NULL, *sopfile = NULL;
	struct aduan_err err;
	struct aduan_sop *sop;
	int ch, status;

	aduan_cli_init(argc, argv);
	while ((ch = getopt_long(argc, argv, "D:hV", longopts, NULL)) != -1)
		switch (ch) {
		case 'D':
			dir = optarg;
			break;
		case 'f':
			if ((l.fmt = aduan_cli_format(optarg, 1)) == 0)
				return aduan_cli_usage_error(_("--format: '%s' "
				    "is not text, json or tsv"), optarg);
			break;
		case 'h':
			usage(stdout);
			return aduan_cli_finish(ADUAN_EXIT_OK);
		case 'o':
			l.outcome = optarg;
			break;
		case 'O':
			l.overdue = 1;
			break;
		case 'r':
			l.role = optarg;
			break;
		case 's':
			sopfile = optarg;
			break;
		case 't':
			l.status = optarg;
			if (strcmp(optarg, "open") && strcmp(optarg, "closed") &&
			    strcmp(optarg, "all"))
				return aduan_cli_usage_error(_("--status: '%s' "
				    "is not open, closed or all"), optarg);
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
	if (l.outcome != NULL && strcmp(l.status, "open") == 0)
		l.status = "closed";
	l.sop = sop = aduan_cli_load_sop(sopfile);
	if (l.outcome != NULL) {
		int i, known = 0;

		for (i = 0; i < aduan_sop_nsteps(sop); i++)
			known |= aduan_sop_step_at(sop, i)->outcome != NULL &&
			    strcmp(aduan_sop_step_at(sop, i)->outcome,
			    l.outcome) == 0;
		if (!known)
			return aduan_cli_usage_error(_("--outcome: '%s' is not "
			    "an outcome of the SOP"), l.outcome);
	}
	if (l.role != NULL && aduan_sop_role(sop, l.role) == NULL)
		return aduan_cli_usage_error(_("--role: '%s' is not a role of "
		    "the SOP"), l.role);
	if ((status = aduan_cli_now(aduan_cal_utcoff(aduan_sop_cal(sop)),
	    &l.now)) != 0)
		return status;
	if ((l.store = aduan_store_open(aduan_cli_data_dir(dir), 0,
	    aduan_cli_lock_wait(), &err)) == NULL)
		return aduan_cli_finish(aduan_cli_fail(&err));
	if (l.fmt == 'j')
		printf("[");
	status = aduan_store_scan(l.store, strcmp(l.status, "open") != 0, one,
	    &l, &err);
	if (l.fmt == 'j')
		printf("]\n");
	status = status == -1 ? aduan_cli_fail(&err) : l.failed;
	aduan_store_close(l.store);
	aduan_sop_free(sop);
	return aduan_cli_finish(status);
}
