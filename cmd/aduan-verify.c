/*
 * aduan-verify - check the chain of every case log (or of those named)
 * and say, per case, where and as what it first breaks.
 */
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

struct run {
	struct aduan_store *store;
	struct aduan_checkpoint *cp;	/* the witness, or NULL */
	int quiet;
	int tsv;
	int checked;
	int bad;
	int status;
};

static void
usage(FILE *f)
{
	fprintf(f, _("usage: %s [-hqV] [--format text|tsv] [-D dir] "
	    "[id ...]\n"), cli_prog());
}

/* The verdict words of the TSV contract, by fault; the text translates. */
static const char *const words[] = {
	[ADUAN_OK] = "ok", [ADUAN_ALTERED] = N_("altered"),
	[ADUAN_REMOVED] = N_("removed"), [ADUAN_INSERTED] = N_("inserted"),
	[ADUAN_DUPLICATED] = N_("duplicated"),
	[ADUAN_REORDERED] = N_("reordered"), [ADUAN_TORN] = N_("torn"),
	[ADUAN_COPIED] = N_("copied"), [ADUAN_HEADER] = N_("header"),
	[ADUAN_FORMAT] = N_("header"), [ADUAN_LINK] = N_("link"),
	[ADUAN_CUT] = N_("cut"), [ADUAN_REWRITTEN] = N_("rewritten"),
	[ADUAN_MISSING] = N_("missing")
};

/* What a verdict found, as a sentence. */
static void
detail(const struct aduan_verdict *v, char *buf, size_t n)
{
	switch (v->fault) {
	case ADUAN_ALTERED:
		snprintf(buf, n, _("event %ld was altered (its hash does not "
		    "match)"), v->seq);
		break;
	case ADUAN_REMOVED:
		snprintf(buf, n, _("event %ld comes where %ld should: removed, "
		    "or moved later"), v->seq, v->expect);
		break;
	case ADUAN_INSERTED:
		if (v->toolong)
			snprintf(buf, n, _("not an event line: longer than %d "
			    "bytes"), ADUAN_LINE_MAX);
		else
			snprintf(buf, n, _("not an event line: inserted, or "
			    "altered beyond reading"));
		break;
	case ADUAN_DUPLICATED:
		snprintf(buf, n, _("event %ld appears again after event %ld"),
		    v->seq, v->expect - 1);
		break;
	case ADUAN_REORDERED:
		snprintf(buf, n, _("event %ld comes after event %ld: moved"),
		    v->seq, v->expect - 1);
		break;
	case ADUAN_TORN:
		snprintf(buf, n, _("%lld bytes at byte %lld do not make an "
		    "event: a write that did not finish"), v->length,
		    v->offset);
		break;
	case ADUAN_COPIED:
		snprintf(buf, n, _("this is the log of case %s, copied over "
		    "this one"), v->other);
		break;
	case ADUAN_HEADER:
		snprintf(buf, n, "%s", v->altered ? _("the header does not "
		    "verify (altered)") : _("not an aduan case log header"));
		break;
	case ADUAN_FORMAT:
		snprintf(buf, n, _("written in log format '%s', which this aduan "
		    "cannot read"), v->format);
		break;
	case ADUAN_LINK:
		snprintf(buf, n, _("the log is not a plain file of the data "
		    "directory (a link or a special file); refusing to use "
		    "it"));
		break;
	case ADUAN_CUT:
		snprintf(buf, n, _("the log ends at event %ld, but the "
		    "checkpoint saw %ld: its tail was cut off"), v->seq,
		    v->expect);
		break;
	case ADUAN_REWRITTEN:
		snprintf(buf, n, _("event %ld is not the one the checkpoint "
		    "saw: the file was rewritten"), v->seq);
		break;
	case ADUAN_MISSING:
		snprintf(buf, n, _("the checkpoint saw %ld events; the log is "
		    "gone"), v->expect);
		break;
	default:
		buf[0] = '\0';
	}
}

/* Say the verdict on case id. */
static void
report(const char *id, const struct aduan_verdict *v, void *arg)
{
	struct run *r = arg;
	char d[256];

	r->checked++;
	r->bad += v->fault != ADUAN_OK;
	detail(v, d, sizeof(d));
	if (r->tsv)
		printf("%s\t%s\t%ld\t%ld\t%s\n", id, words[v->fault], v->line,
		    v->events, d);
	else if (v->fault != ADUAN_OK)
		printf(_("%s: %s at line %ld: %s\n"), id, _(words[v->fault]),
		    v->line, d);
	else if (!r->quiet)
		printf(_("%s: ok, %ld events%s\n"), id, v->events, v->sealed ?
		    _(", a torn write sealed in place") : "");
}

static int
one(const char *id, int closed, void *arg)
{
	struct run *r = arg;
	struct aduan_verdict v;
	struct aduan_err err;

	(void)closed;
	if (aduan_verify(r->store, r->cp, id, &v, &err) == -1)
		r->status = cli_fail(&err);
	else
		report(id, &v, r);
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "data-dir", required_argument, NULL, 'D' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_opts o = { .usage = usage,
	    .formats = CLI_FMT_TEXT | CLI_FMT_TSV, .fmt = 't' };
	struct run r = { .store = NULL };
	const char *dir;
	struct aduan_err err;
	int ch, i;

	cli_init(argc, argv);
	while ((ch = getopt_long(argc, argv, "D:hqV", longopts, NULL)) != -1)
		if ((i = cli_opt(ch, &o)) != -1)
			return i;
	dir = o.dir;
	r.quiet = o.quiet;
	r.tsv = o.fmt == 's';
	/* The TSV is for scripts: its detail too stays in one language. */
	if (r.tsv)
		setlocale(LC_MESSAGES, "C");
	for (i = optind; i < argc; i++)
		if (aduan_id_check(argv[i], &err) == -1)
			return cli_fail(&err);
	if ((r.store = aduan_store_open(cli_data_dir(dir), 0,
	    cli_lock_wait(), &err)) == NULL)
		return cli_finish(cli_fail(&err));
	if ((r.cp = aduan_checkpoint_open(r.store, &err)) == NULL) {
		r.status = cli_fail(&err);
		r.bad++;
	}
	if (optind == argc && aduan_store_scan(r.store, 1, one, &r, &err) == -1)
		r.status = cli_fail(&err);
	/* A case the checkpoint saw must still be there. */
	if (optind == argc && aduan_verify_missing(r.store, r.cp, report, &r,
	    &err) == -1)
		r.status = cli_fail(&err);
	for (i = optind; i < argc; i++)
		one(argv[i], 0, &r);
	if (!r.quiet && !r.tsv)
		fprintf(stderr, _("%s: %d case(s) checked, %d did not verify\n"),
		    cli_prog(), r.checked, r.bad);
	aduan_checkpoint_close(r.cp);
	aduan_store_close(r.store);
	if (r.status == 0 && r.bad > 0)
		r.status = ADUAN_EXIT_ANSWER;
	return cli_finish(r.status);
}
