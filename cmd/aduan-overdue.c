/*
 * aduan-overdue - for cron: flag each pending step that is past its
 * deadline, once, in its case's log, and print only what is newly late;
 * with --all, list every late step without flagging.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "aduan.h"

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
	int status;
};

static void
usage(FILE *f)
{
	fprintf(f, _("usage: %s [-hV] [--all] [--within waktu] [--role peran] "
	    "[--format text|json|tsv] [-D dir] [--sop file]\n"),
	    aduan_cli_prog());
}

static int
one(const char *id, int closed, void *arg)
{
	struct scan *s = arg;
	struct aduan_late l;
	struct aduan_err err;
	int r;

	(void)closed;
	/* With --role, look first and flag only the steps of that role. */
	r = aduan_case_check_late(s->store, s->sop, id, s->now, s->within,
	    !s->all && s->role == NULL, &l, &err);
	if (r == 1 && s->role != NULL && strcmp(s->role,
	    aduan_sop_step(l.sop, l.step)->pelaksana->id) != 0)
		return 0;
	if (r == 1 && s->role != NULL && !s->all)
		r = aduan_case_check_late(s->store, s->sop, id, s->now,
		    s->within, 1, &l, &err);
	if (r == -1) {
		s->status = aduan_cli_fail(&err);
		return 0;
	}
	if (r == 0)
		return 0;
	if (l.unlisted && !s->unlisted)
		s->unlisted = l.unlisted;
	s->late += !l.soon;
	if (s->all || l.newly)
		aduan_cli_late(&l, s->fmt, s->shown++);
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "data-dir", required_argument, NULL, 'D' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "role", required_argument, NULL, 'r' },
		{ "sop", required_argument, NULL, 's' },
		{ "version", no_argument, NULL, 'V' },
		{ "within", required_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 }
	};
	struct aduan_cli_opts o = { usage, ADUAN_FMT_TEXT | ADUAN_FMT_JSON |
	    ADUAN_FMT_TSV, NULL, NULL, 't', 0 };
	struct scan s = { NULL, NULL, NULL, 0, 0, 0, 't', 0, 0, 0, 0 };
	const char *within = NULL;
	struct aduan_dur w;
	struct aduan_err err;
	struct aduan_sop *sop;
	int ch, r;

	aduan_cli_init(argc, argv);
	while ((ch = getopt_long(argc, argv, "D:hV", longopts, NULL)) != -1)
		if (ch == 'a')
			s.all = 1;
		else if (ch == 'r')
			s.role = optarg;
		else if (ch == 'w')
			within = optarg;
		else if ((r = aduan_cli_opt(ch, &o)) != -1)
			return r;
	if (optind < argc)
		return aduan_cli_usage_error(_("unexpected argument '%s'"),
		    argv[optind]);
	if (within != NULL) {
		if (aduan_dur_parse(within, &w, &err) == -1 ||
		    w.unit == ADUAN_UNIT_NONE || w.unit == ADUAN_UNIT_HARI)
			return aduan_cli_usage_error(_("--within: '%s' is not "
			    "a working time such as '30 menit' or '2 jam'"),
			    within);
		s.within = w.amount * (w.unit == ADUAN_UNIT_JAM ? 3600L : 60L);
	}
	s.fmt = o.fmt;
	if ((s.status = aduan_cli_open(&o, &sop, &s.now, &s.store)) != 0)
		goto out;
	s.sop = sop;
	if (s.role != NULL && aduan_sop_role(sop, s.role) == NULL) {
		s.status = aduan_cli_usage_error(_("--role: '%s' is not a role "
		    "of the SOP"), s.role);
		goto out;
	}
	if (s.fmt == 'j')
		printf("[");
	if (aduan_store_scan(s.store, 0, one, &s, &err) == -1)
		s.status = aduan_cli_fail(&err);
	if (s.fmt == 'j')
		printf("]\n");
	/* The cron run also keeps the witness of the open cases' heads. */
	if (!s.all && s.status == 0 && aduan_checkpoint_take(s.store, 0, s.now,
	    aduan_cal_utcoff(aduan_sop_cal(sop)), &r, NULL, NULL, &err) == -1)
		s.status = aduan_cli_fail(&err);
	/* Said with what it concerns, so that a silent run stays silent. */
	if (s.unlisted && s.shown > 0)
		aduan_cli_warn(_("warning: deadlines in %d were counted on "
		    "weekdays only: the calendar has no holiday list for %d; "
		    "add that year's decree to the calendar file"), s.unlisted,
		    s.unlisted);
	if (s.status == 0 && s.late > 0)
		s.status = ADUAN_EXIT_ANSWER;
out:
	aduan_store_close(s.store);
	aduan_sop_free(sop);
	return aduan_cli_finish(s.status);
}
