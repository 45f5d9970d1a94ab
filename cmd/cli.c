/*
 * cli.c - what every command needs around the core: its name, safe file
 * descriptors, the message catalog, the environment, diagnostics (the
 * core's errors said with what to do, in the commands' words), exit codes
 * and a checked stdout.
 *
 * Default paths: a command run from the source tree (its binary in
 * ADUAN_SRCDIR/cmd) uses the tree's sop/ and data/; an installed one uses
 * the directories compiled in by the Makefile.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#ifndef ADUAN_SRCDIR
#define ADUAN_SRCDIR "."
#endif
#ifndef ADUAN_SOPDIR
#define ADUAN_SOPDIR "/usr/local/share/aduan/sop"
#endif
#ifndef ADUAN_STATEDIR
#define ADUAN_STATEDIR "/var/lib/aduan"
#endif
#ifndef ADUAN_LOCALEDIR
#define ADUAN_LOCALEDIR "/usr/local/share/locale"
#endif

#define SOP_FILE "kranggan.yaml"

static const char *progname = "aduan";

static int in_source_tree(void);

/* The standard error stream the commands write to, cleaned, behind it. */
static FILE *raw_err;

/*
 * Writes to stderr, cleaned line by line (fmt_clean): whatever writes
 * there, getopt's messages included, never sends a terminal a raw
 * control character.
 */
static ssize_t
clean_write(void *cookie, const char *buf, size_t n)
{
	char line[4096];
	size_t i = 0, k;

	(void)cookie;
	while (i < n) {
		for (k = 0; i + k < n && buf[i + k] != '\n' &&
		    k < sizeof(line) - 1; k++)
			line[k] = buf[i + k];
		line[k] = '\0';
		fmt_clean(raw_err, line);
		i += k;
		if (i < n && buf[i] == '\n') {
			fputc('\n', raw_err);
			i++;
		}
	}
	fflush(raw_err);
	return (ssize_t)n;
}

/*
 * The caches' folder, the user's (aduan(1), ENVIRONMENT): under
 * XDG_CACHE_HOME, else ~/.cache; none when neither is an absolute path.
 */
static void
cache_enable(void)
{
	const char *x = getenv("XDG_CACHE_HOME"), *h = getenv("HOME");
	char dir[PATH_MAX];

	if (x != NULL && x[0] == '/')
		aduan_cache_enable(x);
	else if (h != NULL && h[0] == '/' && snprintf(dir, sizeof(dir),
	    "%s/.cache", h) < (int)sizeof(dir))
		aduan_cache_enable(dir);
}

/* At exit: the cleaning stream and the one behind it closed. */
static void
close_err(void)
{
	if (raw_err == NULL)
		return;
	fclose(stderr);
	fclose(raw_err);
	raw_err = NULL;
}

const char *
cli_init(int argc, char **argv)
{
	static int done;
	const char *slash;
	int fd;

	(void)argc;
	if (argv != NULL && argv[0] != NULL && argv[0][0] != '\0') {
		slash = strrchr(argv[0], '/');
		progname = slash ? slash + 1 : argv[0];
	}
	/* A built-in command run by aduan: set up once, named anew. */
	if (done++)
		return progname;
	/* A closed 0, 1 or 2 would let a log file take its number. */
	while ((fd = open("/dev/null", O_RDWR)) >= 0 && fd <= 2)
		;
	if (fd > 2)
		close(fd);
	umask(007);
	/* Past a file-size limit, write fails with EFBIG instead of killing. */
	signal(SIGXFSZ, SIG_IGN);
	/*
	 * The language and the character set; numbers, times and the order
	 * of words stay the C locale's, the same for every script.
	 */
	setlocale(LC_CTYPE, "");
	setlocale(LC_MESSAGES, "");
	cache_enable();
	aduan_tmpdir(getenv("TMPDIR"));
	if ((fd = dup(2)) >= 0 && (raw_err = fdopen(fd, "w")) != NULL) {
		FILE *f = fopencookie(NULL, "w", (cookie_io_functions_t){
		    .write = clean_write });

		if (f != NULL) {
			setvbuf(f, NULL, _IOLBF, 4096);
			stderr = f;
			atexit(close_err);
		} else {
			fclose(raw_err);
			raw_err = NULL;
		}
	}
#ifdef ENABLE_NLS
	/* From the source tree, the catalogs make builds in po/locale. */
	bindtextdomain("aduan", in_source_tree() ? ADUAN_SRCDIR "/po/locale" :
	    ADUAN_LOCALEDIR);
	textdomain("aduan");
#endif
	return progname;
}

const char *
cli_prog(void)
{
	return progname;
}

const char *
cli_page(void)
{
	static char page[64];
	size_t i;

	for (i = 0; progname[i] != '\0' && i + 1 < sizeof(page); i++)
		page[i] = progname[i] == ' ' ? '-' : progname[i];
	page[i] = '\0';
	return page;
}

/*
 * "prog: message" without the end of the line, cleaned of anything that
 * would act on a terminal: arguments are echoed, and may hold anything.
 */
static void
vsay(const char *fmt, va_list ap)
{
	char buf[4096];

	vsnprintf(buf, sizeof(buf), fmt, ap);
	fprintf(stderr, "%s: ", progname);
	fmt_clean(stderr, buf);
}

void
cli_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* The field called name that step no records, done, again or adjourned. */
static const struct aduan_field *
hint_field(const struct aduan_sop *sop, int no, const char *name)
{
	const struct aduan_step *st = sop ? aduan_sop_step(sop, no) : NULL;

	return st ? aduan_step_any_field(st, name) : NULL;
}

/*
 * The field called name of step no, or of any step of its command (a run
 * of steps misses fields of the later ones too), or NULL.
 */
static const struct aduan_field *
missing_field(const struct aduan_sop *sop, int no, const char *name)
{
	const struct aduan_step *st = aduan_sop_step(sop, no), *o;
	const struct aduan_field *f;
	int i;

	if ((f = hint_field(sop, no, name)) != NULL || st == NULL)
		return f;
	for (i = 0; i < aduan_sop_nsteps(sop); i++) {
		o = aduan_sop_step_at(sop, i);
		if (strcmp(o->command, st->command) == 0 &&
		    (f = hint_field(sop, o->no, name)) != NULL)
			return f;
	}
	return NULL;
}

int
cli_missing(const struct aduan_err *e, const struct aduan_field **out,
    int max)
{
	char names[sizeof(e->field)], *p, *save = NULL;
	int n = 0;

	if (e->hint != ADUAN_HINT_MISSING)
		return 0;
	snprintf(names, sizeof(names), "%s", e->field);
	for (p = strtok_r(names, " ", &save); p != NULL && n < max;
	    p = strtok_r(NULL, " ", &save))
		if ((out[n] = missing_field(e->sop, e->step, p)) == NULL)
			return 0;
		else
			n++;
	return n;
}

/*
 * "step 1 (Aduan diterima Camat) needs --pelapor PELAPOR (Nama pelapor)
 * and --isi ISI (Isi aduan)": every field missing, at once.
 */
static void
say_missing(FILE *f, const struct aduan_err *e)
{
	const struct aduan_step *st = aduan_sop_step(e->sop, e->step);
	const struct aduan_field *fld[ADUAN_KV_MAX];
	char mv[256];
	int n, k;

	if (st == NULL || (n = cli_missing(e, fld, ADUAN_KV_MAX)) == 0) {
		fputs(e->msg, f);
		return;
	}
	fprintf(f, _("step %d (%s) needs "), st->no, st->nama);
	for (k = 0; k < n; k++) {
		if (k > 0)
			fputs(k == n - 1 ? _(" and ") : ", ", f);
		fprintf(f, "--%s", fld[k]->name);
		if (fld[k]->type != ADUAN_FIELD_FLAG)
			fprintf(f, " %s", cli_metavar(fld[k], mv, sizeof(mv)));
		if (fld[k]->label != NULL)
			fprintf(f, " (%s)", fld[k]->label);
	}
	fputs(_("; nothing was recorded"), f);
}

int
cli_fail(const struct aduan_err *e)
{
	char hint[1024], *text = NULL;
	size_t len = 0;
	FILE *o;

	/* Composed whole, then written cleaned (see vsay). */
	if ((o = open_memstream(&text, &len)) == NULL)
		o = stderr;
	fprintf(o, "%s: ", progname);
	if (e->file[0] != '\0' && e->line > 0)
		fprintf(o, "%s:%d:%d: ", e->file, e->line, e->col);
	else if (e->file[0] != '\0')
		fprintf(o, "%s: ", e->file);
	if (e->id[0] != '\0')
		fprintf(o, "%s: ", e->id);
	if (e->hint == ADUAN_HINT_MISSING)
		say_missing(o, e);
	else {
		if (e->field[0] != '\0')
			fprintf(o, "--%s: ", e->field);
		fputs(e->msg, o);
	}
	switch (e->hint) {
	case ADUAN_HINT_STEP:
	case ADUAN_HINT_AGAIN:
		fprintf(o, _("; run: %s"), cli_step_hint(e->sop, e->step,
		    e->id[0] ? e->id : NULL, hint, sizeof(hint)));
		if (e->hint == ADUAN_HINT_AGAIN)
			fprintf(o, _("; to record step %d again (a new "
			    "summons), add --ulang"), e->again);
		break;
	case ADUAN_HINT_VERIFY:
		fprintf(o, _("; run 'aduan verify %s'"), e->id);
		break;
	case ADUAN_HINT_LIST:
		fprintf(o, _("; 'aduan list' shows the cases"));
		break;
	case ADUAN_HINT_DATADIR:
		fprintf(o, _("; it is made by 'aduan new'; set ADUAN_DIR "
		    "or -D to use another"));
		break;
	case ADUAN_HINT_REVISION:
		fprintf(o, _("; give that revision with --sop"));
		break;
	default:
		break;
	}
	if (o != stderr) {
		fclose(o);
		fmt_clean(stderr, text);
		free(text);
	}
	fputc('\n', stderr);
	return e->cat == ADUAN_E_NONE ? ADUAN_EXIT_IO : (int)e->cat;
}

int
cli_usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(fmt, ap);
	va_end(ap);
	fprintf(stderr, _("; try '%s --help'\n"), progname);
	return ADUAN_EXIT_USAGE;
}

/* Whether this binary runs from the source tree it was built in. */
static int
in_source_tree(void)
{
	static int answer = -1;
	char exe[4096], want[4096];
	ssize_t n;
	char *slash;

	if (answer >= 0)
		return answer;
	answer = 0;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return answer;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return answer;
	*slash = '\0';
	snprintf(want, sizeof(want), "%s/cmd", ADUAN_SRCDIR);
	answer = strcmp(exe, want) == 0;
	return answer;
}

const char *
cli_sop_path(const char *opt)
{
	static char path[4096];
	const char *env;

	if (opt != NULL)
		return opt;
	if ((env = getenv("ADUAN_SOP")) != NULL && env[0] != '\0')
		return env;
	snprintf(path, sizeof(path), "%s/" SOP_FILE, in_source_tree() ?
	    ADUAN_SRCDIR "/sop" : ADUAN_SOPDIR);
	return path;
}

const char *
cli_data_dir(const char *opt)
{
	const char *env;

	if (opt != NULL && opt[0] != '\0')
		return opt;
	if ((env = getenv("ADUAN_DIR")) != NULL && env[0] != '\0')
		return env;
	return in_source_tree() ? ADUAN_SRCDIR "/data" : ADUAN_STATEDIR;
}

const char *
cli_seal_dir(const char *opt, const char *data)
{
	static char path[4096];
	const char *env;
	size_t n;

	if (opt != NULL && opt[0] != '\0')
		return opt;
	if ((env = getenv("ADUAN_SEAL_DIR")) != NULL && env[0] != '\0')
		return env;
	snprintf(path, sizeof(path), "%s", cli_data_dir(data));
	for (n = strlen(path); n > 1 && path[n - 1] == '/'; n--)
		path[n - 1] = '\0';
	snprintf(path + strlen(path), sizeof(path) - strlen(path), "-seal");
	return path;
}

int
cli_lock_wait(void)
{
	const char *env = getenv("ADUAN_LOCK_WAIT");
	char *end;
	long v;

	if (env == NULL || env[0] == '\0')
		return 10;
	errno = 0;
	v = strtol(env, &end, 10);
	if (errno != 0 || *end != '\0' || v < 0 || v > 3600) {
		cli_warn(_("ADUAN_LOCK_WAIT: '%s' is not a number of "
		    "seconds from 0 to 3600; using 10"), env);
		return 10;
	}
	return (int)v;
}

const char *
cli_user(const char *opt)
{
	const char *env;
	struct passwd *pw;

	/* Given, even empty: then refused, not replaced by another name. */
	if (opt != NULL)
		return opt;
	if ((env = getenv("ADUAN_USER")) != NULL && env[0] != '\0')
		return env;
	if ((env = getlogin()) != NULL && env[0] != '\0')
		return env;
	if ((pw = getpwuid(getuid())) != NULL)
		return pw->pw_name;
	return "unknown";
}

int
cli_now(long utcoff, time_t *now)
{
	const char *env = getenv("ADUAN_NOW");
	struct aduan_err err;

	if (env == NULL || env[0] == '\0') {
		*now = time(NULL);
		return 0;
	}
	if (aduan_time_parse(env, utcoff, now, &err) == -1) {
		cli_warn("ADUAN_NOW: %s", err.msg);
		return ADUAN_EXIT_CONFIG;
	}
	return 0;
}

int
cli_drill(void)
{
	const char *env = getenv("ADUAN_NOW");

	return env != NULL && env[0] != '\0';
}

struct aduan_sop *
cli_load_sop(const char *opt, int *status)
{
	struct aduan_err err;
	struct aduan_sop *sop;

	if ((sop = aduan_sop_load(cli_sop_path(opt), &err)) == NULL)
		*status = cli_fail(&err);
	return sop;
}

int
cli_finish(int status)
{
	if (fflush(stdout) == EOF || ferror(stdout) || fclose(stdout) == EOF) {
		cli_warn(_("cannot write the output: %s"),
		    strerror(errno ? errno : EIO));
		return status == ADUAN_EXIT_OK || status == ADUAN_EXIT_ANSWER ?
		    ADUAN_EXIT_IO : status;
	}
	return status;
}

const char *
cli_version_string(void)
{
	return ADUAN_VERSION;
}

int
cli_version(void)
{
	printf("%s (aduan) %s\n", progname, ADUAN_VERSION);
	return ADUAN_EXIT_OK;
}

int
cli_opt(int ch, struct cli_opts *o)
{
	switch (ch) {
	case 'D':
		/* A reader takes several (cli_stores); the others the last. */
		o->dir = optarg;
		if (o->ndirs < 64)
			o->dirs[o->ndirs++] = optarg;
		return -1;
	case 's':
		o->sop = optarg;
		return -1;
	case 'q':
		o->quiet = 1;
		return -1;
	case 'f':
		if ((o->formats & CLI_FMT_TEXT) && strcmp(optarg, "text") == 0)
			o->fmt = 't';
		else if ((o->formats & CLI_FMT_JSON) &&
		    strcmp(optarg, "json") == 0)
			o->fmt = 'j';
		else if ((o->formats & CLI_FMT_TSV) &&
		    strcmp(optarg, "tsv") == 0)
			o->fmt = 's';
		else
			return cli_usage_error(
			    !(o->formats & CLI_FMT_TSV) ?
			    _("--format: '%s' is not text or json") :
			    !(o->formats & CLI_FMT_JSON) ?
			    _("--format: '%s' is not text or tsv") :
			    _("--format: '%s' is not text, json or tsv"),
			    optarg);
		return -1;
	case 'h':
		o->usage(stdout);
		if (o->help != NULL)
			cli_help(o->help);
		return cli_finish(ADUAN_EXIT_OK);
	case 'V':
		return cli_finish(cli_version());
	default:
		o->usage(stderr);
		return ADUAN_EXIT_USAGE;
	}
}

int
cli_open(const struct cli_opts *o, struct aduan_sop **sop,
    time_t *now, struct aduan_store **store)
{
	struct aduan_err err;
	int status;

	*store = NULL;
	*sop = NULL;
	if ((status = cli_one_dir(o)) != 0)
		return status;
	if ((*sop = cli_load_sop(o->sop, &status)) == NULL)
		return status;
	if ((status = cli_now(aduan_cal_utcoff(aduan_sop_cal(*sop)),
	    now)) != 0)
		return status;
	if ((*store = aduan_store_open(cli_data_dir(o->dir), 0,
	    cli_lock_wait(), &err)) == NULL)
		return cli_fail(&err);
	return 0;
}

void
cli_warn_torn(const char *id, long long off, long long len)
{
	cli_warn(_("%s: warning: the log ends in %lld bytes at byte %lld "
	    "left by a write that did not finish; they are not an event, and "
	    "the next recording on this case seals them in place"), id, len,
	    off);
}

const struct aduan_role *
cli_role(const struct aduan_sop *sop, const char *word, int *status)
{
	const struct aduan_role *r = aduan_sop_role_named(sop, word);
	char names[512] = "";
	int i, n = aduan_sop_nroles(sop);

	if (r != NULL)
		return r;
	for (i = 0; i < n; i++)
		snprintf(names + strlen(names), sizeof(names) - strlen(names),
		    "%s%s", i == 0 ? "" : i == n - 1 ? _(" or ") : ", ",
		    aduan_sop_role_at(sop, i)->singkat);
	*status = cli_usage_error(_("--role: '%s' is not a role of the SOP: "
	    "give %s"), word, names);
	return NULL;
}

const char *
cli_outcome(const struct aduan_sop *sop, const char *word)
{
	const struct aduan_step *st;
	int i;

	for (i = 0; i < aduan_sop_nsteps(sop); i++) {
		st = aduan_sop_step_at(sop, i);
		if (st->outcome != NULL && strcasecmp(st->outcome, word) == 0)
			return st->outcome;
	}
	return aduan_sop_cancel(sop, word) ? aduan_sop_cancel(sop,
	    word)->outcome : NULL;
}

const char *
cli_outcomes(const struct aduan_sop *sop, char *buf, size_t n)
{
	const struct aduan_step *st;
	int i;

	buf[0] = '\0';
	for (i = 0; i < aduan_sop_nsteps(sop); i++)
		if ((st = aduan_sop_step_at(sop, i))->outcome != NULL)
			snprintf(buf + strlen(buf), n - strlen(buf), "%s%s",
			    buf[0] ? ", " : "", st->outcome);
	for (i = 0; i < aduan_sop_ncancels(sop); i++)
		snprintf(buf + strlen(buf), n - strlen(buf), "%s%s",
		    buf[0] ? ", " : "", aduan_sop_cancel_at(sop, i)->outcome);
	return buf;
}

void
cli_help(const struct cli_help *h)
{
	int i;

	printf("\n%s\n", _(h->what));
	if (h->opts != NULL && h->opts[0][0] != NULL) {
		printf(_("\nOptions:\n"));
		for (i = 0; h->opts[i][0] != NULL; i++)
			if (strlen(h->opts[i][0]) < 24)
				printf("  %-24s %s\n", h->opts[i][0],
				    _(h->opts[i][1]));
			else
				printf("  %s\n  %-24s %s\n", h->opts[i][0], "",
				    _(h->opts[i][1]));
	}
	printf(_("\nExamples:\n"));
	for (i = 0; i < 2 && h->example[i] != NULL; i++)
		printf("  %s\n", _(h->example[i]));
}

int
cli_period(const struct aduan_sop *sop, const char *bulan, const char *dari,
    const char *sampai, struct aduan_filter *f)
{
	long off = aduan_cal_utcoff(aduan_sop_cal(sop));
	struct aduan_err err;
	time_t a, b;

	if (bulan != NULL && (dari != NULL || sampai != NULL))
		return cli_usage_error(_("--bulan is a period of its own: give "
		    "it, or --dari and --sampai, not both"));
	if (bulan != NULL) {
		if (aduan_period_read(bulan, off, &f->from, &f->to, &err) == -1)
			return cli_usage_error("--bulan: %s", err.msg);
		return 0;
	}
	if (dari != NULL) {
		if (aduan_period_read(dari, off, &a, &b, &err) == -1)
			return cli_usage_error("--dari: %s", err.msg);
		f->from = a;
	}
	if (sampai != NULL) {
		if (aduan_period_read(sampai, off, &a, &b, &err) == -1)
			return cli_usage_error("--sampai: %s", err.msg);
		f->to = b;
	}
	if (f->from && f->to && f->from >= f->to)
		return cli_usage_error(_("--sampai %s is before --dari %s: "
		    "nothing can be in between"), sampai, dari);
	return 0;
}

int
cli_kelurahan(const struct aduan_sop *sop, struct aduan_filter *f)
{
	const struct aduan_step *st = aduan_sop_step_at(sop, 0);
	const struct aduan_field *k = st ? aduan_step_field(st, "kelurahan") :
	    NULL;
	char names[1024] = "";
	int i;

	if (f->kelurahan == NULL || k == NULL || k->type != ADUAN_FIELD_CHOICE)
		return 0;
	for (i = 0; i < k->nchoices; i++)
		if (strcasecmp(k->choices[i], f->kelurahan) == 0) {
			f->kelurahan = k->choices[i];
			return 0;
		}
	for (i = 0; i < k->nchoices; i++)
		snprintf(names + strlen(names), sizeof(names) - strlen(names),
		    "%s%s", i == 0 ? "" : i == k->nchoices - 1 ? _(" or ") :
		    ", ", k->choices[i]);
	return cli_usage_error(_("--kelurahan: '%s' is not a kelurahan of the "
	    "SOP: give %s"), f->kelurahan, names);
}

int
cli_one_dir(const struct cli_opts *o)
{
	return o->ndirs > 1 ? cli_usage_error(_("-D: this command works on "
	    "one data directory; give -D once")) : 0;
}

/* Add the store at path, labelled, to the list: 0, or the status said. */
static int
add_store(struct cli_store **v, int *n, int *cap, const char *label,
    const char *path)
{
	struct cli_store *s;

	if (*n == *cap) {
		struct cli_store *p = realloc(*v, (size_t)(*cap = *cap ? *cap *
		    2 : 8) * sizeof(**v));

		if (p == NULL) {
			cli_warn(_("out of memory"));
			return ADUAN_EXIT_IO;
		}
		*v = p;
	}
	s = &(*v)[*n];
	snprintf(s->label, sizeof(s->label), "%s", label);
	snprintf(s->path, sizeof(s->path), "%s", path);
	/* Opened one at a time as it is read: a city has many offices. */
	s->st = NULL;
	(*n)++;
	return 0;
}

int
cli_store_open(struct cli_store *s)
{
	struct aduan_err err;

	if (s->st != NULL)
		return 0;
	if ((s->st = aduan_store_open(s->path, 0, cli_lock_wait(), &err)) ==
	    NULL)
		return cli_fail(&err);
	return 0;
}

void
cli_store_close(struct cli_store *s)
{
	aduan_store_close(s->st);
	s->st = NULL;
}

int
cli_stores(const struct cli_opts *o, struct cli_store **out, int *n,
    int *shown)
{
	struct cli_store *v = NULL;
	const char *one = cli_data_dir(NULL);
	int i, k, cap = 0, status = 0, nd = o->ndirs ? o->ndirs : 1;
	struct aduan_err err;

	*n = 0;
	*shown = nd > 1;
	for (i = 0; i < nd && status == 0; i++) {
		const char *d = o->ndirs ? o->dirs[i] : one;
		const char *base = strrchr(d, '/');
		char kota[4096], path[4096];
		struct aduan_city *c;

		snprintf(kota, sizeof(kota), "%s/kota.yaml", d);
		if (access(kota, F_OK) != 0) {
			status = add_store(&v, n, &cap, base && base[1] ? base +
			    1 : d, d);
			continue;
		}
		/* A city: each office's copy under it, by its code. */
		if ((c = aduan_city_load(kota, &err)) == NULL) {
			status = cli_fail(&err);
			break;
		}
		*shown = 1;
		for (k = 0; k < aduan_city_n(c) && status == 0; k++) {
			snprintf(path, sizeof(path), "%s/%s", d,
			    aduan_city_at(c, k)->kode);
			status = add_store(&v, n, &cap, aduan_city_at(c, k)->kode,
			    path);
		}
		aduan_city_free(c);
	}
	/* The first is open, for the commands of one data directory. */
	if (status == 0 && *n > 0)
		status = cli_store_open(&v[0]);
	if (status != 0) {
		cli_stores_close(v, *n);
		*n = 0;
		v = NULL;
	}
	*out = v;
	return status;
}

void
cli_stores_close(struct cli_store *v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		aduan_store_close(v[i].st);
	free(v);
}
