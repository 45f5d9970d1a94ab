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
	const struct aduan_sop *sop;
	struct aduan_checkpoint *cp;	/* the witness, or NULL */
	struct aduan_seal *seal;	/* the seals, with --key */
	int strict;
	long drills;		/* events recorded with the clock set by hand */
	int quiet;
	int tsv;
	int checked;
	int bad;
	int status;
	const char *office;	/* the office of the store read, when shown */
};

static const char *const help_opts[][2] = {
	{ "--key KEY", N_("the verification key that aduan seal --setup "
	    "printed: check every seal too") },
	{ "--seal-dir DIR", N_("the sealing directory, instead of "
	    "ADUAN_SEAL_DIR or DIR-seal") },
	{ "--strict", N_("also refuse events recorded with the clock set by "
	    "hand (ADUAN_NOW)") },
	{ "--surat FILE", N_("say which case and event a printed letter "
	    "(the PDF aduan surat wrote) belongs to, and verify that case; "
	    "may be given more than once") },
	{ "--format FORMAT", N_("text for people (the default), or tsv for "
	    "scripts") },
	CLI_HELP_QUIET,
	CLI_HELP_DIR,
	CLI_HELP_SOP,
	CLI_HELP_END
};
static const struct cli_help help = {
	.what = N_("Check that no line of any case log was altered, removed "
	    "or added, against the checkpoint and, with --key, the seals."),
	.opts = help_opts,
	.example = {
		"aduan verify",
		"aduan verify --key KEY 2026-0042",
	},
};

static void
usage(FILE *f)
{
	fprintf(f, _("usage: %s [-hqV] [--strict] [--key key] [--format "
	    "text|tsv] [-D dir] [--seal-dir dir] [--sop file] [id ...]\n"
	    "       %s [-q] [-D dir] --surat file ...\n"), cli_prog(),
	    cli_prog());
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
	[ADUAN_MISSING] = N_("missing"), [ADUAN_MOVED] = N_("moved"),
	[ADUAN_BACKDATED] = N_("backdated"), [ADUAN_UNSEALED] = N_("unsealed"),
	[ADUAN_SOPCOPY] = N_("sop")
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
		snprintf(buf, n, v->by_seal ? _("the log ends at event %ld, but "
		    "the seal saw %ld: its tail was cut off") : _("the log ends "
		    "at event %ld, but the checkpoint saw %ld: its tail was cut "
		    "off"), v->seq, v->expect);
		break;
	case ADUAN_REWRITTEN:
		snprintf(buf, n, v->by_seal ? _("event %ld is not the one that "
		    "was sealed: the file was rewritten") : _("event %ld is not "
		    "the one the checkpoint saw: the file was rewritten"),
		    v->seq);
		break;
	case ADUAN_MISSING:
		snprintf(buf, n, v->by_seal ? _("%ld events were sealed; the "
		    "log is gone") : _("the checkpoint saw %ld events; the log "
		    "is gone"), v->expect);
		break;
	case ADUAN_MOVED:
		snprintf(buf, n, v->closed ? _("the log is in closed/, but the "
		    "case is not closed: it was moved there") : _("the log was "
		    "sealed in closed/ and is in open/ again"));
		break;
	case ADUAN_BACKDATED:
		snprintf(buf, n, _("event %ld was recorded with a time from "
		    "before a seal that did not hold it: the clock was set "
		    "back"), v->seq);
		break;
	case ADUAN_UNSEALED:
		snprintf(buf, n, _("the case was recorded before the last seal "
		    "of every case, and is in none: it was hidden, or planted "
		    "with the clock set back"));
		break;
	case ADUAN_SOPCOPY:
		snprintf(buf, n, _("the copy of the SOP the case runs under "
		    "(%s...) is gone from DATA/sop/, or was altered"),
		    v->other);
		break;
	default:
		buf[0] = '\0';
	}
}

static int one(const char *, int, void *);

/* Say the verdict on case id. */
static void
report(const char *id, const struct aduan_verdict *v, void *arg)
{
	struct run *r = arg;
	char d[256];

	r->checked++;
	r->bad += v->fault != ADUAN_OK || (r->strict && v->drills > 0);
	detail(v, d, sizeof(d));
	if (v->fault == ADUAN_OK && r->strict && v->drills > 0)
		snprintf(d, sizeof(d), _("%ld event(s) recorded with the clock "
		    "set by hand (ADUAN_NOW)"), v->drills);
	if (!r->tsv && r->office != NULL)
		printf("%s  ", r->office);
	if (r->tsv) {
		printf("%s\t%s\t%ld\t%ld\t%s", id, v->fault == ADUAN_OK &&
		    d[0] ? "drill" : words[v->fault], v->line, v->events, d);
		if (r->office != NULL)
			printf("\t%s", r->office);
		printf("\n");
	} else if (v->fault != ADUAN_OK)
		printf(_("%s: %s at line %ld: %s\n"), id, _(words[v->fault]),
		    v->line, d);
	else if (d[0] != '\0')
		printf(_("%s: not accepted with --strict: %s\n"), id, d);
	else if (!r->quiet)
		printf(_("%s: ok, %ld events%s\n"), id, v->events, v->sealed ?
		    _(", a torn write sealed in place") : "");
	r->drills += v->drills;
}

/*
 * Which letter the file at path is: said, and its case verified.  0 when
 * one is found, else ADUAN_EXIT_ANSWER (or the error's status).
 */
static int
letter(struct run *r, const char *path)
{
	struct aduan_letter_match m;
	struct aduan_err err;
	char sha[65], t[32], t2[32];
	long off = aduan_cal_utcoff(aduan_sop_cal(r->sop));
	int k;

	if (aduan_sha256_file(path, sha, &err) == -1)
		return cli_fail(&err);
	if ((k = aduan_letter_find(r->store, r->sop, sha, &m, &err)) == -1)
		return cli_fail(&err);
	if (r->tsv) {
		/* FILE, case, seq, line, kind, number, for whom, its state. */
		fmt_tsv_str(stdout, path);
		if (k == 0)
			printf("\t\t\t\t\t\t\tnone\n");
		else {
			printf("\t%s\t%ld\t%ld\t", m.id, m.seq, m.line);
			fmt_tsv_str(stdout, m.jenis);
			putchar('\t');
			fmt_tsv_str(stdout, m.nomor);
			putchar('\t');
			fmt_tsv_str(stdout, m.untuk);
			printf("\t%s\n", m.superseded ? "superseded" :
			    "current");
			one(m.id, 0, r);
		}
		return k == 0 ? ADUAN_EXIT_ANSWER : 0;
	}
	if (k == 0) {
		printf(_("%s: matches no letter recorded in %s: not printed by "
		    "aduan surat from these records, or altered since\n"),
		    path, cli_data_dir(NULL));
		return ADUAN_EXIT_ANSWER;
	}
	printf(_("%s: letter %s %s%s%s of case %s, step %d: event %ld (line "
	    "%ld), dated %s, printed %s by %s\n"), path, m.jenis, m.nomor,
	    m.untuk[0] ? _(" for ") : "", m.untuk, m.id, m.step, m.seq, m.line,
	    fmt_time(m.happened, off, t), fmt_time(m.recorded, off, t2), m.by);
	if (m.superseded)
		printf(_("%s: an earlier printing: the letter was printed again "
		    "from changed data (event %ld)\n"), path, m.superseded);
	one(m.id, 0, r);
	return 0;
}

static int
one(const char *id, int closed, void *arg)
{
	struct run *r = arg;
	struct aduan_verdict v;
	struct aduan_err err;

	if (aduan_verify_in(r->store, r->sop, r->cp, r->seal, id, closed, &v,
	    &err) == -1)
		r->status = cli_fail(&err);
	else
		report(id, &v, r);
	return 0;
}

int
cmd_verify(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "data-dir", required_argument, NULL, 'D' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "key", required_argument, NULL, 'k' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "seal-dir", required_argument, NULL, 'S' },
		{ "sop", required_argument, NULL, 's' },
		{ "strict", no_argument, NULL, 't' },
		{ "surat", required_argument, NULL, 'L' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_opts o = { .usage = usage, .help = &help,
	    .formats = CLI_FMT_TEXT | CLI_FMT_TSV, .fmt = 't' };
	struct run r = { .store = NULL };
	const char *key = NULL, *sealdir = NULL, *letters[64];
	int nletters = 0;
	struct aduan_sop *sop = NULL;
	struct cli_store *stores = NULL;
	int nstores = 0, shown, k;
	struct aduan_err err;
	time_t now, at, set_at;
	long seals;
	char t[32];
	int ch, i;

	cli_init(argc, argv);
	while ((ch = getopt_long(argc, argv, "D:hqV", longopts, NULL)) != -1)
		if (ch == 'k')
			key = optarg;
		else if (ch == 'S')
			sealdir = optarg;
		else if (ch == 't')
			r.strict = 1;
		else if (ch == 'L') {
			if (nletters == 64)
				return cli_usage_error(_("--surat: at most 64 "
				    "files at once"));
			letters[nletters++] = optarg;
		}
		else if ((i = cli_opt(ch, &o)) != -1)
			return i;
	r.quiet = o.quiet;
	r.tsv = o.fmt == 's';
	/* The TSV is for scripts: its detail too stays in one language. */
	if (r.tsv)
		setlocale(LC_MESSAGES, "C");
	for (i = optind; i < argc; i++)
		if (aduan_id_check(argv[i], &err) == -1)
			return cli_fail(&err);
	if ((sop = cli_load_sop(o.sop, &i)) == NULL ||
	    (i = cli_now(aduan_cal_utcoff(aduan_sop_cal(sop)), &now)) != 0 ||
	    (i = cli_stores(&o, &stores, &nstores, &shown)) != 0) {
		aduan_sop_free(sop);
		return cli_finish(i);
	}
	r.sop = sop;
	r.store = stores[0].st;
	if (shown && (key != NULL || nletters > 0)) {
		r.status = cli_usage_error(_("--key and --surat are of one data "
		    "directory: give -D once"));
		goto out;
	}
	if (nletters > 0 && optind < argc) {
		r.status = cli_usage_error(_("--surat names letters, not "
		    "cases: give no case ID with it"));
		goto out;
	}
	if ((r.cp = aduan_checkpoint_open(r.store, &err)) == NULL) {
		r.status = err.cat == ADUAN_E_NOTFOUND ? 0 : err.cat;
		cli_fail(&err);
		r.bad++;
	}
	if (key != NULL && (r.seal = aduan_seal_open(cli_seal_dir(sealdir,
	    o.dir), key, &err)) == NULL) {
		r.status = cli_fail(&err);
		if (err.cat == ADUAN_E_CORRUPT)
			r.status = 0, r.bad++;
		else
			goto out;
	}
	for (i = 0; i < nletters; i++) {
		int k = letter(&r, letters[i]);

		if (k != 0 && r.status == 0)
			r.status = k;
	}
	if (nletters > 0)
		goto out;
	/* Each data directory in turn, against its own witness. */
	for (k = 0; k < nstores; k++) {
		if (k > 0) {
			aduan_checkpoint_close(r.cp);
			r.cp = NULL;
			cli_store_close(&stores[k - 1]);
			if ((i = cli_store_open(&stores[k])) != 0) {
				r.status = i;
				continue;
			}
			r.store = stores[k].st;
			if ((r.cp = aduan_checkpoint_open(r.store, &err)) ==
			    NULL) {
				r.status = err.cat == ADUAN_E_NOTFOUND ? 0 :
				    err.cat;
				cli_fail(&err);
				r.bad++;
			}
		}
		r.office = shown ? stores[k].label : NULL;
		if (optind == argc && aduan_store_scan(r.store, 1, one, &r,
		    &err) == -1)
			r.status = cli_fail(&err);
		/* A case the witnesses saw must still be there. */
		if (optind == argc && aduan_verify_missing(r.store, r.cp,
		    r.seal, report, &r, &err) == -1)
			r.status = cli_fail(&err);
		for (i = optind; i < argc; i++)
			one(argv[i], 0, &r);
	}
	if (r.seal != NULL && !r.quiet && !r.tsv) {
		aduan_seal_last(r.seal, &seals, &at, &set_at);
		fprintf(stderr, _("%s: %ld seal(s) verified with the key; the "
		    "last of every case made %s\n"), cli_prog(), seals,
		    set_at ? fmt_time(set_at, aduan_cal_utcoff(
		    aduan_sop_cal(sop)), t) : _("never"));
	}
	if (!r.quiet && !r.tsv && r.drills > 0)
		fprintf(stderr, _("%s: %ld event(s) recorded with the clock set "
		    "by hand (ADUAN_NOW); --strict refuses them\n"), cli_prog(),
		    r.drills);
	if (!r.quiet && !r.tsv)
		fprintf(stderr, _("%s: %d case(s) checked, %d did not verify\n"),
		    cli_prog(), r.checked, r.bad);
out:
	aduan_seal_close(r.seal);
	aduan_checkpoint_close(r.cp);
	cli_stores_close(stores, nstores);
	aduan_sop_free(sop);
	if (r.status == 0 && r.bad > 0)
		r.status = ADUAN_EXIT_ANSWER;
	return cli_finish(r.status);
}
