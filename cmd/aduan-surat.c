/*
 * aduan-surat - print a document the SOP names (a receipt, a summons, the
 * minutes of the deliberation, the legal-path letter, the agreement) from
 * a case, as an A4 PDF on the office's letterhead; each letter numbered
 * once and recorded in the case's log with the SHA-256 of the file.
 * Its own program, not built into aduan: it alone links cairo and pango.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"
#include "pdf.h"

enum { OPT_BY = 256, OPT_KANTOR, OPT_TEMPLAT, OPT_PIHAK, OPT_LIST };

static const char *const help_opts[][2] = {
	{ "-o, --output FILE", N_("write the PDF to FILE (- for standard "
	    "output); the default is ID-JENIS.pdf, or ID-JENIS-N.pdf for "
	    "the Nth party, in the current folder") },
	{ "--pihak N|NAMA", N_("of a letter made for each party: only the "
	    "Nth, or the one of that name") },
	{ "--list", N_("list the letters the templates define, and the step "
	    "each comes from") },
	{ "--by NAME", N_("who prints it, instead of ADUAN_USER or the login "
	    "name") },
	{ "--kantor FILE", N_("the office's configuration, instead of "
	    "kantor.yaml beside the SOP") },
	{ "--templat FILE", N_("the letter templates, instead of surat.yaml "
	    "beside the SOP") },
	CLI_HELP_QUIET,
	CLI_HELP_DIR,
	CLI_HELP_SOP,
	CLI_HELP_END
};
static const struct cli_help help = {
	.what = N_("Print a letter the SOP names from a case, as an A4 PDF on "
	    "the office's letterhead.  Its number is given once; printing it "
	    "again gives the same number and the same file, and the case's "
	    "log records the file's SHA-256, so that aduan verify --surat "
	    "tells a printed letter's case."),
	.opts = help_opts,
	.example = {
		"aduan surat panggilan 2026-0042",
		"aduan surat berita-acara 2026-0042 -o ba.pdf",
	},
};

static void
usage(FILE *f)
{
	fprintf(f, _("usage: %s [-hqV] [-o file] [--pihak n|name] [--by name] "
	    "[-D dir] [--sop file] [--kantor file] [--templat file] jenis "
	    "id\n       %s --list\n"), cli_prog(), cli_prog());
}

static void
list_kinds(const struct aduan_letters *L, const struct aduan_sop *sop)
{
	int i;

	for (i = 0; i < aduan_letters_n(L); i++) {
		const struct aduan_letter_kind *k = aduan_letters_at(L, i);
		const struct aduan_step *st = aduan_sop_step(sop, k->step);

		printf("%-16s %s (", k->jenis, k->nama);
		printf(_("step %d, %s"), k->step, st ? st->nama : "");
		if (k->untuk != NULL)
			printf(_("; one for each %s"), k->untuk);
		printf(")\n");
	}
}

/* The kinds, as "a, b or c", for a message. */
static const char *
kinds(const struct aduan_letters *L, char *buf, size_t n)
{
	int i, k = aduan_letters_n(L);

	buf[0] = '\0';
	for (i = 0; i < k; i++)
		snprintf(buf + strlen(buf), n - strlen(buf), "%s%s", i == 0 ?
		    "" : i == k - 1 ? _(" or ") : ", ",
		    aduan_letters_at(L, i)->jenis);
	return buf;
}

static int
write_stdout(const unsigned char *p, size_t n)
{
	return fwrite(p, 1, n, stdout) == n ? 0 : -1;
}

/* Which of the n letters --pihak names: its index, or -1 after a message. */
static int
pick(const char *want, const char **names, int n, const char *nama)
{
	char *end;
	long k = strtol(want, &end, 10);
	int i;

	if (names == NULL) {
		cli_usage_error(_("--pihak: %s is one letter, not one for each "
		    "party"), nama);
		return -1;
	}
	if (*want != '\0' && *end == '\0' && k >= 1 && k <= n)
		return (int)k - 1;
	for (i = 0; i < n; i++)
		if (strcasecmp(names[i], want) == 0)
			return i;
	cli_usage_error(_("--pihak: '%s' is not one of the %d parties of the "
	    "case; give a number from 1 to %d, or a name as recorded"), want,
	    n, n);
	return -1;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "pihak", required_argument, NULL, OPT_PIHAK },
		{ "list", no_argument, NULL, OPT_LIST },
		{ "by", required_argument, NULL, OPT_BY },
		{ "kantor", required_argument, NULL, OPT_KANTOR },
		{ "templat", required_argument, NULL, OPT_TEMPLAT },
		{ "data-dir", required_argument, NULL, 'D' },
		{ "sop", required_argument, NULL, 's' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_opts o = { .usage = usage, .help = &help };
	const char *output = NULL, *by = NULL, *kantor = NULL, *templat = NULL;
	const char *pihak = NULL, *names[ADUAN_LETTERS_MAX];
	const struct aduan_letter_kind *kind;
	struct aduan_letters *L = NULL;
	struct aduan_store *store = NULL;
	struct aduan_case *c = NULL;
	struct aduan_sop *sop = NULL;
	struct aduan_err err;
	time_t now;
	char buf[512];
	int ch, status = 0, list = 0, n, i, from = 0, to;

	cli_init(argc, argv);
	aduan_err_clear(&err);
	while ((ch = getopt_long(argc, argv, "o:D:qhV", longopts, NULL)) != -1)
		switch (ch) {
		case 'o':
			output = optarg;
			break;
		case OPT_PIHAK:
			pihak = optarg;
			break;
		case OPT_LIST:
			list = 1;
			break;
		case OPT_BY:
			by = optarg;
			break;
		case OPT_KANTOR:
			kantor = optarg;
			break;
		case OPT_TEMPLAT:
			templat = optarg;
			break;
		default:
			if ((status = cli_opt(ch, &o)) >= 0)
				return status;
		}
	argc -= optind;
	argv += optind;
	if (!list && argc != 2) {
		usage(stderr);
		return cli_usage_error(argc < 2 ? _("name the letter and the "
		    "case, as in: %s panggilan 2026-0042") : _("too many "
		    "arguments; one letter of one case, as in: %s panggilan "
		    "2026-0042"), cli_prog());
	}
	if (list && argc != 0)
		return cli_usage_error(_("--list takes no argument"));
	if ((status = cli_one_dir(&o)) != 0)
		return status;
	if ((sop = cli_load_sop(o.sop, &status)) == NULL)
		return cli_finish(status);
	if ((L = aduan_letters_load(sop, kantor, templat, &err)) == NULL) {
		status = cli_fail(&err);
		goto out;
	}
	if (list) {
		list_kinds(L, sop);
		goto out;
	}
	if ((kind = aduan_letters_kind(L, argv[0])) == NULL) {
		status = cli_usage_error(_("'%s' is not a letter of the "
		    "templates; say %s (see %s --list)"), argv[0],
		    kinds(L, buf, sizeof(buf)), cli_prog());
		goto out;
	}
	if (aduan_id_check(argv[1], &err) == -1) {
		status = cli_fail(&err);
		goto out;
	}
	if ((status = cli_now(aduan_cal_utcoff(aduan_sop_cal(sop)), &now)) != 0)
		goto out;
	if ((store = aduan_store_open(cli_data_dir(o.dir), 0, cli_lock_wait(),
	    &err)) == NULL || (c = aduan_case_load(store, sop, argv[1],
	    ADUAN_WRITE, &err)) == NULL) {
		status = cli_fail(&err);
		goto out;
	}
	if ((n = aduan_letter_count(L, c, kind, names, &err)) == -1) {
		status = cli_fail(&err);
		goto out;
	}
	if (n == 0) {
		cli_warn(_("%s: %s is made for each %s of step %d, and the case "
		    "has none"), argv[1], kind->nama, kind->untuk, kind->step);
		status = ADUAN_EXIT_REFUSED;
		goto out;
	}
	to = n;
	if (pihak != NULL) {
		if ((from = pick(pihak, kind->untuk ? names : NULL, n,
		    kind->nama)) == -1) {
			status = ADUAN_EXIT_USAGE;
			goto out;
		}
		to = from + 1;
	}
	if (output != NULL && to - from > 1) {
		status = cli_usage_error(_("%s of %s makes %d letters, one for "
		    "each %s: give --pihak to write one of them to %s"),
		    kind->nama, argv[1], n, kind->untuk, output);
		goto out;
	}
	for (i = from; i < to && status == 0; i++) {
		struct aduan_letter *l;
		const struct aduan_letter_view *v;
		unsigned char *pdf = NULL;
		char sha[65], iso[32], path[PATH_MAX];
		size_t len;
		int r;

		if ((l = aduan_letter_make(store, L, c, kind, i, now, &err)) ==
		    NULL) {
			status = cli_fail(&err);
			break;
		}
		v = aduan_letter_view(l);
		aduan_time_fmt(v->tanggal, aduan_cal_utcoff(aduan_sop_cal(sop)),
		    iso);
		if (pdf_letter(L, v, iso, &pdf, &len) == -1) {
			cli_warn(_("%s: the letter could not be drawn (cairo); "
			    "it is not recorded, and its number stays unused "
			    "in the register"), argv[1]);
			aduan_letter_free(l);
			status = ADUAN_EXIT_IO;
			break;
		}
		aduan_sha256(pdf, len, sha);
		if ((r = aduan_letter_record(c, l, sha, cli_user(by), now,
		    time(NULL), cli_drill(), &err)) == -1) {
			status = cli_fail(&err);
		} else {
			if (output != NULL)
				snprintf(path, sizeof(path), "%s", output);
			else if (kind->untuk != NULL)
				snprintf(path, sizeof(path), "%s-%s-%d.pdf",
				    argv[1], kind->jenis, i + 1);
			else
				snprintf(path, sizeof(path), "%s-%s.pdf",
				    argv[1], kind->jenis);
			if (strcmp(path, "-") == 0 ? write_stdout(pdf, len) :
			    pdf_save(path, pdf, len)) {
				cli_warn(_("%s: cannot write %s: %s; the letter "
				    "is recorded, and printing it again gives "
				    "the same file"), argv[1], path,
				    strerror(errno));
				status = ADUAN_EXIT_IO;
			} else {
				if (strcmp(path, "-") != 0)
					printf("%s\n", path);
				if (!o.quiet)
					fprintf(stderr, "%s: ", cli_prog());
				if (!o.quiet)
					fprintf(stderr, r == 0 ? _("%s: %s %s%s%s "
					    "printed again, the same file\n") :
					    r == 1 ? _("%s: %s %s%s%s numbered "
					    "and recorded\n") : _("%s: %s %s%s%s "
					    "printed again from changed data; "
					    "recorded as a new printing of the "
					    "same number\n"), argv[1],
					    kind->nama, v->nomor, v->untuk ?
					    _(" for ") : "", v->untuk ?
					    v->untuk : "");
			}
		}
		free(pdf);
		aduan_letter_free(l);
	}
out:
	aduan_case_free(c);
	aduan_store_close(store);
	aduan_letters_free(L);
	aduan_sop_free(sop);
	return cli_finish(status);
}
