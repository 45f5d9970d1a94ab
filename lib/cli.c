/*
 * cli.c - what every command needs around the core: its name, safe file
 * descriptors, the message catalog, the environment, diagnostics, exit
 * codes and a checked stdout.  Only cmd/ calls this file; the rest of
 * libaduan never prints, exits or reads the environment.
 *
 * Default paths: a command run from the source tree (its binary in
 * ADUAN_SRCDIR/cmd) uses the tree's sop/ and data/; an installed one uses
 * the directories compiled in by the Makefile.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <locale.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aduan.h"

#ifndef ADUAN_SRCDIR
#define ADUAN_SRCDIR "."
#endif
#ifndef ADUAN_SOPDIR
#define ADUAN_SOPDIR "/usr/local/share/aduan/sop"
#endif
#ifndef ADUAN_STATEDIR
#define ADUAN_STATEDIR "/usr/local/var/lib/aduan"
#endif
#ifndef ADUAN_LOCALEDIR
#define ADUAN_LOCALEDIR "/usr/local/share/locale"
#endif

#define SOP_FILE "kranggan.yaml"

static const char *progname = "aduan";

static int in_source_tree(void);

const char *
aduan_cli_init(int argc, char **argv)
{
	const char *slash;
	int fd;

	(void)argc;
	if (argv != NULL && argv[0] != NULL && argv[0][0] != '\0') {
		slash = strrchr(argv[0], '/');
		progname = slash ? slash + 1 : argv[0];
	}
	/* A closed 0, 1 or 2 would let a log file take its number. */
	while ((fd = open("/dev/null", O_RDWR)) >= 0 && fd <= 2)
		;
	if (fd > 2)
		close(fd);
	umask(007);
	/* Past a file-size limit, write fails with EFBIG instead of killing. */
	signal(SIGXFSZ, SIG_IGN);
	setlocale(LC_ALL, "");
#ifdef ENABLE_NLS
	/* From the source tree, the catalogs make builds in po/locale. */
	bindtextdomain("aduan", in_source_tree() ? ADUAN_SRCDIR "/po/locale" :
	    ADUAN_LOCALEDIR);
	textdomain("aduan");
#endif
	return progname;
}

const char *
aduan_cli_prog(void)
{
	return progname;
}

void
aduan_cli_warn(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int
aduan_cli_fail(const struct aduan_err *e)
{
	char buf[2048];

	aduan_cli_warn("%s", aduan_err_str(e, buf, sizeof(buf)));
	return e->cat == ADUAN_E_NONE ? ADUAN_EXIT_IO : (int)e->cat;
}

int
aduan_cli_usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
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
aduan_cli_sop_path(const char *opt)
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
aduan_cli_data_dir(const char *opt)
{
	const char *env;

	if (opt != NULL && opt[0] != '\0')
		return opt;
	if ((env = getenv("ADUAN_DIR")) != NULL && env[0] != '\0')
		return env;
	return in_source_tree() ? ADUAN_SRCDIR "/data" : ADUAN_STATEDIR;
}

int
aduan_cli_lock_wait(void)
{
	const char *env = getenv("ADUAN_LOCK_WAIT");
	char *end;
	long v;

	if (env == NULL || env[0] == '\0')
		return 10;
	errno = 0;
	v = strtol(env, &end, 10);
	if (errno != 0 || *end != '\0' || v < 0 || v > 3600) {
		aduan_cli_warn(_("ADUAN_LOCK_WAIT: '%s' is not a number of "
		    "seconds from 0 to 3600; using 10"), env);
		return 10;
	}
	return (int)v;
}

const char *
aduan_cli_user(const char *opt)
{
	const char *env;
	struct passwd *pw;

	if (opt != NULL && opt[0] != '\0')
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
aduan_cli_now(long utcoff, time_t *now)
{
	const char *env = getenv("ADUAN_NOW");
	struct aduan_err err;

	if (env == NULL || env[0] == '\0') {
		*now = time(NULL);
		return 0;
	}
	if (aduan_time_parse(env, utcoff, now, &err) == -1) {
		aduan_cli_warn("ADUAN_NOW: %s", err.msg);
		return ADUAN_EXIT_CONFIG;
	}
	return 0;
}

struct aduan_sop *
aduan_cli_load_sop(const char *opt)
{
	struct aduan_err err;
	struct aduan_sop *sop;

	if ((sop = aduan_sop_load(aduan_cli_sop_path(opt), &err)) == NULL)
		exit(aduan_cli_fail(&err));
	return sop;
}

int
aduan_cli_finish(int status)
{
	if (fflush(stdout) == EOF || ferror(stdout) || fclose(stdout) == EOF) {
		aduan_cli_warn(_("cannot write the output: %s"),
		    strerror(errno ? errno : EIO));
		return status == ADUAN_EXIT_OK || status == ADUAN_EXIT_ANSWER ?
		    ADUAN_EXIT_IO : status;
	}
	return status;
}

int
aduan_cli_version(void)
{
	printf("%s (aduan) %s\n", progname, ADUAN_VERSION);
	return ADUAN_EXIT_OK;
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

enum {
	OPT_AT = 256, OPT_BY, OPT_SOP, OPT_STEP, OPT_ULANG, OPT_TUNDA,
	OPT_ALASAN, OPT_FIELD
};

static void
print_recorded(const struct aduan_recorded *r, const char *by)
{
	const struct aduan_sop *sop = r->sop;
	long utcoff = aduan_cal_utcoff(aduan_sop_cal(sop));
	const struct aduan_step *st;
	char t[32], hint[512];
	int i;

	aduan_time_fmt(r->happened, utcoff, t);
	t[16] = '\0';
	t[10] = ' ';
	for (i = 0; i < r->nsteps; i++) {
		st = aduan_sop_step(sop, r->steps[i]);
		aduan_cli_warn(r->adjourned ? _("%s: adjourned step %d (%s), "
		    "recorded at %s by %s") : _("%s: recorded step %d (%s) at "
		    "%s by %s"), r->id, st->no, st->output, t, by);
	}
	if (r->next == 0) {
		aduan_cli_warn(_("%s: closed: %s"), r->id, r->outcome);
		return;
	}
	st = aduan_sop_step(sop, r->next);
	aduan_cli_warn(_("%s: next: step %d (%s), %s: %s"), r->id, st->no,
	    st->output, st->pelaksana->id, aduan_step_hint(sop, st->no, r->id,
	    hint, sizeof(hint)));
}

int
aduan_cli_record_main(const struct aduan_cli_recorder *rc, int argc,
    char **argv)
{
	static const struct option common[] = {
		{ "at", required_argument, NULL, OPT_AT },
		{ "by", required_argument, NULL, OPT_BY },
		{ "data-dir", required_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "sop", required_argument, NULL, OPT_SOP },
		{ "step", required_argument, NULL, OPT_STEP },
		{ "version", no_argument, NULL, 'V' },
	};
	struct option opts[40];
	struct aduan_kv kv[ADUAN_KV_MAX];
	struct aduan_request req;
	struct aduan_recorded out;
	struct aduan_store *store;
	struct aduan_sop *sop;
	struct aduan_err err;
	const char *dir = NULL, *sopfile = NULL, *by = NULL;
	char *in = NULL, *end;
	int ch, n = 0, i, quiet = 0, status;
	long v;

	aduan_cli_init(argc, argv);
	memset(&req, 0, sizeof(req));
	memcpy(opts, common, sizeof(common));
	n = (int)(sizeof(common) / sizeof(common[0]));
	for (i = 0; rc->fields[i] != NULL; i++) {
		opts[n].name = rc->fields[i] + (rc->fields[i][0] == '!');
		opts[n].has_arg = rc->fields[i][0] == '!' ? no_argument :
		    required_argument;
		opts[n].flag = NULL;
		opts[n++].val = OPT_FIELD + i;
	}
	if (rc->ulang)
		opts[n++] = (struct option){ "ulang", no_argument, NULL,
		    OPT_ULANG };
	if (rc->tunda)
		opts[n++] = (struct option){ "tunda", no_argument, NULL,
		    OPT_TUNDA };
	if (rc->ulang || rc->tunda)
		opts[n++] = (struct option){ "alasan", required_argument,
		    NULL, OPT_ALASAN };
	opts[n] = (struct option){ NULL, 0, NULL, 0 };
	req.command = rc->command;
	n = 0;
	while ((ch = getopt_long(argc, argv, "D:hqV", opts, NULL)) != -1) {
		switch (ch) {
		case 'D':
			dir = optarg;
			continue;
		case 'h':
			printf(_(rc->usage), aduan_cli_prog());
			return aduan_cli_finish(ADUAN_EXIT_OK);
		case 'q':
			quiet = 1;
			continue;
		case 'V':
			return aduan_cli_finish(aduan_cli_version());
		case OPT_AT:
			req.at = optarg;
			continue;
		case OPT_BY:
			by = optarg;
			continue;
		case OPT_SOP:
			sopfile = optarg;
			continue;
		case OPT_STEP:
			errno = 0;
			v = strtol(optarg, &end, 10);
			if (errno || *end != '\0' || v < 1 || v > 999)
				return aduan_cli_usage_error(_("--step: '%s' is "
				    "not a step number"), optarg);
			req.step = (int)v;
			continue;
		case OPT_ULANG:
			req.again = 1;
			continue;
		case OPT_TUNDA:
			req.adjourn = 1;
			continue;
		case '?':
			fprintf(stderr, _("%s: try '%s --help'\n"),
			    aduan_cli_prog(), aduan_cli_prog());
			return ADUAN_EXIT_USAGE;
		}
		if (n == ADUAN_KV_MAX)
			return aduan_cli_usage_error(_("too many options"));
		kv[n].key = ch == OPT_ALASAN ? "alasan" :
		    rc->fields[ch - OPT_FIELD] + (rc->fields[ch -
		    OPT_FIELD][0] == '!');
		kv[n++].val = optarg ? optarg : "";
	}
	argc -= optind;
	argv += optind;
	if (rc->takes_id && argc == 0)
		return aduan_cli_usage_error(_("which case? give its ID, e.g. "
		    "2026-0042"));
	if (argc > rc->takes_id)
		return aduan_cli_usage_error(_("unexpected argument '%s'"),
		    argv[rc->takes_id]);
	if (rc->takes_id && aduan_id_check(argv[0], &err) == -1)
		return aduan_cli_fail(&err);
	if (req.again && req.adjourn)
		return aduan_cli_usage_error(_("--ulang and --tunda do not go "
		    "together"));
	if (rc->stdin_field != NULL && !isatty(0)) {
		for (i = 0; i < n && strcmp(kv[i].key, rc->stdin_field); i++)
			;
		if (i == n && n < ADUAN_KV_MAX) {
			if ((in = read_stdin(ADUAN_VALUE_MAX)) == NULL)
				return aduan_cli_usage_error(_("standard input: "
				    "too long or unreadable (at most %d "
				    "bytes)"), ADUAN_VALUE_MAX);
			if (in[0] != '\0') {
				kv[n].key = rc->stdin_field;
				kv[n++].val = in;
			}
		}
	}
	req.id = rc->takes_id ? argv[0] : NULL;
	req.opts = kv;
	req.nopts = n;
	req.by = aduan_cli_user(by);
	sop = aduan_cli_load_sop(sopfile);
	if ((status = aduan_cli_now(aduan_cal_utcoff(aduan_sop_cal(sop)),
	    &req.now)) != 0)
		goto out;
	store = aduan_store_open(aduan_cli_data_dir(dir), !rc->takes_id,
	    aduan_cli_lock_wait(), &err);
	if (store == NULL || aduan_record(store, sop, &req, &out, &err) == -1)
		status = aduan_cli_fail(&err);
	else {
		if (!rc->takes_id)
			printf("%s\n", out.id);
		if (!quiet)
			print_recorded(&out, req.by);
	}
	aduan_store_close(store);
out:
	aduan_sop_free(sop);
	free(in);
	return aduan_cli_finish(status);
}

int
aduan_cli_opt(int ch, struct aduan_cli_opts *o)
{
	switch (ch) {
	case 'D':
		o->dir = optarg;
		return -1;
	case 's':
		o->sop = optarg;
		return -1;
	case 'q':
		o->quiet = 1;
		return -1;
	case 'f':
		if ((o->formats & ADUAN_FMT_TEXT) && strcmp(optarg, "text") == 0)
			o->fmt = 't';
		else if ((o->formats & ADUAN_FMT_JSON) &&
		    strcmp(optarg, "json") == 0)
			o->fmt = 'j';
		else if ((o->formats & ADUAN_FMT_TSV) &&
		    strcmp(optarg, "tsv") == 0)
			o->fmt = 's';
		else
			return aduan_cli_usage_error(
			    !(o->formats & ADUAN_FMT_TSV) ?
			    _("--format: '%s' is not text or json") :
			    !(o->formats & ADUAN_FMT_JSON) ?
			    _("--format: '%s' is not text or tsv") :
			    _("--format: '%s' is not text, json or tsv"),
			    optarg);
		return -1;
	case 'h':
		o->usage(stdout);
		return aduan_cli_finish(ADUAN_EXIT_OK);
	case 'V':
		return aduan_cli_finish(aduan_cli_version());
	default:
		o->usage(stderr);
		return ADUAN_EXIT_USAGE;
	}
}

int
aduan_cli_open(const struct aduan_cli_opts *o, struct aduan_sop **sop,
    time_t *now, struct aduan_store **store)
{
	struct aduan_err err;
	int status;

	*store = NULL;
	*sop = aduan_cli_load_sop(o->sop);
	if ((status = aduan_cli_now(aduan_cal_utcoff(aduan_sop_cal(*sop)),
	    now)) != 0)
		return status;
	if ((*store = aduan_store_open(aduan_cli_data_dir(o->dir), 0,
	    aduan_cli_lock_wait(), &err)) == NULL)
		return aduan_cli_fail(&err);
	return 0;
}

void
aduan_cli_warn_torn(const char *id, long long off, long long len)
{
	aduan_cli_warn(_("%s: warning: the log ends in %lld bytes at byte %lld "
	    "left by a write that did not finish; they are not an event, and "
	    "the next recording on this case seals them in place"), id, len,
	    off);
}
