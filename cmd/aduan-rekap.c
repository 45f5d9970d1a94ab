/*
 * aduan-rekap - the SOP's pencatatan dan pendataan: the recap of a month,
 * a year or a range for the Camat (cases filed, closed by outcome, still
 * open; each step on time or late; by kelurahan and subject; twelve
 * months' trend), and the register of complaints (Buku Register
 * Pengaduan) of a period; for a person, for scripts (TSV, JSON, CSV) and
 * as PDF on the office's letterhead.  Its own program: it links cairo.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "pdf.h"

enum { OPT_BULAN = 256, OPT_TAHUN, OPT_DARI, OPT_SAMPAI, OPT_REGISTER,
    OPT_KANTOR };

static const char *const help_opts[][2] = {
	{ "--bulan BULAN", N_("the recap of this month (2026-03 or \"Maret "
	    "2026\"); the default is the current month") },
	{ "--tahun TAHUN", N_("the recap of this year") },
	{ "--dari TANGGAL", N_("the period from this day (a month or a year "
	    "means its first day)") },
	{ "--sampai TANGGAL", N_("the period to this day, included (a month or "
	    "a year means its last day)") },
	{ "--register", N_("the register of complaints of the period, one "
	    "case a line, instead of the recap") },
	{ "--format FORMAT", N_("text for people (the default), tsv or json "
	    "for scripts, csv (the register) for spreadsheets, or pdf") },
	{ "-o, --output FILE", N_("write to FILE instead of standard output; "
	    "a PDF needs it (- for standard output)") },
	{ "--kantor FILE", N_("the office's configuration for the PDF, instead "
	    "of kantor.yaml beside the SOP") },
	CLI_HELP_DIR,
	CLI_HELP_SOP,
	CLI_HELP_END
};
static const struct cli_help help = {
	.what = N_("The recap of a period for the Camat, or the register of "
	    "complaints: cases filed, closed by outcome and still open, each "
	    "step on time or late, by kelurahan and subject."),
	.opts = help_opts,
	.example = {
		"aduan rekap --bulan 2026-03 --format pdf -o rekap-maret.pdf",
		"aduan rekap --register --tahun 2026 --format csv -o "
		    "register-2026.csv",
	},
};

static void
usage(FILE *f)
{
	fprintf(f, _("usage: %s [-hV] [--bulan bulan | --tahun tahun | --dari "
	    "tanggal --sampai tanggal] [--register] [--format "
	    "text|tsv|json|csv|pdf] [-o file] [-D dir] [--sop file] [--kantor "
	    "file]\n"), cli_prog());
}

struct run {
	struct aduan_store *store;
	const struct aduan_sop *sop;
	struct aduan_filter filter;
	struct aduan_recap *recap;
	int reg;		/* the register */
	int fmt;		/* 't', 's', 'j', 'c', 'p' */
	FILE *out;
	long n;
	struct pdf *pdf;	/* the PDF being drawn */
	const char *office;	/* the office of the store read, when shown */
	int shown;
	int failed;
	struct aduan_cache *cache;	/* what the last recap counted */
};

/* A CSV field (RFC 4180): quoted when it holds a comma, quote or break. */
static void
csv(FILE *f, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

/* A date as the register writes it: 2026-03-05, "" for none. */
static const char *
day(time_t t, long off, char buf[32])
{
	if (t == 0)
		return "";
	aduan_time_fmt(t, off, buf);
	buf[10] = '\0';
	return buf;
}

/* One line of the register. */
static void
register_row(struct run *r, const struct aduan_case *c)
{
	long off = aduan_cal_utcoff(aduan_sop_cal(r->sop));
	struct aduan_summary s;
	const char *cells[8];
	char a[32], b[32], no[24], offid[96];
	int i;

	aduan_case_summary(c, &s);
	snprintf(no, sizeof(no), "%ld", r->n + 1);
	cells[0] = no;
	cells[1] = aduan_case_id(c);
	if (r->office != NULL && r->fmt == 'p') {
		/* The PDF's number column names the office too. */
		snprintf(offid, sizeof(offid), "%s %s", r->office,
		    aduan_case_id(c));
		cells[1] = offid;
	}
	cells[2] = day(s.filed, off, a);
	cells[3] = s.pelapor;
	cells[4] = s.kelurahan;
	cells[5] = s.perihal;
	cells[6] = s.outcome ? s.outcome : "open";
	cells[7] = day(s.closed, off, b);
	if (r->fmt == 'p') {
		cells[6] = s.outcome ? s.outcome : "terbuka";
		pdf_grid_row(r->pdf, cells);
	} else if (r->fmt == 'c') {
		for (i = 0; i < 8; i++) {
			if (i)
				fputc(',', r->out);
			csv(r->out, cells[i]);
		}
		if (r->shown) {
			fputc(',', r->out);
			csv(r->out, r->office);
		}
		fputs("\r\n", r->out);
	} else if (r->fmt == 's') {
		for (i = 1; i < 8; i++) {
			if (i > 1)
				fputc('\t', r->out);
			fmt_tsv_str(r->out, cells[i]);
		}
		if (r->shown) {
			fputc('\t', r->out);
			fmt_tsv_str(r->out, r->office);
		}
		fputc('\n', r->out);
	} else if (r->fmt == 'j') {
		static const char *const keys[] = { "no", "id", "filed",
		    "pelapor", "kelurahan", "perihal", "outcome", "closed" };

		fprintf(r->out, "%s{\"no\":%ld", r->n ? "," : "", r->n + 1);
		for (i = 1; i < 8; i++) {
			fprintf(r->out, ",\"%s\":", keys[i]);
			if ((i == 6 && s.outcome == NULL) || (i == 7 &&
			    s.closed == 0))
				fputs("null", r->out);
			else
				fmt_json_str(r->out, cells[i]);
		}
		if (r->shown) {
			fputs(",\"office\":", r->out);
			fmt_json_str(r->out, r->office);
		}
		fputc('}', r->out);
	} else {
		if (r->n == 0) {
			if (r->shown)
				fprintf(r->out, "%-8s ", _("OFFICE"));
			fprintf(r->out, "%4s %-10s %-10s ", _("NO"), "ID",
			    _("FILED"));
			fmt_cell(r->out, "PELAPOR", 20);
			fputc(' ', r->out);
			fmt_cell(r->out, "KELURAHAN", 11);
			fputc(' ', r->out);
			fmt_cell(r->out, "PERIHAL", 24);
			fprintf(r->out, " %-14s %s\n", _("OUTCOME"), _("CLOSED"));
		}
		if (r->shown)
			fprintf(r->out, "%-8s ", r->office);
		fprintf(r->out, "%4ld %-10s %-10s ", r->n + 1, cells[1],
		    cells[2]);
		fmt_cell(r->out, cells[3], 20);
		fputc(' ', r->out);
		fmt_cell(r->out, cells[4], 11);
		fputc(' ', r->out);
		fmt_cell(r->out, cells[5], 24);
		fputc(' ', r->out);
		fmt_cell(r->out, s.outcome ? s.outcome : _("open"), 14);
		fprintf(r->out, " %s\n", cells[7]);
	}
	r->n++;
}

static int
one(const char *id, int closed, void *arg)
{
	struct run *r = arg;
	struct aduan_case *c;
	struct aduan_err err;
	long long toff, tlen;

	/* A case whose log is unchanged: counted as it was last time. */
	if (!r->reg) {
		int k = aduan_recap_cached(r->recap, r->cache, id, closed, &err);

		if (k == -1) {
			r->failed = cli_fail(&err);
			return 1;
		}
		if (k == 1)
			return 0;
	}
	if ((c = aduan_case_load(r->store, r->sop, id, ADUAN_READ, &err)) ==
	    NULL) {
		r->failed = cli_fail(&err);
		return 0;
	}
	if (aduan_case_torn(c, &toff, &tlen))
		cli_warn_torn(id, toff, tlen);
	if (r->reg) {
		if (aduan_case_matches(c, &r->filter))
			register_row(r, c);
	} else if (aduan_recap_add(r->recap, c, &err) == -1) {
		r->failed = cli_fail(&err);
		aduan_case_free(c);
		return 1;
	} else
		aduan_recap_keep(r->recap, r->cache, id, c);
	aduan_case_free(c);
	return 0;
}

/*
 * Office minutes for people: "1h05m", or in the Indonesian way (the
 * catalog's, and always in the PDF) "1 jam 5 menit"; "-" for none.
 */
static const char *
minutes(long m, int indo, char buf[32])
{
	if (m < 0)
		snprintf(buf, 32, "-");
	else if (!indo)
		fmt_office(m * 60, buf);
	else if (m >= 60 && m % 60)
		snprintf(buf, 32, "%ld jam %ld menit", m / 60, m % 60);
	else if (m >= 60)
		snprintf(buf, 32, "%ld jam", m / 60);
	else
		snprintf(buf, 32, "%ld menit", m);
	return buf;
}

/* A column's width: its head's, at least min. */
static int
col(const char *head, int min)
{
	int w = fmt_width(head);

	return w > min ? w : min;
}

static void
recap_text(FILE *f, const struct aduan_sop *sop,
    const struct aduan_recap_view *v)
{
	long off = aduan_cal_utcoff(aduan_sop_cal(sop));
	char a[32], b[32], m1[32], m2[32];
	int i, worst = -1, wr, wo, wl, wm, wp;

	fprintf(f, _("Recap of complaints, %s to %s\n\n"), day(v->from, off, a),
	    day(v->to - 1, off, b));
	fprintf(f, _("Filed:              %ld\n"), v->filed);
	fprintf(f, _("Closed:             %ld\n"), v->closed);
	for (i = 0; i < v->noutcomes; i++) {
		const struct aduan_cancel *k = v->outcomes[i].cancel ?
		    aduan_sop_cancel(sop, v->outcomes[i].key) : NULL;

		fprintf(f, "  %-18s %ld", v->outcomes[i].key,
		    v->outcomes[i].n);
		if (k != NULL && k->label != NULL)
			fprintf(f, _("   (cancelled: %s)"), k->label);
		fputc('\n', f);
	}
	fprintf(f, _("Open at the end:    %ld"), v->open_end);
	if (v->open_end > 0)
		fprintf(f, _(" (open for a median of %ld days; the oldest, %s, "
		    "%ld days)"), v->open_median_days, v->oldest,
		    v->open_max_days);
	fprintf(f, _("\n\nSteps first recorded in the period:\n"));
	/* Each column as wide as its head, in either language. */
	fputs("  ", f);
	fmt_cell(f, _("STEP"), 37);
	fprintf(f, " %*s %*s %*s  ", wr = col(_("RECORDED"), 8), _("RECORDED"),
	    wo = col(_("ON TIME"), 10), _("ON TIME"), wl = col(_("LATE"), 5),
	    _("LATE"));
	fmt_cell(f, _("MEDIAN"), wm = col(_("MEDIAN"), 14));
	fputc(' ', f);
	fmt_cell(f, _("90%"), wp = col(_("90%"), 14));
	fprintf(f, " %s\n", _("STANDARD"));
	for (i = 0; i < v->nsteps; i++) {
		const struct aduan_recap_step *s = &v->steps[i];
		char on[32];

		fprintf(f, "  %2d ", s->step->no);
		fmt_cell(f, s->step->nama, 34);
		if (s->timed > 0)
			snprintf(on, sizeof(on), "%ld (%ld%%)", s->timed - s->late,
			    (100 * (s->timed - s->late) + s->timed / 2) /
			    s->timed);
		else
			snprintf(on, sizeof(on), "-");
		fprintf(f, " %*ld %*s %*ld  ", wr, s->recorded, wo, on, wl,
		    s->late);
		fmt_cell(f, minutes(s->median, fmt_office_style(), m1), wm);
		fputc(' ', f);
		fmt_cell(f, minutes(s->p90, fmt_office_style(), m2), wp);
		fprintf(f, " %s\n", s->step->waktu_text);
	}
	fprintf(f, _("\nLate steps by role:"));
	for (i = 0; i < v->nroles; i++) {
		fprintf(f, " %s %ld%s", aduan_sop_role(sop,
		    v->roles[i].key)->singkat, v->roles[i].n, i + 1 < v->nroles ?
		    "," : "");
		if (v->roles[i].n > 0 && (worst < 0 || v->roles[i].n >
		    v->roles[worst].n))
			worst = i;
	}
	if (worst >= 0)
		fprintf(f, _("; late most: %s"), aduan_sop_role(sop,
		    v->roles[worst].key)->singkat);
	fprintf(f, _("\n\nFiled by kelurahan:\n"));
	for (i = 0; i < v->nkel; i++)
		if (v->kelurahan[i].n > 0 || v->kelurahan[i].key[0] != '\0')
			fprintf(f, "  %-18s %ld\n", v->kelurahan[i].key[0] ?
			    v->kelurahan[i].key : _("(not given)"),
			    v->kelurahan[i].n);
	fprintf(f, _("\nFiled by subject:\n"));
	for (i = 0; i < v->nsubjects && i < 10; i++) {
		fprintf(f, "  %5ld  ", v->subjects[i].n);
		fmt_clean(f, v->subjects[i].key);
		fputc('\n', f);
	}
	if (v->nsubjects > 10)
		fprintf(f, _("  (and %d more subjects)\n"), v->nsubjects - 10);
	fprintf(f, _("\nTwelve months (filed, closed):\n"));
	for (i = 0; i < 12; i++)
		fprintf(f, "  %04d-%02d  %5ld %5ld\n", v->trend[i].year,
		    v->trend[i].month, v->trend[i].filed, v->trend[i].closed);
}

static void
recap_tsv(FILE *f, const struct aduan_sop *sop,
    const struct aduan_recap_view *v)
{
	long off = aduan_cal_utcoff(aduan_sop_cal(sop));
	char a[32], b[32];
	int i;

	fprintf(f, "period\t%s\t%s\n", aduan_time_fmt(v->from, off, a),
	    aduan_time_fmt(v->to, off, b));
	fprintf(f, "filed\t%ld\nclosed\t%ld\n", v->filed, v->closed);
	fprintf(f, "open\t%ld\t%ld\t%ld\t%s\n", v->open_end,
	    v->open_median_days, v->open_max_days, v->oldest);
	for (i = 0; i < v->noutcomes; i++)
		fprintf(f, "outcome\t%s\t%ld\t%s\n", v->outcomes[i].key,
		    v->outcomes[i].n, v->outcomes[i].cancel ? "batal" : "");
	for (i = 0; i < v->nsteps; i++) {
		const struct aduan_recap_step *s = &v->steps[i];

		fprintf(f, "step\t%d\t%ld\t%ld\t%ld\t%ld\t%ld\t%s\n",
		    s->step->no, s->recorded, s->timed, s->late, s->median,
		    s->p90, s->step->waktu_text);
	}
	for (i = 0; i < v->nroles; i++)
		fprintf(f, "role\t%s\t%ld\n", v->roles[i].key, v->roles[i].n);
	for (i = 0; i < v->nkel; i++) {
		fputs("kelurahan\t", f);
		fmt_tsv_str(f, v->kelurahan[i].key);
		fprintf(f, "\t%ld\n", v->kelurahan[i].n);
	}
	for (i = 0; i < v->nsubjects; i++) {
		fputs("subject\t", f);
		fmt_tsv_str(f, v->subjects[i].key);
		fprintf(f, "\t%ld\n", v->subjects[i].n);
	}
	for (i = 0; i < 12; i++)
		fprintf(f, "month\t%04d-%02d\t%ld\t%ld\n", v->trend[i].year,
		    v->trend[i].month, v->trend[i].filed, v->trend[i].closed);
}

static void
json_count(FILE *f, const char *name, const struct aduan_recap_count *c,
    int n)
{
	int i;

	fprintf(f, ",\"%s\":{", name);
	for (i = 0; i < n; i++) {
		fprintf(f, "%s", i ? "," : "");
		fmt_json_str(f, c[i].key);
		fprintf(f, ":%ld", c[i].n);
	}
	fputc('}', f);
}

static void
recap_json(FILE *f, const struct aduan_sop *sop,
    const struct aduan_recap_view *v)
{
	long off = aduan_cal_utcoff(aduan_sop_cal(sop));
	char a[32], b[32];
	int i;

	fprintf(f, "{\"from\":\"%s\",\"to\":\"%s\",\"filed\":%ld,"
	    "\"closed\":%ld", aduan_time_fmt(v->from, off, a),
	    aduan_time_fmt(v->to, off, b), v->filed, v->closed);
	fprintf(f, ",\"open\":{\"count\":%ld,\"median_days\":%ld,"
	    "\"max_days\":%ld,\"oldest\":", v->open_end, v->open_median_days,
	    v->open_max_days);
	if (v->oldest[0])
		fmt_json_str(f, v->oldest);
	else
		fputs("null", f);
	fputc('}', f);
	json_count(f, "outcomes", v->outcomes, v->noutcomes);
	fputs(",\"steps\":[", f);
	for (i = 0; i < v->nsteps; i++) {
		const struct aduan_recap_step *s = &v->steps[i];

		fprintf(f, "%s{\"step\":%d,\"recorded\":%ld,\"timed\":%ld,"
		    "\"late\":%ld,\"median_minutes\":", i ? "," : "",
		    s->step->no, s->recorded, s->timed, s->late);
		if (s->median < 0)
			fputs("null,\"p90_minutes\":null", f);
		else
			fprintf(f, "%ld,\"p90_minutes\":%ld", s->median, s->p90);
		fputs(",\"waktu\":", f);
		fmt_json_str(f, s->step->waktu_text);
		fputc('}', f);
	}
	fputc(']', f);
	json_count(f, "late_by_role", v->roles, v->nroles);
	json_count(f, "kelurahan", v->kelurahan, v->nkel);
	json_count(f, "subjects", v->subjects, v->nsubjects);
	fputs(",\"months\":[", f);
	for (i = 0; i < 12; i++)
		fprintf(f, "%s{\"month\":\"%04d-%02d\",\"filed\":%ld,"
		    "\"closed\":%ld}", i ? "," : "", v->trend[i].year,
		    v->trend[i].month, v->trend[i].filed, v->trend[i].closed);
	fputs("]}\n", f);
}

/*
 * The PDF's words are the office's, in Indonesian whatever the clerk's
 * language: it is an official document, as the letters are.
 */
static const char *const reg_head[] = { "No.", "Nomor aduan",
    "Tanggal masuk", "Pelapor", "Kelurahan", "Perihal", "Hasil",
    "Tanggal selesai" };
static const double reg_width[] = { 0.05, 0.11, 0.10, 0.17, 0.10, 0.25,
    0.11, 0.11 };
static const struct pdf_grid reg_grid = { reg_head, reg_width, 8 };

/* The head of the PDF: the letterhead, its title and the period. */
static void
pdf_top(struct pdf *p, const struct aduan_sop *sop, const char *title,
    time_t from, time_t to)
{
	long off = aduan_cal_utcoff(aduan_sop_cal(sop));
	struct aduan_block b;
	char a[64], z[64], line[200];

	memset(&b, 0, sizeof(b));
	b.kind = ADUAN_BLK_KOP;
	pdf_block(p, &b);
	b.kind = ADUAN_BLK_JUDUL;
	b.text = title;
	pdf_block(p, &b);
	snprintf(line, sizeof(line), "Periode %s s.d. %s",
	    aduan_date_id(from, off, ADUAN_DATE_TANGGAL, a, sizeof(a)),
	    aduan_date_id(to - 1, off, ADUAN_DATE_TANGGAL, z, sizeof(z)));
	b.kind = ADUAN_BLK_TENGAH;
	b.text = line;
	pdf_block(p, &b);
}

/* The foot: the place and date, and the Camat's signature. */
static void
pdf_foot(struct pdf *p, const struct aduan_sop *sop,
    const struct aduan_letters *L, time_t now)
{
	long off = aduan_cal_utcoff(aduan_sop_cal(sop));
	struct aduan_sign sg;
	struct aduan_block b;
	char d[64], line[200];
	const char *t = aduan_letters_office(L, ADUAN_OFFICE_TEMPAT);

	memset(&b, 0, sizeof(b));
	memset(&sg, 0, sizeof(sg));
	b.kind = ADUAN_BLK_JARAK;
	pdf_block(p, &b);
	snprintf(line, sizeof(line), "%s, %s", t ? t : "",
	    aduan_date_id(now, off, ADUAN_DATE_TANGGAL, d, sizeof(d)));
	b.kind = ADUAN_BLK_KANAN;
	b.text = line;
	pdf_block(p, &b);
	/* Signed by the office's first signatory: the Camat. */
	aduan_letters_signer(L, 0, &sg);
	b.kind = ADUAN_BLK_TTD;
	b.signs = &sg;
	b.nsigns = 1;
	pdf_block(p, &b);
}

static void
recap_pdf(struct pdf *p, const struct aduan_sop *sop,
    const struct aduan_recap_view *v)
{
	const char *lab[64], *cells[6];
	double val[64], val2[64];
	char buf[64][96], m1[32], m2[32], c1[24], c2[24], c3[24];
	static const char *const shead[] = { "Langkah", "Dicatat",
	    "Tepat waktu", "Median", "Persentil 90", "Standar" };
	static const double swidth[] = { 0.40, 0.10, 0.12, 0.13, 0.13, 0.12 };
	static const struct pdf_grid sgrid = { shead, swidth, 6 };
	struct aduan_block b;
	const char *row[2 * 4];
	char f1[24], f2[24], f3[24];
	int i, n;

	memset(&b, 0, sizeof(b));
	snprintf(f1, sizeof(f1), "%ld", v->filed);
	snprintf(f2, sizeof(f2), "%ld", v->closed);
	snprintf(f3, sizeof(f3), "%ld", v->open_end);
	row[0] = "Pengaduan masuk";
	row[1] = f1;
	row[2] = "Pengaduan selesai";
	row[3] = f2;
	row[4] = "Masih dalam proses pada akhir periode";
	row[5] = f3;
	b.kind = ADUAN_BLK_TABEL;
	b.items = row;
	b.nitems = 6;
	pdf_block(p, &b);

	pdf_heading(p, "Penyelesaian menurut hasil", 16.0 * v->noutcomes);
	for (i = n = 0; i < v->noutcomes && n < 64; i++, n++) {
		const struct aduan_cancel *k = v->outcomes[i].cancel ?
		    aduan_sop_cancel(sop, v->outcomes[i].key) : NULL;

		snprintf(buf[n], sizeof(buf[n]), "%s%s", k ? "batal: " : "",
		    v->outcomes[i].key);
		lab[n] = buf[n];
		val[n] = (double)v->outcomes[i].n;
	}
	pdf_bars(p, lab, val, n, 0);

	pdf_heading(p, "Ketepatan waktu setiap langkah (persen tepat waktu)",
	    16.0 * v->nsteps);
	for (i = n = 0; i < v->nsteps && n < 64; i++) {
		const struct aduan_recap_step *s = &v->steps[i];

		/* Nothing timed is no share, not a share of none. */
		if (s->step->waktu.unit == ADUAN_UNIT_NONE || s->timed == 0)
			continue;
		snprintf(buf[n], sizeof(buf[n]), "%d. %s", s->step->no,
		    s->step->nama);
		lab[n] = buf[n];
		val[n++] = s->timed ? 100.0 * (double)(s->timed - s->late) /
		    (double)s->timed : 0;
	}
	pdf_bars(p, lab, val, n, 1);
	pdf_grid_begin(p, &sgrid);
	for (i = 0; i < v->nsteps; i++) {
		const struct aduan_recap_step *s = &v->steps[i];

		snprintf(buf[0], sizeof(buf[0]), "%d. %s", s->step->no,
		    s->step->nama);
		snprintf(c1, sizeof(c1), "%ld", s->recorded);
		if (s->timed)
			snprintf(c2, sizeof(c2), "%ld (%ld%%)", s->timed -
			    s->late, (100 * (s->timed - s->late) + s->timed / 2) /
			    s->timed);
		else
			snprintf(c2, sizeof(c2), "-");
		cells[0] = buf[0];
		cells[1] = c1;
		cells[2] = c2;
		cells[3] = minutes(s->median, 1, m1);
		cells[4] = minutes(s->p90, 1, m2);
		cells[5] = s->step->waktu_text;
		pdf_grid_row(p, cells);
	}
	pdf_grid_end(p);

	pdf_heading(p, "Tren dua belas bulan (gelap: masuk, terang: selesai)",
	    120);
	for (i = 0; i < 12; i++) {
		snprintf(buf[i], sizeof(buf[i]), "%02d/%02d", v->trend[i].month,
		    v->trend[i].year % 100);
		lab[i] = buf[i];
		val[i] = (double)v->trend[i].filed;
		val2[i] = (double)v->trend[i].closed;
	}
	pdf_columns(p, lab, val, val2, 12);

	pdf_heading(p, "Pengaduan masuk menurut kelurahan", 16.0 * v->nkel);
	for (i = n = 0; i < v->nkel && n < 64; i++) {
		if (v->kelurahan[i].key[0] == '\0' && v->kelurahan[i].n == 0)
			continue;
		lab[n] = v->kelurahan[i].key[0] ? v->kelurahan[i].key :
		    "(tidak disebut)";
		val[n++] = (double)v->kelurahan[i].n;
	}
	pdf_bars(p, lab, val, n, 0);

	pdf_heading(p, "Pengaduan masuk menurut perihal (sepuluh terbanyak)",
	    v->nsubjects < 10 ? 16.0 * v->nsubjects : 160);
	for (i = n = 0; i < v->nsubjects && n < 10; i++) {
		lab[n] = v->subjects[i].key;
		val[n++] = (double)v->subjects[i].n;
	}
	pdf_bars(p, lab, val, n, 0);
	(void)c3;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "bulan", required_argument, NULL, OPT_BULAN },
		{ "tahun", required_argument, NULL, OPT_TAHUN },
		{ "dari", required_argument, NULL, OPT_DARI },
		{ "sampai", required_argument, NULL, OPT_SAMPAI },
		{ "register", no_argument, NULL, OPT_REGISTER },
		{ "kantor", required_argument, NULL, OPT_KANTOR },
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'F' },
		{ "data-dir", required_argument, NULL, 'D' },
		{ "sop", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_opts o = { .usage = usage, .help = &help };
	const char *bulan = NULL, *tahun = NULL, *dari = NULL, *sampai = NULL;
	const char *output = NULL, *format = "text", *kantor = NULL;
	struct run r;
	struct aduan_sop *sop = NULL;
	struct aduan_letters *L = NULL;
	struct cli_store *stores = NULL;
	int nstores = 0, i, k;
	struct aduan_err err;
	time_t now;
	int ch, status = 0;

	memset(&r, 0, sizeof(r));
	cli_init(argc, argv);
	while ((ch = getopt_long(argc, argv, "o:D:hV", longopts, NULL)) != -1)
		switch (ch) {
		case OPT_BULAN: bulan = optarg; break;
		case OPT_TAHUN: tahun = optarg; break;
		case OPT_DARI: dari = optarg; break;
		case OPT_SAMPAI: sampai = optarg; break;
		case OPT_REGISTER: r.reg = 1; break;
		case OPT_KANTOR: kantor = optarg; break;
		case 'o': output = optarg; break;
		case 'F': format = optarg; break;
		default:
			if ((status = cli_opt(ch, &o)) >= 0)
				return status;
		}
	if (optind < argc)
		return cli_usage_error(_("unexpected argument '%s'"),
		    argv[optind]);
	if (strcmp(format, "text") == 0)
		r.fmt = 't';
	else if (strcmp(format, "tsv") == 0)
		r.fmt = 's';
	else if (strcmp(format, "json") == 0)
		r.fmt = 'j';
	else if (strcmp(format, "csv") == 0 && r.reg)
		r.fmt = 'c';
	else if (strcmp(format, "pdf") == 0)
		r.fmt = 'p';
	else
		return cli_usage_error(r.reg ? _("--format: '%s' is not text, "
		    "tsv, json, csv or pdf") : _("--format: '%s' is not text, "
		    "tsv, json or pdf (csv is for --register)"), format);
	if (tahun != NULL && (bulan != NULL || dari != NULL || sampai != NULL))
		return cli_usage_error(_("--tahun is a period of its own: give "
		    "it, or --bulan, or --dari and --sampai"));
	if (r.fmt == 'p' && output == NULL)
		return cli_usage_error(_("a PDF is not written to a terminal: "
		    "give -o FILE.pdf (or -o - for standard output)"));
	if ((sop = cli_load_sop(o.sop, &status)) == NULL ||
	    (status = cli_now(aduan_cal_utcoff(aduan_sop_cal(sop)), &now)) !=
	    0 || (status = cli_stores(&o, &stores, &nstores, &r.shown)) != 0)
		goto out;
	r.sop = sop;
	if (tahun != NULL) {
		size_t k;

		for (k = 0; tahun[k] >= '0' && tahun[k] <= '9'; k++)
			;
		if (k != 4 || tahun[k] != '\0' ||
		    aduan_period_read(tahun, aduan_cal_utcoff(
		    aduan_sop_cal(sop)), &r.filter.from, &r.filter.to,
		    &err) == -1) {
			status = cli_usage_error(_("--tahun: '%s' is not a "
			    "year: write 2026"), tahun);
			goto out;
		}
	} else if ((status = cli_period(sop, bulan, dari, sampai,
	    &r.filter)) != 0)
		goto out;
	/* No period: the current month. */
	if (!r.filter.from && !r.filter.to) {
		char m[32];

		aduan_time_fmt(now, aduan_cal_utcoff(aduan_sop_cal(sop)), m);
		m[7] = '\0';
		aduan_period_read(m, aduan_cal_utcoff(aduan_sop_cal(sop)),
		    &r.filter.from, &r.filter.to, &err);
	} else if (!r.filter.from || !r.filter.to) {
		status = cli_usage_error(_("--dari and --sampai go together: a "
		    "recap is of a period with both ends"));
		goto out;
	}
	if (r.fmt == 'p' && (L = aduan_office_load(sop, kantor, &err)) ==
	    NULL) {
		status = cli_fail(&err);
		goto out;
	}
	r.out = stdout;
	if (output != NULL && r.fmt != 'p' && strcmp(output, "-") != 0 &&
	    (r.out = fopen(output, "w")) == NULL) {
		cli_warn(_("cannot write %s: %s"), output, strerror(errno));
		status = ADUAN_EXIT_IO;
		goto out;
	}
	if (!r.reg && (r.recap = aduan_recap_new(sop, r.filter.from,
	    r.filter.to, now, &err)) == NULL) {
		status = cli_fail(&err);
		goto out;
	}
	if (r.reg && r.fmt == 'j')
		fputc('[', r.out);
	/* The CSV's head, even of a register with no case. */
	if (r.reg && r.fmt == 'c')
		fputs(r.shown ? "no,id,filed,pelapor,kelurahan,perihal,outcome,"
		    "closed,office\r\n" : "no,id,filed,pelapor,kelurahan,perihal,"
		    "outcome,closed\r\n", r.out);
	if (r.fmt == 'p') {
		char iso[32];

		aduan_time_fmt(now, aduan_cal_utcoff(aduan_sop_cal(sop)), iso);
		if ((r.pdf = pdf_open(L, r.reg ? "Buku Register Pengaduan" :
		    "Rekapitulasi Pengaduan Masyarakat", iso, r.reg)) == NULL) {
			cli_warn(_("out of memory"));
			status = ADUAN_EXIT_IO;
			goto out;
		}
		pdf_top(r.pdf, sop, r.reg ? "BUKU REGISTER PENGADUAN MASYARAKAT" :
		    "REKAPITULASI PENYELESAIAN PENGADUAN MASYARAKAT",
		    r.filter.from, r.filter.to);
		if (r.reg)
			pdf_grid_begin(r.pdf, &reg_grid);
	}
	/* A city's recap counts every office's cases together. */
	for (i = 0; i < nstores && status == 0; i++) {
		if (i > 0)
			cli_store_close(&stores[i - 1]);
		if ((status = cli_store_open(&stores[i])) != 0)
			break;
		r.store = stores[i].st;
		r.office = r.shown ? stores[i].label : NULL;
		/*
		 * The register lists the cases in order; the recap counts
		 * them as the folders list them, with no list kept.
		 */
		r.cache = r.reg ? NULL : aduan_cache_open(r.store, sop,
		    cli_version_string(), "recap", 1);
		if (!r.reg && i > 0)
			aduan_recap_office(r.recap);
		k = aduan_store_scan(r.store, ADUAN_SCAN_CLOSED | (r.reg ? 0 :
		    ADUAN_SCAN_ANYORDER), one, &r, &err);
		aduan_cache_close(r.cache, k == 0);
		r.cache = NULL;
		if (k == -1)
			status = cli_fail(&err);
	}
	if (status == 0)
		status = r.failed;
	if (r.reg && r.fmt == 'j')
		fputs("]\n", r.out);
	if (status == 0 && !r.reg && r.fmt != 'p') {
		const struct aduan_recap_view *v = aduan_recap_view(r.recap);

		if (r.fmt == 's')
			recap_tsv(r.out, sop, v);
		else if (r.fmt == 'j')
			recap_json(r.out, sop, v);
		else
			recap_text(r.out, sop, v);
	}
	if (r.fmt == 'p') {
		unsigned char *pdf;
		size_t len;

		if (r.reg)
			pdf_grid_end(r.pdf);
		else if (status == 0)
			recap_pdf(r.pdf, sop, aduan_recap_view(r.recap));
		pdf_foot(r.pdf, sop, L, now);
		if (pdf_close(r.pdf, &pdf, &len) == -1) {
			cli_warn(_("the PDF could not be drawn (cairo)"));
			status = ADUAN_EXIT_IO;
		} else if (status == 0 && (strcmp(output, "-") == 0 ?
		    fwrite(pdf, 1, len, stdout) != len : pdf_save(output, pdf,
		    len) != 0)) {
			cli_warn(_("cannot write %s: %s"), output,
			    strerror(errno));
			status = ADUAN_EXIT_IO;
		}
		if (status == 0 && strcmp(output, "-") != 0)
			printf("%s\n", output);
		free(pdf);
	}
	if (r.out != stdout && fclose(r.out) != 0 && status == 0) {
		cli_warn(_("cannot write %s: %s"), output, strerror(errno));
		status = ADUAN_EXIT_IO;
	}
out:
	aduan_recap_free(r.recap);
	aduan_letters_free(L);
	cli_stores_close(stores, nstores);
	aduan_sop_free(sop);
	return cli_finish(status);
}
