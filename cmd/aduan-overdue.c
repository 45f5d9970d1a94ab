/*
 * aduan-overdue - for cron: flag each pending step that is past its
 * deadline, once, in its case's log, and print only what is newly late;
 * with --all, list every late step without flagging.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

struct scan {
	struct aduan_store *store;
	const struct aduan_sop *sop;
	const char *role;
	time_t now;
	long within;
	int all;
	int fmt;
	int shown;
	int late;
	int unlisted;
	int corrupt;		/* the worst status of a case that failed */
	int stop;		/* the notices cannot be delivered */
	int status;
	int mail;		/* --mail: grouped by who must act */
	struct pending *pend;	/* --mail: the late steps found, to say */
	size_t npend, cappend;
	const char *group;	/* --mail: the group last headed */
	const struct pending *cur;	/* --mail: the one being said */
	const char *office;	/* the office of the store read, when shown */
	struct aduan_cache *cache;	/* what the last scan worked out */
	struct aduan_seen *seen;	/* the cron run: each case seen */
	size_t nseen, capseen;
	int noseen;		/* out of memory for them */
	size_t nopen;		/* the cases seen, those left out too */
	int trusted;		/* its cache's "noted" is believed */
};

/*
 * The cron run notes the heads that changed in the checkpoint: each case
 * its scan saw, with its log's size then (-1: look again), spares it
 * listing open/ again and looking at each log.  A case whose log the
 * cache knows unchanged since a take went after it is only counted.
 */
#define SEEN_MAX 4096

static void
see(struct scan *s, const char *id, long long size, int noted)
{
	struct aduan_seen *p;

	s->nopen++;
	if (s->all || s->noseen || (noted && s->trusted && size >= 0))
		return;
	/* Past SEEN_MAX, the take goes through open/ itself, as memory goes. */
	if (s->nseen == SEEN_MAX) {
		free(s->seen);
		s->seen = NULL;
		s->nseen = s->capseen = 0;
		s->noseen = 1;
		return;
	}
	if (s->nseen == s->capseen) {
		if ((p = realloc(s->seen, (s->capseen = s->capseen ?
		    2 * s->capseen : 256) * sizeof(*p))) == NULL) {
			s->noseen = 1;
			return;
		}
		s->seen = p;
	}
	snprintf(s->seen[s->nseen].id, sizeof(s->seen[s->nseen].id), "%s",
	    id);
	s->seen[s->nseen++].size = size;
}

/* The case last seen may be flagged: its size is looked at again. */
static void
may_change(struct scan *s, const char *id)
{
	if (s->nseen > 0 && strcmp(s->seen[s->nseen - 1].id, id) == 0)
		s->seen[s->nseen - 1].size = -1;
	else if (!s->all) {
		s->nopen--;	/* counted again, and taken */
		see(s, id, -1, 0);
	}
}

/*
 * A late step found by the first pass of --mail: whose it is, and the
 * names the notice gives, read then (the second pass holds the case's
 * lock while it says it).
 */
struct pending {
	char id[ADUAN_ID_MAX + 1];
	char who[160];
	char pelapor[128];
	char perihal[160];
};

static const char *const help_opts[][2] = {
	{ "--all", N_("list every late step, flagged or not, and flag "
	    "nothing") },
	{ "--mail", N_("the text for the cron mail: grouped by who must "
	    "act, with what to run; exits 0 once delivered") },
	{ "--within WAKTU", N_("also warn, once, of a step due within this "
	    "office time, such as \"30 menit\"") },
	{ "--role PERAN", N_("only the steps of this role") },
	CLI_HELP_FORMAT,
	CLI_HELP_DIR,
	CLI_HELP_SOP,
	CLI_HELP_END
};
static const struct cli_help help = {
	.what = N_("For cron: flag each late step once in its case's log "
	    "and print what is newly late."),
	.opts = help_opts,
	.example = {
		"aduan overdue --all",
		"aduan overdue --mail --within '30 menit'",
	},
};

static void
usage(FILE *f)
{
	fprintf(f, _("usage: %s [-hV] [--all] [--mail] [--within waktu] [--role "
	    "peran] [--format text|json|tsv] [-D dir] [--sop file]\n"),
	    cli_prog());
}

/* How late l is at now, or how soon due, as people say it. */
static const char *
late_span(const struct aduan_late *l, time_t now, char buf[64])
{
	const struct aduan_cal *cal = aduan_sop_cal(l->sop);

	return l->soon ? fmt_span(cal, now, l->due.deadline, l->due.office,
	    buf) : fmt_span(cal, l->due.deadline, now, l->due.office, buf);
}

/*
 * A late (or soon due) step in format fmt; n were printed before; office,
 * when not NULL, names the office it is of.
 */
static void
print_late(const struct aduan_late *l, int fmt, int n, time_t now,
    const char *office)
{
	const struct aduan_step *st = aduan_sop_step(l->sop, l->step);
	long off = aduan_cal_utcoff(aduan_sop_cal(l->sop));
	long mins = (l->soon ? -l->due.office : l->due.office) / 60;
	char t[32], o[64];

	if (fmt == 'j') {
		printf("%s{\"id\":\"%s\",\"step\":%d,\"status\":\"%s\","
		    "\"pelaksana\":\"%s\",\"deadline\":\"%s\",\"late_minutes\":"
		    "%ld,\"output\":", n ? "," : "", l->id, l->step,
		    l->soon ? "soon" : "late", st->pelaksana->id,
		    aduan_time_fmt(l->due.deadline, off, t), mins);
		fmt_json_str(stdout, st->output);
		printf(",\"kegiatan\":");
		fmt_json_str(stdout, st->kegiatan);
		if (office != NULL) {
			printf(",\"office\":");
			fmt_json_str(stdout, office);
		}
		printf("}");
	} else if (fmt == 's') {
		printf("%s\t%d\t%s\t%s\t%s\t%ld\t", l->id, l->step,
		    l->soon ? "soon" : "late", st->pelaksana->id,
		    aduan_time_fmt(l->due.deadline, off, t), mins);
		fmt_tsv_str(stdout, st->output);
		if (office != NULL) {
			printf("\t");
			fmt_tsv_str(stdout, office);
		}
		printf("\n");
	} else {
		if (office != NULL)
			printf("%s  ", office);
		printf(l->soon ? _("%s  step %d  %s  %s: due %s, in %s\n") :
		    _("%s  step %d  %s  %s: due %s, late by %s\n"), l->id,
		    l->step, st->nama, st->pelaksana->singkat,
		    fmt_time(l->due.deadline, off, t), late_span(l, now, o));
	}
}

/* Who must act on c's late step l: the officer named, or the role. */
static void
who_acts(const struct aduan_case *c, const struct aduan_late *l,
    char *buf, size_t n)
{
	const struct aduan_role *r = aduan_sop_step(l->sop, l->step)->pelaksana;
	const char *person = aduan_case_person(c, r);

	if (person != NULL)
		snprintf(buf, n, "%s (%s)", r->singkat, person);
	else
		snprintf(buf, n, "%s", r->singkat);
}

/* The case, the names and whose it is, for the second pass of --mail. */
static void
note_pending(const struct aduan_case *c, const struct aduan_late *l,
    struct pending *p)
{
	const struct aduan_event *e = aduan_case_event(c, 0);
	const char *v;

	memcpy(p->id, l->id, strlen(l->id) + 1);
	who_acts(c, l, p->who, sizeof(p->who));
	v = e ? aduan_case_value(c, e->step, "pelapor", NULL) : NULL;
	fmt_cleaned(v ? v : "-", p->pelapor, sizeof(p->pelapor));
	v = e ? aduan_case_value(c, e->step, "perihal", NULL) : NULL;
	fmt_cleaned(v ? v : "-", p->perihal, sizeof(p->perihal));
}

/*
 * A notice for the mail, under the heading of who must act: the case,
 * who complained and about what, the step and how late, what to run.
 */
static void
print_mail(struct scan *s, const struct pending *p,
    const struct aduan_late *l)
{
	const struct aduan_step *st = aduan_sop_step(l->sop, l->step);
	long off = aduan_cal_utcoff(aduan_sop_cal(l->sop));
	char t[32], o[64], hint[512];

	if (s->group == NULL || strcmp(s->group, p->who) != 0)
		printf(_("%s== %s ==\n"), s->shown ? "\n" : "", p->who);
	s->group = p->who;
	printf("%s  %s: %s\n", l->id, p->pelapor, p->perihal);
	printf(l->soon ? _("  step %d (%s): due %s, in %s\n") :
	    _("  step %d (%s): due %s, late by %s\n"), st->no, st->nama,
	    fmt_time(l->due.deadline, off, t), late_span(l, s->now, o));
	printf(_("  run: %s\n"), cli_step_hint(l->sop, st->no, l->id, hint,
	    sizeof(hint)));
}

/* Deliver one notice: printed and flushed, or not delivered. */
static int
say(const struct aduan_late *l, void *arg)
{
	struct scan *s = arg;

	print_late(l, s->fmt, s->shown, s->now, s->office);
	if (fflush(stdout) == EOF || ferror(stdout))
		return -1;
	s->shown++;
	return 0;
}

static int
cmp_pending(const void *a, const void *b)
{
	const struct pending *x = a, *y = b;
	int r = strcmp(x->who, y->who);

	return r ? r : strcmp(x->id, y->id);
}

/* Say a --mail notice in its group, flushed; the flag follows it. */
static int
say_mail(const struct aduan_late *l, void *arg)
{
	struct scan *s = arg;

	print_mail(s, s->cur, l);
	if (fflush(stdout) == EOF || ferror(stdout))
		return -1;
	s->shown++;
	return 0;
}

/*
 * The second pass of --mail: each late step found, in the order of who
 * must act, said under a heading for each and flagged (without --all)
 * as the plain run does, once, under the case's lock.
 */
static void
mail_all(struct scan *s)
{
	struct aduan_late l;
	struct aduan_err err;
	struct aduan_case *c;
	size_t i;

	if (s->npend == 0)
		return;
	qsort(s->pend, s->npend, sizeof(*s->pend), cmp_pending);
	for (i = 0; i < s->npend && !s->stop; i++) {
		if ((c = aduan_case_load(s->store, s->sop, s->pend[i].id,
		    ADUAN_READ, &err)) == NULL) {
			s->corrupt = cli_fail(&err);
			continue;
		}
		if (aduan_case_late(c, s->now, s->within, &l) != 1) {
			aduan_case_free(c);
			continue;
		}
		aduan_case_free(c);
		s->cur = &s->pend[i];
		if (s->all) {
			print_mail(s, s->cur, &l);
			s->shown++;
			continue;
		}
		if (!l.flagged && aduan_case_flag(s->store, s->sop, &l,
		    "aduan-overdue", s->now, time(NULL), cli_drill(), say_mail,
		    s, &err) == -1) {
			s->corrupt = cli_fail(&err);
			s->stop = err.cat == ADUAN_E_IO;
		}
	}
}

static int
one(const char *id, int closed, void *arg)
{
	struct scan *s = arg;
	struct aduan_late l;
	struct aduan_wait w;
	struct aduan_err err;
	struct aduan_case *c = NULL;
	long long toff, tlen;
	int r;

	(void)closed;
	if (s->stop)
		return 1;
	/* What an unchanged log said last time, or the log read again. */
	if (!aduan_cache_get(s->cache, id, &w)) {
		if ((c = aduan_case_load(s->store, s->sop, id, ADUAN_READ,
		    &err)) == NULL) {
			/* Said, and every other case still looked at. */
			r = cli_fail(&err);
			s->corrupt = s->corrupt > r ? s->corrupt : r;
			see(s, id, -1, 0);
			return 0;
		}
		if (aduan_case_torn(c, &toff, &tlen))
			cli_warn_torn(id, toff, tlen);
		/* The cron run's take goes after it: noted, if it succeeds. */
		aduan_cache_put(s->cache, id, c, !s->all);
		aduan_case_wait(c, &w);
		w.noted = 0;
	}
	see(s, id, w.size, w.noted);
	r = aduan_wait_late(&w, id, s->now, s->within, &l);
	if (s->mail && r == 1 && (s->all || !l.flagged) && (s->role == NULL ||
	    strcmp(s->role, aduan_sop_step(l.sop, l.step)->pelaksana->id) ==
	    0)) {
		/* The first pass of --mail: noted, said in its group later. */
		struct pending *p;

		s->late += !l.soon;
		may_change(s, id);
		if (l.due.unlisted && !s->unlisted)
			s->unlisted = l.due.unlisted;
		if (s->npend == s->cappend && (p = realloc(s->pend,
		    (s->cappend = s->cappend ? 2 * s->cappend : 64) *
		    sizeof(*p))) != NULL)
			s->pend = p;
		/* Its names are read from the log, remembered or not. */
		if (c == NULL && (c = aduan_case_load(s->store, s->sop, id,
		    ADUAN_READ, &err)) == NULL) {
			r = cli_fail(&err);
			s->corrupt = s->corrupt > r ? s->corrupt : r;
			return 0;
		}
		if (s->npend < s->cappend)
			note_pending(c, &l, &s->pend[s->npend++]);
		else {
			cli_warn(_("%s: out of memory; the step is not "
			    "flagged, and the next run says it again"), id);
			s->corrupt = ADUAN_EXIT_IO;
		}
		aduan_case_free(c);
		return 0;
	}
	aduan_case_free(c);
	if (s->mail)
		return 0;
	if (r == 0 || (s->role != NULL && strcmp(s->role,
	    aduan_sop_step(l.sop, l.step)->pelaksana->id) != 0))
		return 0;
	if (l.due.unlisted && !s->unlisted)
		s->unlisted = l.due.unlisted;
	s->late += !l.soon;
	if (s->all)
		/* Nothing is flagged after it: written when the buffer fills. */
		print_late(&l, s->fmt, s->shown++, s->now, s->office);
	else if (!l.flagged && (may_change(s, id), aduan_case_flag(s->store,
	    s->sop, &l, "aduan-overdue", s->now, time(NULL), cli_drill(),
	    say, s, &err)) == -1) {
		s->corrupt = cli_fail(&err);
		/* Output that fails goes on failing: stop, flag no more. */
		s->stop = err.cat == ADUAN_E_IO;
	}
	return 0;
}

int
cmd_overdue(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "data-dir", required_argument, NULL, 'D' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "mail", no_argument, NULL, 'm' },
		{ "role", required_argument, NULL, 'r' },
		{ "sop", required_argument, NULL, 's' },
		{ "version", no_argument, NULL, 'V' },
		{ "within", required_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_opts o = { .usage = usage, .help = &help, .formats = CLI_FMT_ALL,
	    .fmt = 't' };
	struct scan s = { .fmt = 't' };
	const char *within = NULL;
	struct aduan_dur w;
	struct aduan_err err;
	struct aduan_sop *sop = NULL;
	struct cli_store *stores = NULL;
	int ch, r, i, nstores = 0, shown, scanned = 0, taken;
	char stamp[96], was[96] = "";

	cli_init(argc, argv);
	while ((ch = getopt_long(argc, argv, "D:hV", longopts, NULL)) != -1)
		if (ch == 'a')
			s.all = 1;
		else if (ch == 'm')
			s.mail = 1;
		else if (ch == 'r')
			s.role = optarg;
		else if (ch == 'w')
			within = optarg;
		else if ((r = cli_opt(ch, &o)) != -1)
			return r;
	if (optind < argc)
		return cli_usage_error(_("unexpected argument '%s'"),
		    argv[optind]);
	if (within != NULL) {
		if (aduan_dur_parse(within, &w, &err) == -1 ||
		    w.unit == ADUAN_UNIT_NONE || w.unit == ADUAN_UNIT_HARI)
			return cli_usage_error(_("--within: '%s' is not "
			    "a working time such as '30 menit' or '2 jam'"),
			    within);
		s.within = w.amount * (w.unit == ADUAN_UNIT_JAM ? 3600L : 60L);
	}
	s.fmt = o.fmt;
	if ((sop = cli_load_sop(o.sop, &s.status)) == NULL ||
	    (s.status = cli_now(aduan_cal_utcoff(aduan_sop_cal(sop)),
	    &s.now)) != 0 || (s.status = cli_stores(&o, &stores, &nstores,
	    &shown)) != 0)
		goto out;
	/* Copies of other offices are read, never written: --all only. */
	if (shown && (!s.all || s.mail)) {
		s.status = cli_usage_error(_("several data directories, or a "
		    "city's, are listed with --all (and no --mail): their "
		    "steps are never flagged here"));
		goto out;
	}
	s.store = stores[0].st;
	s.sop = sop;
	if (s.role != NULL) {
		const struct aduan_role *r = cli_role(sop, s.role, &s.status);

		if (r == NULL)
			goto out;
		s.role = r->id;
	}
	if (s.fmt == 'j')
		printf("[");
	if (s.mail && s.fmt != 't') {
		s.status = cli_usage_error(_("--mail is a text for people: it "
		    "does not go with --format"));
		goto out;
	}
	for (i = 0; i < nstores && s.status == 0; i++) {
		if (i > 0)
			cli_store_close(&stores[i - 1]);
		if ((s.status = cli_store_open(&stores[i])) != 0)
			break;
		s.store = stores[i].st;
		s.office = shown ? stores[i].label : NULL;
		s.cache = aduan_cache_open(s.store, sop,
		    cli_version_string(), "scan", 0);
		if (!s.all)
			aduan_cache_noting(s.cache);
		s.trusted = !s.all && s.cache != NULL &&
		    aduan_cache_note_get(s.store, "noted", was,
		    sizeof(was)) == 0 && aduan_checkpoint_since(s.store,
		    was) == 1;
		r = aduan_store_scan(s.store, 0, one, &s, &err);
		scanned = r == 0 && !s.stop;
		/* The cron run's lines say "noted": kept once its take is. */
		if (s.all) {
			aduan_cache_close(s.cache, scanned);
			s.cache = NULL;
		}
		if (r == -1)
			s.status = cli_fail(&err);
	}
	if (s.status == 0 && s.mail)
		mail_all(&s);
	if (s.fmt == 'j')
		printf("]\n");
	/*
	 * The cron run also keeps the witness of the open cases' heads, the
	 * good ones, even when a log failed.
	 */
	taken = 0;
	if (!s.all && s.status == 0 && !s.stop) {
		if ((s.noseen ? aduan_checkpoint_take(s.store, 0, time(NULL),
		    aduan_cal_utcoff(aduan_sop_cal(sop)), &r, NULL, NULL,
		    &err) : aduan_checkpoint_take_seen(s.store, s.seen,
		    s.nseen, s.nopen, time(NULL),
		    aduan_cal_utcoff(aduan_sop_cal(sop)), &r, &err)) == -1)
			s.status = cli_fail(&err);
		else
			taken = 1;
	}
	if (!s.all && s.cache != NULL) {
		aduan_cache_close(s.cache, scanned && taken);
		s.cache = NULL;
		if (scanned && taken && aduan_checkpoint_stamp(s.store, stamp,
		    sizeof(stamp)) == 0 && strcmp(stamp, was) != 0)
			aduan_cache_note_put(s.store, "noted", stamp);
	}
	/* Said with what it concerns, so that a silent run stays silent. */
	if (s.unlisted && s.shown > 0)
		cli_warn(_("warning: deadlines in %d were counted on "
		    "weekdays only: the calendar has no holiday list for %d; "
		    "add that year's decree to the calendar file"), s.unlisted,
		    s.unlisted);
	if (s.status == 0)
		s.status = s.corrupt;
	/*
	 * Something late is the answer of a plain run; for --mail, the mail
	 * said it, and cron must not call the run a failure.
	 */
	if (s.status == 0 && s.late > 0 && !s.mail)
		s.status = ADUAN_EXIT_ANSWER;
out:
	free(s.pend);
	free(s.seen);
	cli_stores_close(stores, nstores);
	aduan_sop_free(sop);
	return cli_finish(s.status);
}
