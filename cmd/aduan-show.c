/*
 * aduan-show - a case as a timeline against its SOP: every step with its
 * status, the data recorded with it, and the whole history of events.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* The status words of the JSON and TSV; the text says them translated. */
static const char *const status_word[] = {
	N_("done"), N_("next"), N_("later"), N_("n/a")
};

/* The width of the widest status word, as translated. */
static int
status_width(void)
{
	int i, w = 0, n;

	for (i = 0; i < 4; i++)
		if ((n = fmt_width(_(status_word[i]))) > w)
			w = n;
	return w;
}

/* The events of aduan-log(5), as the history shows them to people. */
static const char *
event_word(const char *event)
{
	static const char *const words[][2] = {
		{ "done", N_("done") }, { "adjourn", N_("adjourned") },
		{ "late", N_("late") }, { "soon", N_("due soon") },
		{ "seal", N_("sealed") }, { "batal", N_("cancelled") },
		{ "koreksi", N_("corrected") }, { "surat", N_("letter") },
	};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(words[i][0], event) == 0)
			return _(words[i][1]);
	return event;
}

static void
explain_line(void *arg, const char *line)
{
	(void)arg;
	printf("       %s\n", line);
}

/* The deadline of a step, for people: "due ..., late by 1h05m". */
static void
print_due(const struct aduan_sop *sop, const struct aduan_case *c,
    const struct aduan_step *st, time_t now, int explain)
{
	const struct aduan_stepstate *ss = aduan_case_step(c, st->no);
	long off = aduan_cal_utcoff(aduan_sop_cal(sop));
	struct aduan_due d;
	char t[32], o[64];

	if (!aduan_case_due(c, st->no, now, &d, NULL, NULL))
		return;
	printf(_("     due %s (%s), %s %s\n"), fmt_time(d.deadline, off, t),
	    st->waktu_text, d.late ? _("LATE by") : ss->done ?
	    _("on time, to spare") : _("left"), d.at > d.deadline ?
	    fmt_span(aduan_sop_cal(sop), d.deadline, d.at, d.office, o) :
	    fmt_span(aduan_sop_cal(sop), d.at, d.deadline, d.office, o));
	if (d.unlisted)
		printf(_("     (counted on weekdays only: no holiday list for "
		    "%d)\n"), d.unlisted);
	if (explain)
		aduan_case_due(c, st->no, now, &d, explain_line, NULL);
}

/* The SOP's fields of e, one a line, indented; the core's are left out. */
static void
print_data(const struct aduan_event *e, const char *indent)
{
	int k;

	for (k = 0; k < e->nkv; k++) {
		if (strchr(e->kv[k].key, '-') != NULL)
			continue;	/* the core's, not the SOP's */
		printf("%s%s: ", indent, e->kv[k].key);
		fmt_tsv_str(stdout, e->kv[k].val);
		printf("\n");
	}
}

/* Each event of step st of kind what (adjourn, koreksi), then its data. */
static void
print_notes(const struct aduan_case *c, const struct aduan_step *st,
    const char *what, long off)
{
	const struct aduan_event *e;
	const char *why;
	char t[32], by[1024];
	int i;

	for (i = 0; i < aduan_case_nevents(c); i++) {
		e = aduan_case_event(c, i);
		if (e->step != st->no || strcmp(e->event, what) != 0)
			continue;
		fmt_time(e->happened, off, t);
		fmt_cleaned(e->by, by, sizeof(by));
		if (strcmp(what, "adjourn") == 0)
			printf(_("     adjourned %s by %s:\n"), t, by);
		else {
			why = aduan_event_get(e, ADUAN_CORRECT_KEY);
			printf(_("     corrected %s by %s: "), t, by);
			fmt_tsv_str(stdout, why ? why : "");
			printf("\n");
		}
		print_data(e, "       ");
	}
}

/*
 * The data of every time step st was done, repeats with when and who;
 * then each adjournment of it, then each correction, with when, who, why.
 */
static void
print_done(const struct aduan_case *c, const struct aduan_step *st,
    long off)
{
	const struct aduan_event *e;
	int i, n = 0;
	char t[32], by[1024];

	for (i = 0; i < aduan_case_nevents(c); i++) {
		e = aduan_case_event(c, i);
		if (e->step != st->no || strcmp(e->event, "done") != 0)
			continue;
		if (n++ > 0)
			printf(_("     again %s by %s:\n"),
			    fmt_time(e->happened, off, t), fmt_cleaned(e->by,
			    by, sizeof(by)));
		print_data(e, "     ");
	}
	print_notes(c, st, "adjourn", off);
	print_notes(c, st, "koreksi", off);
}

static void
case_text(const struct aduan_case *c, time_t now, int explain)
{
	const struct aduan_sop *sop = aduan_case_sop(c);
	long off = aduan_cal_utcoff(aduan_sop_cal(sop));
	const struct aduan_step *st;
	const struct aduan_stepstate *ss;
	const struct aduan_event *e;
	char t[32], t2[32], hint[512], by[1024];
	int i, k;

	e = aduan_case_event(c, 0);
	printf("%s  %s\n", aduan_case_id(c), aduan_case_next(c) ?
	    _("open") : aduan_case_outcome(c));
	printf("SOP %s, revisi %s\n", aduan_sop_meta(sop, "nomor"),
	    aduan_sop_meta(sop, "revisi"));
	/* The complaint's own data as it stands, corrections applied. */
	for (k = 0; e != NULL && k < e->nkv; k++)
		if (strcmp(e->kv[k].key, "isi") != 0 &&
		    strchr(e->kv[k].key, '-') == NULL) {
			const struct aduan_event *by_ev;
			const char *v = aduan_case_value(c, e->step,
			    e->kv[k].key, &by_ev);

			printf("%s: ", e->kv[k].key);
			fmt_tsv_str(stdout, by_ev ? v : e->kv[k].val);
			printf(by_ev ? _(" (corrected)\n") : "\n");
		}
	for (i = 0; i < aduan_sop_nsteps(sop); i++) {
		st = aduan_sop_step_at(sop, i);
		ss = aduan_case_step(c, st->no);
		/* The time judged is the first; a repeat shows below. */
		printf("\n%3d. ", st->no);
		fmt_cell(stdout, _(status_word[aduan_case_status(c, st->no)]),
		    status_width());
		printf(" ");
		fmt_cell(stdout, ss->first ? fmt_time(ss->first->happened, off,
		    t) : "", fmt_time_width());
		printf(" ");
		fmt_cell(stdout, ss->first ? ss->first->by :
		    st->pelaksana->singkat, 14);
		printf(" %s\n", st->nama);
		if (aduan_case_status(c, st->no) == ADUAN_STEP_NEXT)
			printf("     %s: %s\n", st->pelaksana->singkat,
			    cli_step_hint(sop, st->no, aduan_case_id(c),
			    hint, sizeof(hint)));
		print_due(sop, c, st, now, explain);
		print_done(c, st, off);
	}
	printf(_("\nhistory:\n"));
	for (i = 0; i < aduan_case_nevents(c); i++) {
		const char *drill, *sep = ": ";
		time_t dt;

		e = aduan_case_event(c, i);
		printf(_("%4ld  %s  %-9s step %-3s by %s (recorded %s"), e->seq,
		    fmt_time(e->happened, off, t), event_word(e->event),
		    e->step ? (snprintf(hint, 8, "%d", e->step), hint) : "-",
		    fmt_cleaned(e->by, by, sizeof(by)), fmt_time(e->recorded,
		    off, t2));
		/* Recorded in a drill: the clock was set by hand. */
		if ((drill = aduan_event_get(e, ADUAN_DRILL_KEY)) != NULL &&
		    aduan_time_parse(drill, off, &dt, NULL) == 0)
			printf(_(", the clock set to %s"), fmt_time(dt, off, t2));
		printf(")");
		for (k = 0; k < e->nkv; k++) {
			if (strcmp(e->kv[k].key, ADUAN_DRILL_KEY) == 0)
				continue;
			printf("%s%s=", sep, e->kv[k].key);
			fmt_tsv_str(stdout, e->kv[k].val);
			sep = ", ";
		}
		printf("\n");
	}
}

/* "deadline" and "late" of a step, as JSON members. */
static void
json_due(const struct aduan_case *c, const struct aduan_step *st, long off,
    time_t now)
{
	struct aduan_due d;
	char t[32];

	if (!aduan_case_due(c, st->no, now, &d, NULL, NULL)) {
		printf(",\"deadline\":null,\"late\":false,\"unlisted\":null");
		return;
	}
	printf(",\"deadline\":\"%s\",\"late\":%s",
	    aduan_time_fmt(d.deadline, off, t), d.late ? "true" : "false");
	/* A year met with no holiday list: counted on weekdays only. */
	printf(d.unlisted ? ",\"unlisted\":%d" : ",\"unlisted\":null",
	    d.unlisted);
}

/* The events of step st of kind what, as a JSON array. */
static void
json_events(const struct aduan_case *c, const struct aduan_step *st,
    const char *what, long off)
{
	const struct aduan_event *e;
	char t[32];
	int k, n;

	printf("[");
	for (k = 0, n = 0; k < aduan_case_nevents(c); k++) {
		e = aduan_case_event(c, k);
		if (e->step != st->no || strcmp(e->event, what))
			continue;
		printf("%s{\"seq\":%ld,\"happened\":\"%s\"", n++ ? "," : "",
		    e->seq, aduan_time_fmt(e->happened, off, t));
		printf(",\"recorded\":\"%s\",\"by\":",
		    aduan_time_fmt(e->recorded, off, t));
		fmt_json_str(stdout, e->by);
		printf(",\"data\":");
		fmt_json_data(stdout, e->kv, e->nkv, st);
		printf("}");
	}
	printf("]");
}

static void
case_json(const struct aduan_case *c, time_t now, const char *office)
{
	const struct aduan_sop *sop = aduan_case_sop(c);
	long off = aduan_cal_utcoff(aduan_sop_cal(sop));
	const struct aduan_event *e;
	char t[32];
	int i, k;

	printf("{\"id\":\"%s\",", aduan_case_id(c));
	if (office != NULL) {
		printf("\"office\":");
		fmt_json_str(stdout, office);
		printf(",");
	}
	printf("\"status\":\"%s\",\"outcome\":", aduan_case_next(c) ?
	    "open" : "closed");
	fmt_json_str(stdout, aduan_case_outcome(c));
	printf(aduan_case_next(c) ? ",\"next\":%d" : ",\"next\":null",
	    aduan_case_next(c));
	printf(",\"sop\":{\"nomor\":");
	fmt_json_str(stdout, aduan_sop_meta(sop, "nomor"));
	printf(",\"revisi\":");
	fmt_json_str(stdout, aduan_sop_meta(sop, "revisi"));
	printf("},\"steps\":[");
	for (i = 0; i < aduan_sop_nsteps(sop); i++) {
		const struct aduan_step *st = aduan_sop_step_at(sop, i);

		printf("%s{\"step\":%d,\"status\":\"%s\",\"kegiatan\":",
		    i ? "," : "", st->no,
		    status_word[aduan_case_status(c, st->no)]);
		fmt_json_str(stdout, st->kegiatan);
		printf(",\"pelaksana\":\"%s\",\"output\":", st->pelaksana->id);
		fmt_json_str(stdout, st->output);
		printf(",\"command\":\"%s\"", st->command);
		json_due(c, st, off, now);
		printf(",\"done\":");
		json_events(c, st, "done", off);
		printf(",\"corrections\":");
		json_events(c, st, "koreksi", off);
		printf("}");
	}
	printf("],\"events\":[");
	for (k = 0; k < aduan_case_nevents(c); k++) {
		e = aduan_case_event(c, k);
		printf("%s{\"seq\":%ld,\"happened\":\"%s\"", k ? "," : "",
		    e->seq, aduan_time_fmt(e->happened, off, t));
		printf(",\"recorded\":\"%s\",\"by\":",
		    aduan_time_fmt(e->recorded, off, t));
		fmt_json_str(stdout, e->by);
		printf(e->step ? ",\"step\":%d" : ",\"step\":null", e->step);
		printf(",\"event\":");
		fmt_json_str(stdout, e->event);
		printf(",\"data\":");
		fmt_json_data(stdout, e->kv, e->nkv,
		    aduan_sop_step(sop, e->step));
		printf("}");
	}
	printf("]}\n");
}

static void
case_tsv(const struct aduan_case *c, const char *office)
{
	const struct aduan_sop *sop = aduan_case_sop(c);
	long off = aduan_cal_utcoff(aduan_sop_cal(sop));
	const struct aduan_stepstate *ss;
	char t[32];
	int i;

	for (i = 0; i < aduan_sop_nsteps(sop); i++) {
		const struct aduan_step *st = aduan_sop_step_at(sop, i);

		ss = aduan_case_step(c, st->no);
		printf("%s\t%d\t%s\t%s\t", aduan_case_id(c), st->no,
		    status_word[aduan_case_status(c, st->no)],
		    ss->last ? aduan_time_fmt(ss->last->happened, off, t) : "");
		fmt_tsv_str(stdout, ss->last ? ss->last->by : "");
		printf("\t%s\t", st->pelaksana->id);
		fmt_tsv_str(stdout, st->output);
		if (office != NULL) {
			printf("\t");
			fmt_tsv_str(stdout, office);
		}
		printf("\n");
	}
}

static const char *const help_opts[][2] = {
	{ "--explain", N_("say how each deadline was counted: the office "
	    "hours, weekends and holidays skipped") },
	CLI_HELP_FORMAT,
	CLI_HELP_DIR,
	CLI_HELP_SOP,
	CLI_HELP_END
};
static const struct cli_help help = {
	.what = N_("Show a case as a timeline against its SOP: each step, "
	    "when it was done, its deadline and what comes next, then the "
	    "whole history."),
	.opts = help_opts,
	.example = {
		"aduan show 2026-0042",
		"aduan show --explain 2026-0042",
	},
};

static void
usage(FILE *f)
{
	fprintf(f, _("usage: %s [-hV] [--explain] [--format text|json|tsv] "
	    "[-D dir] [--sop file] id\n"), cli_prog());
}

int
cmd_show(int argc, char **argv)
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
	struct cli_opts o = { .usage = usage, .help = &help, .formats = CLI_FMT_ALL,
	    .fmt = 't' };
	struct aduan_store *store;
	struct cli_store *stores = NULL;
	int nstores = 0, shown, i, found;
	struct aduan_case *c = NULL;
	struct aduan_sop *sop;
	struct aduan_err err;
	long long toff, tlen;
	time_t now;
	int ch, explain = 0, status;

	cli_init(argc, argv);
	while ((ch = getopt_long(argc, argv, "D:hV", longopts, NULL)) != -1)
		if (ch == 'e')
			explain = 1;
		else if ((status = cli_opt(ch, &o)) != -1)
			return status;
	if (optind + 1 != argc)
		return cli_usage_error(_("give one case ID"));
	if (aduan_id_check(argv[optind], &err) == -1)
		return cli_fail(&err);
	if ((sop = cli_load_sop(o.sop, &status)) == NULL ||
	    (status = cli_now(aduan_cal_utcoff(aduan_sop_cal(sop)), &now)) !=
	    0 || (status = cli_stores(&o, &stores, &nstores, &shown)) != 0)
		goto out;
	/*
	 * Of several data directories, the one office that has the case;
	 * two that have it are named, for -D to say which.
	 */
	for (i = 0, found = -1; i < nstores; i++) {
		int has;

		if ((status = cli_store_open(&stores[i])) != 0)
			goto out;
		has = aduan_store_has(stores[i].st, argv[optind]);
		/* One open at a time: the one that has it is opened again. */
		if (nstores > 1)
			cli_store_close(&stores[i]);
		if (has) {
			if (found >= 0) {
				status = cli_usage_error(_("%s is a case of %s and "
				    "of %s: give -D for the one meant"),
				    argv[optind], stores[found].label,
				    stores[i].label);
				goto out;
			}
			found = i;
		}
	}
	if ((status = cli_store_open(&stores[found >= 0 ? found : 0])) != 0)
		goto out;
	store = stores[found >= 0 ? found : 0].st;
	if (shown && found >= 0 && o.fmt == 't')
		printf(_("office: %s\n"), stores[found].label);
	if ((c = aduan_case_load(store, sop, argv[optind], ADUAN_READ,
	    &err)) == NULL)
		status = cli_fail(&err);
	if (c != NULL && aduan_case_torn(c, &toff, &tlen))
		cli_warn_torn(argv[optind], toff, tlen);
	if (c == NULL)
		;			/* said above */
	else if (o.fmt == 'j')
		case_json(c, now, shown ? stores[found].label : NULL);
	else if (o.fmt == 's')
		case_tsv(c, shown ? stores[found].label : NULL);
	else
		case_text(c, now, explain);
out:
	aduan_case_free(c);
	cli_stores_close(stores, nstores);
	aduan_sop_free(sop);
	return cli_finish(status);
}
