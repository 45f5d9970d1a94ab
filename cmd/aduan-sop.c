/*
 * aduan-sop - print the SOP in force as the seed's table or as JSON, or
 * check an SOP file and say what is wrong with it.
 */
#include <getopt.h>
#include <stdio.h>

#include <unistd.h>

#include "cli.h"

/* The SOP's lists, in the seed's order, with the seed's own headings. */
static const char *const lists[] = {
	"dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan",
	"peringatan", "pencatatan", NULL
};
static const char *const headings[] = {
	"DASAR HUKUM", "KUALIFIKASI PELAKSANA", "KETERKAITAN",
	"PERALATAN/PERLENGKAPAN", "PERINGATAN", "PENCATATAN DAN PENDATAAN"
};

/* One row of the table, its cells wrapped to their columns. */
static void
row(const char *const cell[6])
{
	static const int width[6] = { 3, 28, 12, 12, 8, 12 };
	const char *line[6][12];
	size_t len[6][12];
	int n[6], i, c, last, most = 1;

	for (c = 0; c < 6; c++) {
		n[c] = fmt_wrap(cell[c], width[c], line[c], len[c], 12);
		most = n[c] > most ? n[c] : most;
	}
	for (i = 0; i < most; i++) {
		for (last = 5; last > 0 && i >= n[last]; last--)
			;
		for (c = 0; c <= last; c++) {
			int w = 0;

			if (i < n[c]) {
				fwrite(line[c][i], 1, len[c][i], stdout);
				for (size_t k = 0; k < len[c][i]; k++)
					w += (line[c][i][k] & 0xc0) != 0x80;
			}
			if (c < last)
				printf("%*s", width[c] - w + 1, "");
		}
		printf("\n");
	}
}

static void
sop_text(const struct aduan_sop *sop)
{
	const char *const *items;
	char no[8], dur[32];
	int i, j, n;

	printf("SOP %s: %s\n", aduan_sop_meta(sop, "nomor"),
	    aduan_sop_meta(sop, "nama"));
	printf(_("revision %s; effective %s; approved by %s %s, NIP %s\n"),
	    aduan_sop_meta(sop, "revisi"),
	    aduan_sop_meta(sop, "tanggal_efektif") ?: "-",
	    aduan_sop_meta(sop, "disahkan_oleh.jabatan") ?: "-",
	    aduan_sop_meta(sop, "disahkan_oleh.nama") ?: "-",
	    aduan_sop_meta(sop, "disahkan_oleh.nip") ?: "-");
	for (i = 0; lists[i] != NULL; i++) {
		items = aduan_sop_list(sop, lists[i], &n);
		printf("%s:%s\n", headings[i], n ? "" : " -");
		for (j = 0; j < n; j++)
			printf("  %d. %s\n", j + 1, items[j]);
	}
	printf("\n");
	row((const char *const[]){ "No", "Kegiatan", "Pelaksana",
	    "Kelengkapan", "Waktu", "Output" });
	for (i = 0; i < aduan_sop_nsteps(sop); i++) {
		const struct aduan_step *st = aduan_sop_step_at(sop, i);

		snprintf(no, sizeof(no), "%d.", st->no);
		row((const char *const[]){ no, st->kegiatan,
		    st->pelaksana->kolom ?: st->pelaksana->nama,
		    st->kelengkapan, aduan_dur_str(&st->waktu, dur,
		    sizeof(dur)), st->output });
		for (j = 0; j < st->nbranches; j++)
			printf(_("    %s=%s: go on to step %d\n"),
			    st->branch_field, st->branches[j].value,
			    st->branches[j].next);
	}
}

static void
sop_json(const struct aduan_sop *sop)
{
	char dur[32];
	int i, j, k, n;

	printf("{\"nomor\":");
	fmt_json_str(stdout, aduan_sop_meta(sop, "nomor"));
	printf(",\"revisi\":");
	fmt_json_str(stdout, aduan_sop_meta(sop, "revisi"));
	printf(",\"nama\":");
	fmt_json_str(stdout, aduan_sop_meta(sop, "nama"));
	for (i = 0; lists[i] != NULL; i++) {
		const char *const *items = aduan_sop_list(sop, lists[i], &n);

		printf(",\"%s\":[", lists[i]);
		for (j = 0; j < n; j++) {
			printf(j ? "," : "");
			fmt_json_str(stdout, items[j]);
		}
		printf("]");
	}
	printf(",\"steps\":[");
	for (i = 0; i < aduan_sop_nsteps(sop); i++) {
		const struct aduan_step *st = aduan_sop_step_at(sop, i);
		const char *keys[] = { "kegiatan", "pelaksana", "kelengkapan",
		    "waktu", "output", "command", "outcome" };
		const char *vals[] = { st->kegiatan, st->pelaksana->id,
		    st->kelengkapan, aduan_dur_str(&st->waktu, dur,
		    sizeof(dur)), st->output, st->command, st->outcome };

		printf("%s{\"no\":%d", i ? "," : "", st->no);
		for (k = 0; k < 7; k++) {
			printf(",\"%s\":", keys[k]);
			fmt_json_str(stdout, vals[k]);
		}
		printf(",\"fields\":[");
		for (j = 0; j < st->nfields; j++) {
			printf(j ? "," : "");
			fmt_json_str(stdout, st->fields[j].name);
		}
		printf("],\"next\":[");
		if (st->next)
			printf("%d", st->next);
		for (j = 0; j < st->nbranches; j++)
			printf("%s%d", j ? "," : "", st->branches[j].next);
		printf("]}");
	}
	printf("]}\n");
}

static const char *const help_opts[][2] = {
	{ "--check FILE", N_("check FILE and say where it is wrong, with "
	    "line and column") },
	{ "--format FORMAT", N_("the table (text, the default) or json") },
	CLI_HELP_QUIET,
	CLI_HELP_SOP,
	CLI_HELP_END
};
static const struct cli_help help = {
	.what = N_("Show the SOP in force as its table, or check an SOP "
	    "file before putting it in force."),
	.opts = help_opts,
	.example = {
		"aduan sop",
		"aduan sop --check /etc/aduan/kranggan.yaml",
	},
};

static void
usage(FILE *f)
{
	fprintf(f, _("usage: %s [-hqV] [--format text|json] [--sop file]\n"
	    "       %s [-q] --check file\n"), cli_prog(),
	    cli_prog());
}

/*
 * The office's configuration and the letter templates beside a checked
 * SOP: said valid, or where they are wrong.  Their absence is said, not
 * refused: the SOP itself is good without them.
 */
static int
check_letters(const struct aduan_sop *sop, int quiet)
{
	struct aduan_letters *L;
	struct aduan_err err;

	if ((L = aduan_letters_load(sop, NULL, NULL, &err)) == NULL) {
		if (err.cat == ADUAN_E_CONFIG && err.line == 0 &&
		    access(err.file, F_OK) == -1) {
			if (!quiet)
				printf(_("%s: none: aduan surat cannot print "
				    "letters with this SOP\n"), err.file);
			return 0;
		}
		return cli_fail(&err);
	}
	if (!quiet) {
		printf(_("%s: a valid office configuration\n"),
		    aduan_letters_path(L, 0));
		printf(_("%s: %d valid letter templates\n"),
		    aduan_letters_path(L, 1), aduan_letters_n(L));
	}
	aduan_letters_free(L);
	return 0;
}

int
cmd_sop(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "check", required_argument, NULL, 'c' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "sop", required_argument, NULL, 's' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_opts o = { .usage = usage, .help = &help,
	    .formats = CLI_FMT_TEXT | CLI_FMT_JSON, .fmt = 't' };
	const char *check = NULL;
	struct aduan_sop *sop;
	int ch, status;

	cli_init(argc, argv);
	while ((ch = getopt_long(argc, argv, "hqV", longopts, NULL)) != -1)
		if (ch == 'c')
			check = optarg;
		else if ((status = cli_opt(ch, &o)) != -1)
			return status;
	if (optind < argc)
		return cli_usage_error(_("unexpected argument '%s'"),
		    argv[optind]);
	if ((sop = cli_load_sop(check ? check : o.sop, &status)) == NULL)
		return cli_finish(status);
	if (check != NULL && !o.quiet)
		printf(_("%s: a valid SOP, %d steps\n"), check,
		    aduan_sop_nsteps(sop));
	if (check != NULL && (status = check_letters(sop, o.quiet)) != 0) {
		aduan_sop_free(sop);
		return cli_finish(status);
	}
	if (check != NULL)
		;
	else if (check == NULL && o.fmt == 'j')
		sop_json(sop);
	else if (check == NULL)
		sop_text(sop);
	aduan_sop_free(sop);
	return cli_finish(ADUAN_EXIT_OK);
}
