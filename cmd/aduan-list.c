/*
 * aduan-list - the cases, one a line: ID, when filed, pelapor, perihal,
 * status and the step each waits for with whose turn it is.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

struct listing {
	struct aduan_store *store;
	const struct aduan_sop *sop;
	const char *status;	/* open, closed, all */
	const char *outcome;
	const char *role;
	int overdue;
	struct aduan_filter filter;
	int filtered;		/* a period, a text or a kelurahan asked */
	const char *office;	/* the office of the store read, when shown */
	time_t now;
	int fmt;
	int n;
	int unlisted;		/* a year without a holiday list was met */
	int failed;
};

static const char *const help_opts[][2] = {
	{ "--status STATUS", N_("open (the default), closed, all, or an "
	    "outcome such as selesai, as the screen shows them") },
	{ "--outcome HASIL", N_("only the cases closed with this outcome") },
	{ "--role PERAN", N_("only the cases waiting for this role, such as "
	    "\"Kasi Trantib\"") },
	{ "--overdue", N_("only the cases whose next step is late") },
	{ "--bulan BULAN", N_("only the cases filed in this month (2026-03 or "
	    "\"Maret 2026\"); with --ditutup, closed in it") },
	{ "--dari TANGGAL", N_("only the cases filed on this day or after "
	    "(2026-03-01 or 1-3-2026; a month or a year means its first "
	    "day)") },
	{ "--sampai TANGGAL", N_("only the cases filed on this day or before "
	    "(a month or a year means its last day)") },
	{ "--ditutup", N_("the period of --bulan, --dari and --sampai is of the "
	    "closing date, not the filing date") },
	{ "--cari TEKS", N_("only the cases with this text in a field recorded "
	    "or corrected: pelapor, pihak, perihal, isi, ...; case and "
	    "accents do not matter") },
	{ "--kelurahan NAMA", N_("only the cases of this kelurahan") },
	CLI_HELP_FORMAT,
	CLI_HELP_DIR,
	CLI_HELP_SOP,
	CLI_HELP_END
};
static const struct cli_help help = {
	.what = N_("List the cases, one a line, with whose turn it is and "
	    "when it is due."),
	.opts = help_opts,
	.example = {
		"aduan list --overdue",
		"aduan list --status all --bulan 2026-03 --cari Bambang",
	},
};

static void
usage(FILE *f)
{
	fprintf(f, _("usage: %s [-hV] [--overdue] [--status open|closed|all] "
	    "[--outcome hasil] [--role peran] [--bulan bulan] [--dari "
	    "tanggal] [--sampai tanggal] [--ditutup] [--cari teks] "
	    "[--kelurahan nama] [--format text|json|tsv] [-D dir] [--sop "
	    "file]\n"), cli_prog());
}

/*
 * A case on one line in format fmt; n rows were printed before; office,
 * when not NULL, names the office the case is of.
 */
static void
case_row(const struct aduan_case *c, int fmt, time_t now, int n,
    const char *office)
{
	const struct aduan_sop *sop = aduan_case_sop(c);
	const struct aduan_step *next = aduan_sop_step(sop, aduan_case_next(c));
	const struct aduan_event *e = aduan_case_event(c, 0);
	const char *id = aduan_case_id(c);
	const char *status = next ? "open" : aduan_case_outcome(c);
	long off = aduan_cal_utcoff(aduan_sop_cal(sop));
	struct aduan_summary sm;
	struct aduan_due dd;
	time_t due = 0;
	char t[32], d[32];
	int late = 0;

	/* Step 1's values as they stand, corrections applied. */
	aduan_case_summary(c, &sm);

	if (next != NULL && aduan_case_due(c, next->no, now, &dd, NULL, NULL)) {
		due = dd.deadline;
		late = dd.late;
	}
	d[0] = '\0';
	if (due != 0)
		aduan_time_fmt(due, off, d);
	if (fmt == 'j') {
		printf("%s{\"id\":\"%s\",\"filed\":\"%s\",\"pelapor\":",
		    n ? "," : "", id, e ? aduan_time_fmt(e->happened, off,
		    t) : "");
		fmt_json_str(stdout, sm.pelapor);
		printf(",\"perihal\":");
		fmt_json_str(stdout, sm.perihal);
		printf(",\"status\":\"%s\"", status);
		printf(next ? ",\"next\":%d,\"role\":\"%s\"" :
		    ",\"next\":null,\"role\":null", next ? next->no : 0,
		    next ? next->pelaksana->id : "");
		printf(due ? ",\"deadline\":\"%s\",\"late\":%s" :
		    ",\"deadline\":null,\"late\":false", d,
		    late ? "true" : "false");
		if (office != NULL) {
			printf(",\"office\":");
			fmt_json_str(stdout, office);
		}
		printf("}");
	} else if (fmt == 's') {
		printf("%s\t%s\t", id, e ? aduan_time_fmt(e->happened, off,
		    t) : "");
		fmt_tsv_str(stdout, sm.pelapor);
		printf("\t");
		fmt_tsv_str(stdout, sm.perihal);
		printf(next ? "\t%s\t%d\t%s" : "\t%s\t\t", status,
		    next ? next->no : 0, next ? next->pelaksana->id : "");
		printf("\t%s\t%s", d, late ? "late" : "");
		/* Added at the end of the line, as the contract allows. */
		if (office != NULL) {
			printf("\t");
			fmt_tsv_str(stdout, office);
		}
		printf("\n");
	} else {
		/* Padded by display width, as wide as the words shown. */
		if (n == 0) {
			if (office != NULL) {
				fmt_cell(stdout, _("OFFICE"), 8);
				printf(" ");
			}
			printf("%-10s ", "ID");
			fmt_cell(stdout, _("FILED"), fmt_time_width());
			printf(" %-20s %-28s ", "PELAPOR", "PERIHAL");
			fmt_cell(stdout, "STATUS", 14);
			printf(" %s\n", _("NEXT"));
		}
		if (office != NULL) {
			fmt_cell(stdout, office, 8);
			printf(" ");
		}
		printf("%-10s ", id);
		fmt_cell(stdout, e ? fmt_time(e->happened, off, t) : "",
		    fmt_time_width());
		printf(" ");
		fmt_cell(stdout, sm.pelapor, 20);
		printf(" ");
		fmt_cell(stdout, sm.perihal, 28);
		printf(" ");
		fmt_cell(stdout, next ? _("open") : status, 14);
		if (next)
			printf(" %d %s", next->no, next->pelaksana->singkat);
		if (due)
			printf(_(", due %s%s"), fmt_time(due, off, t),
			    late ? _(" LATE") : "");
		printf("\n");
	}
}

static int
one(const char *id, int closed, void *arg)
{
	struct listing *l = arg;
	const struct aduan_step *next;
	const char *status;
	struct aduan_case *c;
	struct aduan_err err;
	struct aduan_due due;
	long long toff, tlen;

	(void)closed;
	if ((c = aduan_case_load(l->store, l->sop, id, ADUAN_READ, &err)) ==
	    NULL) {
		l->failed = cli_fail(&err);
		return 0;
	}
	if (aduan_case_torn(c, &toff, &tlen))
		cli_warn_torn(id, toff, tlen);
	next = aduan_sop_step(aduan_case_sop(c), aduan_case_next(c));
	status = next ? "open" : aduan_case_outcome(c);
	if ((strcmp(l->status, "open") == 0 && next == NULL) ||
	    (strcmp(l->status, "closed") == 0 && next != NULL) ||
	    (l->outcome && (next || strcmp(l->outcome, status) != 0)) ||
	    (l->role && (!next || strcmp(next->pelaksana->id, l->role))) ||
	    (l->overdue && (next == NULL || !aduan_case_due(c, next->no,
	    l->now, &due, NULL, NULL) || !due.late)) ||
	    (l->filtered && !aduan_case_matches(c, &l->filter))) {
		aduan_case_free(c);
		return 0;
	}
	if (next != NULL && aduan_case_due(c, next->no, l->now, &due, NULL,
	    NULL) && due.unlisted && !l->unlisted)
		l->unlisted = due.unlisted;
	case_row(c, l->fmt, l->now, l->n++, l->office);
	aduan_case_free(c);
	return 0;
}

int
cmd_list(int argc, char **argv)
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
		{ "bulan", required_argument, NULL, 'b' },
		{ "dari", required_argument, NULL, 'F' },
		{ "sampai", required_argument, NULL, 'T' },
		{ "ditutup", no_argument, NULL, 'C' },
		{ "cari", required_argument, NULL, 'c' },
		{ "kelurahan", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_opts o = { .usage = usage, .help = &help, .formats = CLI_FMT_ALL,
	    .fmt = 't' };
	struct listing l = { .status = "open", .fmt = 't' };
	struct aduan_err err;
	struct aduan_sop *sop = NULL;
	struct cli_store *stores = NULL;
	int nstores = 0, shown, i;
	const char *want = NULL, *w, *bulan = NULL, *dari = NULL, *sampai = NULL;
	char outs[512];
	int ch, status = 0;

	cli_init(argc, argv);
	while ((ch = getopt_long(argc, argv, "D:hV", longopts, NULL)) != -1)
		if (ch == 'o')
			l.outcome = optarg;
		else if (ch == 'O')
			l.overdue = 1;
		else if (ch == 'r')
			l.role = optarg;
		else if (ch == 't')
			want = optarg;
		else if (ch == 'b')
			bulan = optarg;
		else if (ch == 'F')
			dari = optarg;
		else if (ch == 'T')
			sampai = optarg;
		else if (ch == 'C')
			l.filter.closing = 1;
		else if (ch == 'c')
			l.filter.text = optarg;
		else if (ch == 'k')
			l.filter.kelurahan = optarg;
		else if ((status = cli_opt(ch, &o)) != -1)
			return status;
	if (optind < argc)
		return cli_usage_error(_("unexpected argument '%s'"),
		    argv[optind]);
	l.fmt = o.fmt;
	if ((sop = cli_load_sop(o.sop, &status)) == NULL ||
	    (status = cli_now(aduan_cal_utcoff(aduan_sop_cal(sop)),
	    &l.now)) != 0 || (status = cli_stores(&o, &stores, &nstores,
	    &shown)) != 0)
		goto out;
	l.sop = sop;
	/*
	 * What the screen shows is what may be typed: the status as shown in
	 * either language, or the outcome a closed case shows.
	 */
	if (want == NULL || strcmp(want, "open") == 0 ||
	    strcasecmp(want, _("open")) == 0)
		l.status = "open";
	else if (strcmp(want, "closed") == 0 ||
	    strcasecmp(want, _("closed")) == 0)
		l.status = "closed";
	else if (strcmp(want, "all") == 0 || strcasecmp(want, _("all")) == 0)
		l.status = "all";
	else if ((w = cli_outcome(sop, want)) != NULL && (l.outcome == NULL ||
	    strcasecmp(l.outcome, w) == 0))
		l.status = "closed", l.outcome = w;
	else {
		status = cli_usage_error(_("--status: '%s' is not open (%s), "
		    "closed (%s), all (%s) or an outcome of the SOP (%s)"), want,
		    _("open"), _("closed"), _("all"), cli_outcomes(sop, outs,
		    sizeof(outs)));
		goto out;
	}
	if (l.outcome != NULL && (w = cli_outcome(sop, l.outcome)) == NULL) {
		status = cli_usage_error(_("--outcome: '%s' is not an outcome "
		    "of the SOP: give %s"), l.outcome, cli_outcomes(sop, outs,
		    sizeof(outs)));
		goto out;
	}
	if (l.outcome != NULL) {
		l.outcome = w;
		if (strcmp(l.status, "open") == 0)
			l.status = "closed";
	}
	if ((status = cli_period(sop, bulan, dari, sampai, &l.filter)) != 0 ||
	    (status = cli_kelurahan(sop, &l.filter)) != 0)
		goto out;
	l.filtered = l.filter.from || l.filter.to || l.filter.text ||
	    l.filter.kelurahan;
	/* A period of closing: the closed cases, unless asked otherwise. */
	if (l.filter.closing && want == NULL)
		l.status = "closed";
	if (l.role != NULL) {
		const struct aduan_role *r = cli_role(sop, l.role, &status);

		if (r == NULL)
			goto out;
		l.role = r->id;
	}
	if (l.fmt == 'j')
		printf("[");
	/* Each data directory in turn, its office named when there are more. */
	for (i = 0, status = 0; i < nstores && status != -1; i++) {
		if (i > 0)
			cli_store_close(&stores[i - 1]);
		if ((status = cli_store_open(&stores[i])) != 0) {
			l.failed = status;
			status = 0;
			continue;
		}
		l.store = stores[i].st;
		l.office = shown ? stores[i].label : NULL;
		status = aduan_store_scan(l.store, strcmp(l.status, "open") !=
		    0, one, &l, &err);
	}
	if (l.fmt == 'j')
		printf("]\n");
	status = status == -1 ? cli_fail(&err) : l.failed;
	/* A person at a terminal is told that nothing matched. */
	if (status == 0 && l.n == 0 && l.fmt == 't' && isatty(1))
		printf(strcmp(l.status, "open") == 0 ? _("no open cases\n") :
		    _("no cases match\n"));
	/* On stderr, in every format: the rows keep their contract. */
	if (l.unlisted)
		cli_warn(_("warning: deadlines in %d were counted on weekdays "
		    "only: the calendar has no holiday list for %d; add that "
		    "year's decree to the calendar file"), l.unlisted,
		    l.unlisted);
out:
	cli_stores_close(stores, nstores);
	aduan_sop_free(sop);
	return cli_finish(status);
}
