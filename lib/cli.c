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
#include <locale.h>
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
#ifndef ADUAN_LOCALEDIR
#define ADUAN_LOCALEDIR "/usr/local/share/locale"
#endif

#define SOP_FILE "kranggan.yaml"

static const char *progname = "aduan";

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
	setlocale(LC_ALL, "");
#ifdef ENABLE_NLS
	bindtextdomain("aduan", ADUAN_LOCALEDIR);
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

void
aduan_cli_json_str(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (s == NULL) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	for (; *p != '\0'; p++)
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", f);
		else if (*p == '\t')
			fputs("\\t", f);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);
	fputc('"', f);
}

/* Bytes of s that fit in width columns, breaking after a space. */
static size_t
wrap_len(const char *s, int width)
{
	size_t i, brk = 0;
	int cols = 0;

	for (i = 0; s[i] != '\0'; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			cols++;
		if (cols > width)
			return brk ? brk : i;
		if (s[i] == ' ')
			brk = i + 1;
	}
	return i;
}

int
aduan_cli_wrap(const char *s, int width, const char **lines, size_t *lens,
    int max)
{
	int n = 0;

	while (*s != '\0' && n < max) {
		size_t len = wrap_len(s, width), l;

		if (len == 0)
			len = 1;
		for (l = len; l > 0 && s[l - 1] == ' '; l--)
			;
		lines[n] = s;
		lens[n++] = l;
		for (s += len; *s == ' '; s++)
			;
	}
	return n;
}
