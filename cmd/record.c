/*
 * record.c - the main of every recording command (aduan-new, aduan-assign,
 * aduan-panggil, aduan-musyawarah, aduan-close).
 *
 * A recording command's options are the SOP's: every field of every step
 * the SOP has the command record is an option --NAME (a flag field takes
 * no value), with the fields of doing a step again (--ulang) and of
 * adjourning it (--tunda) where the SOP allows them.  So the SOP is loaded
 * first, from --sop, ADUAN_SOP or the bundled default: a first pass over
 * the arguments looks only for --sop.  The mechanics options are fixed:
 * --at, --by, --step, -D, --sop, -q, -h, -V.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

#define MAXOPTS 128

enum {
	OPT_AT = 256, OPT_BY, OPT_SOP, OPT_STEP, OPT_ULANG, OPT_TUNDA,
	OPT_BATAL, OPT_ALASAN, OPT_FIELD
};

static const struct option mechanics[] = {
	{ "at", required_argument, NULL, OPT_AT },
	{ "by", required_argument, NULL, OPT_BY },
	{ "data-dir", required_argument, NULL, 'D' },
	{ "help", no_argument, NULL, 'h' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "sop", required_argument, NULL, OPT_SOP },
	{ "step", required_argument, NULL, OPT_STEP },
	{ "version", no_argument, NULL, 'V' },
};
#define NMECH (int)(sizeof(mechanics) / sizeof(mechanics[0]))

/* The options of one command, built from the SOP. */
struct optset {
	struct option opt[MAXOPTS + 1];
	const struct aduan_field *field[MAXOPTS];	/* by OPT_FIELD + i */
	const struct aduan_step *step[MAXOPTS];	/* the first that has it */
	const char *how[MAXOPTS];	/* "", "again" or "adjourn" */
	int n, nfields;
	int again, adjourn;	/* some step may be done again, adjourned */
	int cancel;		/* the command closes cases: --batal */
	const struct aduan_sop *sop;
};

/* The metavariable of a field: WAKTU, a|b, or its name in capitals. */
const char *
cli_metavar(const struct aduan_field *f, char *buf, size_t n)
{
	size_t i;

	if (f->type == ADUAN_FIELD_TIME)
		return "WAKTU";
	if (f->type == ADUAN_FIELD_CHOICE) {
		buf[0] = '\0';
		for (i = 0; i < (size_t)f->nchoices; i++)
			snprintf(buf + strlen(buf), n - strlen(buf), "%s%s",
			    i ? "|" : "", f->choices[i]);
		return buf;
	}
	for (i = 0; f->name[i] != '\0' && i + 1 < n; i++)
		buf[i] = (char)(f->name[i] >= 'a' && f->name[i] <= 'z' ?
		    f->name[i] - 'a' + 'A' : f->name[i]);
	buf[i] = '\0';
	return buf;
}

const char *
cli_step_hint(const struct aduan_sop *sop, int no, const char *id,
    char *buf, size_t n)
{
	const struct aduan_step *st = sop ? aduan_sop_step(sop, no) : NULL;
	int run[32], nrun, i, k;
	char mv[128];

	if (st == NULL) {
		snprintf(buf, n, "aduan show %s", id ? id : "");
		return buf;
	}
	snprintf(buf, n, "aduan %s%s%s", st->command, id ? " " : "",
	    id ? id : "");
	nrun = aduan_record_run(sop, no, run, 32);
	for (k = 0; k < nrun; k++) {
		st = aduan_sop_step(sop, run[k]);
		for (i = 0; i < st->nfields; i++) {
			const struct aduan_field *f = &st->fields[i];
			size_t len = strlen(buf);

			if (!f->required)
				continue;
			if (f->type == ADUAN_FIELD_FLAG)
				snprintf(buf + len, n - len, " --%s", f->name);
			else
				snprintf(buf + len, n - len, " --%s %s",
				    f->name, cli_metavar(f, mv, sizeof(mv)));
		}
	}
	return buf;
}

/* Add the fields fs (n) of step st to the options, once a name. */
static void
add_fields(struct optset *o, const struct aduan_step *st,
    const struct aduan_field *fs, int n, const char *how)
{
	int i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < o->nfields; j++)
			if (strcmp(o->field[j]->name, fs[i].name) == 0)
				break;
		if (j < o->nfields || o->nfields == MAXOPTS - NMECH - 2)
			continue;
		o->field[o->nfields] = &fs[i];
		o->step[o->nfields] = st;
		o->how[o->nfields] = how;
		o->opt[o->n++] = (struct option){ fs[i].name,
		    fs[i].type == ADUAN_FIELD_FLAG ? no_argument :
		    required_argument, NULL, OPT_FIELD + o->nfields };
		o->nfields++;
	}
}

/*
 * The options of command in the SOP: mechanics, then its fields; for a
 * correction, the fields of every step but flags, and --alasan.
 */
static void
build_options(struct optset *o, const struct aduan_sop *sop,
    const struct cli_recorder *rc)
{
	const struct aduan_step *st;
	int i, j;

	memset(o, 0, sizeof(*o));
	o->sop = sop;
	memcpy(o->opt, mechanics, sizeof(mechanics));
	o->n = NMECH;
	for (i = 0; rc->correct && sop != NULL && i < aduan_sop_nsteps(sop);
	    i++) {
		st = aduan_sop_step_at(sop, i);
		for (j = 0; j < st->nfields; j++)
			if (aduan_uncorrectable(sop, st, &st->fields[j]) ==
			    NULL && strcmp(st->fields[j].name, "alasan") != 0)
				add_fields(o, st, &st->fields[j], 1, "");
	}
	if (rc->correct)
		o->opt[o->n++] = (struct option){ "alasan", required_argument,
		    NULL, OPT_ALASAN };
	for (i = 0; !rc->correct && sop != NULL && i < aduan_sop_nsteps(sop);
	    i++) {
		st = aduan_sop_step_at(sop, i);
		if (strcmp(st->command, rc->command) != 0)
			continue;
		add_fields(o, st, st->fields, st->nfields, "");
		if (st->repeatable) {
			o->again = 1;
			add_fields(o, st, st->again_fields, st->nagain,
			    "again");
		}
		if (st->outcome != NULL && aduan_sop_ncancels(sop) > 0)
			o->cancel = 1;
		if (st->adjournable) {
			o->adjourn = 1;
			add_fields(o, st, st->adjourn_fields, st->nadjourn,
			    "adjourn");
		}
	}
	if (o->again)
		o->opt[o->n++] = (struct option){ "ulang", no_argument, NULL,
		    OPT_ULANG };
	if (o->adjourn)
		o->opt[o->n++] = (struct option){ "tunda", no_argument, NULL,
		    OPT_TUNDA };
	if (o->cancel)
		o->opt[o->n++] = (struct option){ "batal", required_argument,
		    NULL, OPT_BATAL };
	o->opt[o->n] = (struct option){ NULL, 0, NULL, 0 };
}

static void
usage(FILE *f, const struct cli_recorder *rc, const struct optset *o)
{
	fprintf(f, _("usage: %s%s [--field value ...]%s%s%s%s [-hqV] [--at "
	    "waktu] [--by nama] [-D dir] [--sop file] [--step n]\n"),
	    cli_prog(), strcmp(rc->command, "new") == 0 ? "" : " id",
	    rc->correct ? " --alasan teks" : "", o->again ? " [--ulang]" : "",
	    o->adjourn ? " [--tunda]" : "", o->cancel ? " [--batal hasil]" :
	    "");
}

/* What --help says of the options every recording command has. */
static const char *const mech_help[][2] = {
	{ "--at WAKTU", N_("when it really happened, if not now") },
	{ "--by NAMA", N_("who records it, instead of ADUAN_USER or the "
	    "login name") },
	{ "--step N", N_("record this one step only, not the steps after it") },
	CLI_HELP_DIR,
	CLI_HELP_SOP,
	{ "-q, --quiet", N_("say nothing on the standard error when all goes "
	    "well") },
	CLI_HELP_END
};

/* --help: the usage, then the fields of the SOP as options. */
static void
help(const struct cli_recorder *rc, const struct optset *o,
    const char *sopfile)
{
	const struct aduan_field *f;
	char mv[128], opt[192];
	int i;

	usage(stdout, rc, o);
	printf("\n%s\n", _(rc->summary));
	printf(_("\nThe fields, from the SOP in %s:\n"), sopfile);
	for (i = 0; i < o->nfields; i++) {
		f = o->field[i];
		snprintf(opt, sizeof(opt), "--%s%s%s", f->name,
		    f->type == ADUAN_FIELD_FLAG ? "" : " ",
		    f->type == ADUAN_FIELD_FLAG ? "" : cli_metavar(f, mv,
		    sizeof(mv)));
		printf("  %-24s ", opt);
		printf(*o->how[i] == 'a' && o->how[i][1] == 'g' ?
		    _("with --ulang, step %d: %s") : *o->how[i] == 'a' ?
		    _("with --tunda, step %d: %s") : _("step %d: %s"),
		    o->step[i]->no, f->label ? f->label : f->name);
		if (f->required && !rc->correct)
			printf(_(" (required)"));
		if (f->multiple)
			printf(_(" (may be given more than once)"));
		printf("\n");
	}
	if (o->again)
		printf("  %-24s %s\n", "--ulang", _("record a step again (a new "
		    "summons) while the step after it waits"));
	if (o->adjourn)
		printf("  %-24s %s\n", "--tunda", _("adjourn the step the case "
		    "waits for to another time"));
	for (i = 0; o->cancel && i < aduan_sop_ncancels(o->sop); i++) {
		const struct aduan_cancel *k = aduan_sop_cancel_at(o->sop, i);

		snprintf(opt, sizeof(opt), "--batal %s", k->outcome);
		printf("  %-24s %s\n", opt, k->label ? k->label :
		    _("close the case without finishing its steps"));
	}
	printf(_("\nOptions:\n"));
	for (i = 0; mech_help[i][0] != NULL; i++)
		if (strcmp(mech_help[i][0], "--step N") != 0 || !rc->correct)
			printf("  %-24s %s\n", mech_help[i][0],
			    _(mech_help[i][1]));
	if (rc->correct)
		printf("  %-24s %s\n", "--alasan TEKS", _("why it is corrected "
		    "(required)"));
	printf(_("\nWAKTU is written as the office does, 5-3-2026 09.00, hari "
	    "ini 13.30 or besok 09.00, or as 2026-03-05 09:00.\n"));
	printf(_("\nExamples:\n"));
	for (i = 0; i < 2 && rc->example[i] != NULL; i++)
		printf("  %s\n", rc->example[i]);
	printf(_("\nSee %s(1) for more.\n"), cli_page());
}

/* The value of --sop in the arguments, if any, without taking others. */
static const char *
find_sop(int argc, char **argv)
{
	static const struct option only[] = {
		{ "sop", required_argument, NULL, OPT_SOP },
		{ NULL, 0, NULL, 0 }
	};
	const char *found = NULL;
	int ch, saved = opterr;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "-:", only, NULL)) != -1)
		if (ch == OPT_SOP)
			found = optarg;
	opterr = saved;
	optind = 0;
	return found;
}

/* Read all of standard input (at most max bytes) into a new string. */
static char *
read_stdin(size_t max)
{
	size_t n = 0, cap = 4096;
	char *buf = malloc(cap + 1);
	ssize_t r;

	while (buf != NULL) {
		if (n == cap) {
			char *nb;

			if (cap >= max + 1 ||
			    (nb = realloc(buf, (cap *= 2) + 1)) == NULL) {
				free(buf);
				return NULL;
			}
			buf = nb;
		}
		r = read(0, buf + n, cap - n);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	if (buf == NULL || n > max) {
		free(buf);
		return NULL;
	}
	while (n > 0 && buf[n - 1] == '\n')
		n--;
	buf[n] = '\0';
	return buf;
}

/* The option of the field called name, or NULL. */
static const struct aduan_field *
option_field(const struct optset *o, const char *name)
{
	int i;

	for (i = 0; i < o->nfields; i++)
		if (strcmp(o->field[i]->name, name) == 0)
			return o->field[i];
	return NULL;
}

/*
 * A text field given as "-" is read from the standard input, to its end:
 * a long text, or one with a '!' that bash would take for its history.
 * One field at most.  0, or the exit status.
 */
static int
read_dashes(const struct optset *o, struct aduan_request *req,
    struct aduan_kv *kv, char **in)
{
	const struct aduan_field *f;
	int i;

	for (i = 0; i < req->nopts; i++) {
		if (strcmp(kv[i].val, "-") != 0 || (f = option_field(o,
		    kv[i].key)) == NULL || f->type != ADUAN_FIELD_TEXT)
			continue;
		if (*in != NULL)
			return cli_usage_error(_("--%s -: only one field can "
			    "be read from the standard input"), kv[i].key);
		if ((*in = read_stdin(ADUAN_VALUE_MAX)) == NULL)
			return cli_usage_error(_("standard input: too long or "
			    "unreadable (at most %d bytes)"), ADUAN_VALUE_MAX);
		kv[i].val = *in;
	}
	return 0;
}

/*
 * On a terminal, ask for the fields a refusal says are missing, one after
 * another, into kv: 1 when each was answered (record again), 0 when the
 * clerk gave an empty answer or the input ended.  Never asked when the
 * standard input or error is not a terminal: a script gets the refusal.
 */
static int
ask_missing(const struct aduan_err *e, struct aduan_request *req,
    struct aduan_kv *kv, char **answers, int *nans)
{
	const struct aduan_field *f[ADUAN_KV_MAX];
	int n = cli_missing(e, f, ADUAN_KV_MAX), k;
	char mv[256], *line;
	size_t cap;
	ssize_t len;

	if (n == 0 || !isatty(0) || !isatty(2))
		return 0;
	for (k = 0; k < n; k++)
		if (f[k]->type == ADUAN_FIELD_FLAG)
			return 0;
	if (req->nopts + n > ADUAN_KV_MAX || *nans + n > ADUAN_KV_MAX)
		return 0;
	cli_warn(_("fill in what is missing; an empty answer stops, with "
	    "nothing recorded"));
	for (k = 0; k < n; k++) {
		fprintf(stderr, "%s (--%s %s): ", f[k]->label ? f[k]->label :
		    f[k]->name, f[k]->name, cli_metavar(f[k], mv, sizeof(mv)));
		fflush(stderr);
		line = NULL;
		cap = 0;
		if ((len = getline(&line, &cap, stdin)) <= 0) {
			free(line);
			fputc('\n', stderr);
			return 0;
		}
		while (len > 0 && (line[len - 1] == '\n' ||
		    line[len - 1] == '\r'))
			line[--len] = '\0';
		answers[(*nans)++] = line;
		if (len == 0)
			return 0;
		kv[req->nopts].key = f[k]->name;
		kv[req->nopts++].val = line;
	}
	return 1;
}

/* The labels of the first step's duplikat fields: "pelapor and perihal". */
static const char *
similar_fields(const struct aduan_sop *sop)
{
	static char buf[256];
	const struct aduan_step *st = aduan_sop_step_at(sop, 0);
	int i, n = 0, k = 0;

	for (i = 0; i < st->nfields; i++)
		n += st->fields[i].duplicate;
	buf[0] = '\0';
	for (i = 0; i < st->nfields; i++)
		if (st->fields[i].duplicate)
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf),
			    "%s%s", k++ == 0 ? "" : k == n ? _(" and ") : ", ",
			    st->fields[i].name);
	return buf;
}

/* A new case like an open one: said, with how to cancel it. */
static void
warn_similar(struct aduan_store *store, const struct aduan_sop *sop,
    const char *id)
{
	const struct aduan_cancel *k = NULL;
	char other[ADUAN_ID_MAX + 1];
	struct aduan_err err;
	int i;

	if (aduan_record_similar(store, sop, id, other, &err) != 1)
		return;
	for (i = 0; i < aduan_sop_ncancels(sop) && k == NULL; i++)
		if (aduan_sop_cancel_at(sop, i)->duplicate)
			k = aduan_sop_cancel_at(sop, i);
	if (k != NULL)
		cli_warn(_("%s: warning: the open case %s has the same %s; if "
		    "it is the same complaint, cancel this one: aduan close %s "
		    "--batal %s"), id, other, similar_fields(sop), id,
		    k->outcome);
	else
		cli_warn(_("%s: warning: the open case %s has the same %s; it "
		    "may be the same complaint"), id, other,
		    similar_fields(sop));
}

static void
print_recorded(const struct aduan_recorded *r, const char *by)
{
	const struct aduan_sop *sop = r->sop;
	long utcoff = aduan_cal_utcoff(aduan_sop_cal(sop));
	const struct aduan_step *st;
	char t[32], hint[512];
	int i;

	fmt_time(r->happened, utcoff, t);
	for (i = 0; r->cancelled && i < r->nsteps; i++) {
		st = aduan_sop_step(sop, r->steps[i]);
		cli_warn(_("%s: cancelled (%s) while it waited for step %d "
		    "(%s), recorded at %s by %s"), r->id, r->outcome, st->no,
		    st->nama, t, by);
	}
	for (i = 0; r->corrected && i < r->nsteps; i++) {
		st = aduan_sop_step(sop, r->steps[i]);
		cli_warn(_("%s: corrected step %d (%s) at %s by %s; the old "
		    "values stay in the log"), r->id, st->no, st->nama, t,
		    by);
	}
	if (r->corrected)
		return;
	for (i = 0; !r->cancelled && i < r->nsteps; i++) {
		st = aduan_sop_step(sop, r->steps[i]);
		cli_warn(r->adjourned ? _("%s: adjourned step %d (%s), "
		    "recorded at %s by %s") : _("%s: recorded step %d (%s) at "
		    "%s by %s"), r->id, st->no, st->nama, t, by);
	}
	if (r->next == 0) {
		cli_warn(_("%s: closed: %s"), r->id, r->outcome);
		return;
	}
	st = aduan_sop_step(sop, r->next);
	cli_warn(_("%s: next: step %d (%s), %s: %s"), r->id, st->no,
	    st->nama, st->pelaksana->singkat, cli_step_hint(sop, st->no, r->id,
	    hint, sizeof(hint)));
}

/* Read the options into req and kv; -1 to go on, or the exit status. */
static int
parse(const struct cli_recorder *rc, const struct optset *o, int argc,
    char **argv, struct aduan_request *req, struct aduan_kv *kv,
    const char **dir, const char **by, int *quiet, const char *sopfile)
{
	char *end;
	long v;
	int ch, seen[OPT_FIELD] = { 0 };

	while ((ch = getopt_long(argc, argv, "D:hqV", o->opt, NULL)) != -1) {
		/* A mechanics option given twice would hide which one counts. */
		if (ch < OPT_FIELD && ch != 'h' && ch != 'q' && ch != 'V' &&
		    ch != '?' && seen[ch]++)
			return cli_usage_error(_("--%s: given more than once"),
			    ch == 'D' ? "data-dir" : ch == OPT_AT ? "at" :
			    ch == OPT_BY ? "by" : ch == OPT_SOP ? "sop" :
			    ch == OPT_STEP ? "step" : ch == OPT_ULANG ? "ulang" :
			    ch == OPT_TUNDA ? "tunda" : ch == OPT_BATAL ?
			    "batal" : "alasan");
		switch (ch) {
		case 'D':
			*dir = optarg;
			continue;
		case 'h':
			help(rc, o, sopfile);
			return ADUAN_EXIT_OK;
		case 'q':
			*quiet = 1;
			continue;
		case 'V':
			return cli_version();
		case OPT_AT:
			req->at = optarg;
			continue;
		case OPT_BY:
			*by = optarg;
			continue;
		case OPT_SOP:
			continue;
		case OPT_STEP:
			errno = 0;
			v = strtol(optarg, &end, 10);
			if (errno || *end != '\0' || v < 1 || v > 999)
				return cli_usage_error(_("--step: '%s' is not a "
				    "step number"), optarg);
			req->step = (int)v;
			continue;
		case OPT_ULANG:
			req->again = 1;
			continue;
		case OPT_TUNDA:
			req->adjourn = 1;
			continue;
		case OPT_BATAL:
			req->cancel = optarg;
			continue;
		case OPT_ALASAN:
			req->correct = optarg;
			continue;
		case '?':
			fprintf(stderr, _("%s: try '%s --help'\n"), cli_prog(),
			    cli_prog());
			return ADUAN_EXIT_USAGE;
		}
		if (req->nopts == ADUAN_KV_MAX)
			return cli_usage_error(_("too many options"));
		kv[req->nopts].key = o->field[ch - OPT_FIELD]->name;
		kv[req->nopts++].val = optarg ? optarg : "";
	}
	return -1;
}

/*
 * The office's code from kantor.yaml beside the SOP, set on the store: 0
 * (no file is no code), or the status after a message for a file at
 * fault.
 */
static int
office_code(const struct aduan_sop *sop, struct aduan_store *store)
{
	struct aduan_letters *L;
	struct aduan_err err;
	int r = 0;

	if ((L = aduan_office_load(sop, NULL, &err)) == NULL)
		return err.line == 0 && access(err.file, F_OK) == -1 ? 0 :
		    cli_fail(&err);
	if (aduan_store_office(store, aduan_letters_office(L,
	    ADUAN_OFFICE_KODE), &err) == -1)
		r = cli_fail(&err);
	aduan_letters_free(L);
	return r;
}

int
cli_record_main(const struct cli_recorder *rc, int argc, char **argv)
{
	static struct optset o;
	struct aduan_kv kv[ADUAN_KV_MAX];
	struct aduan_request req;
	struct aduan_recorded out;
	struct aduan_store *store = NULL;
	struct aduan_sop *sop;
	struct aduan_err err;
	const char *dir = NULL, *by = NULL, *sopfile;
	char *in = NULL, *answers[ADUAN_KV_MAX];
	int quiet = 0, status = 0, takes_id, i, nans = 0, rounds = 0, r = -1;

	cli_init(argc, argv);
	memset(&req, 0, sizeof(req));
	req.command = rc->command;
	req.opts = kv;
	takes_id = strcmp(rc->command, "new") != 0;
	sopfile = cli_sop_path(find_sop(argc, argv));
	if ((sop = cli_load_sop(sopfile, &status)) == NULL)
		return cli_finish(status);
	build_options(&o, sop, rc);
	if ((status = parse(rc, &o, argc, argv, &req, kv, &dir, &by, &quiet,
	    sopfile)) != -1)
		goto out;
	status = 0;
	argc -= optind;
	argv += optind;
	if (takes_id && argc == 0)
		status = cli_usage_error(_("which case? give its ID, e.g. "
		    "2026-0042"));
	else if (argc > takes_id)
		status = cli_usage_error(_("unexpected argument '%s'"),
		    argv[takes_id]);
	else if (takes_id && aduan_id_check(argv[0], &err) == -1)
		status = cli_fail(&err);
	else if (req.again && req.adjourn)
		status = cli_usage_error(_("--ulang and --tunda do not go "
		    "together"));
	else if (rc->correct && req.correct == NULL)
		status = cli_usage_error(_("--alasan: say why the record is "
		    "corrected, such as --alasan \"salah ketik\""));
	else if (req.cancel && (req.again || req.adjourn || req.step))
		status = cli_usage_error(_("--batal closes the case: it does not "
		    "go with --ulang, --tunda or --step"));
	if (status != 0 || (status = read_dashes(&o, &req, kv, &in)) != 0)
		goto out;
	if (in == NULL && rc->stdin_field != NULL && !isatty(0)) {
		for (i = 0; i < req.nopts && strcmp(kv[i].key,
		    rc->stdin_field); i++)
			;
		if (i == req.nopts && req.nopts < ADUAN_KV_MAX) {
			if ((in = read_stdin(ADUAN_VALUE_MAX)) == NULL) {
				status = cli_usage_error(_("standard input: too "
				    "long or unreadable (at most %d bytes)"),
				    ADUAN_VALUE_MAX);
				goto out;
			}
			if (in[0] != '\0') {
				kv[req.nopts].key = rc->stdin_field;
				kv[req.nopts++].val = in;
			}
		}
	}
	req.id = takes_id ? argv[0] : NULL;
	req.by = cli_user(by);
	if ((status = cli_now(aduan_cal_utcoff(aduan_sop_cal(sop)),
	    &req.now)) != 0)
		goto out;
	req.clock = time(NULL);
	req.drill = cli_drill();
	store = aduan_store_open(cli_data_dir(dir), !takes_id,
	    cli_lock_wait(), &err);
	/* A new case takes the office's code, when kantor.yaml gives one. */
	if (store != NULL && !takes_id && (status = office_code(sop,
	    store)) != 0)
		goto out;
	while (store != NULL && (r = aduan_record(store, sop, &req, &out,
	    &err)) == -1 && rounds++ < 4 && ask_missing(&err, &req, kv,
	    answers, &nans))
		aduan_err_clear(&err);
	if (store == NULL || r == -1)
		status = cli_fail(&err);
	else {
		if (!takes_id)
			printf("%s\n", out.id);
		if (!quiet)
			print_recorded(&out, req.by);
		if (!takes_id && !quiet)
			warn_similar(store, sop, out.id);
	}
out:
	aduan_store_close(store);
	aduan_sop_free(sop);
	free(in);
	while (nans > 0)
		free(answers[--nans]);
	return cli_finish(status);
}
