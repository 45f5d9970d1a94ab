/*
 * print.c - what the commands print: the JSON and TSV forms that scripts
 * read (stable contracts, described in each command's page) and the text
 * for people.  Only cmd/ calls this file; it writes to stdout.
 */
#include <stdio.h>
#include <string.h>

#include "aduan.h"

/* The status words of the JSON and TSV; the text says them translated. */
static const char *const status_word[] = {
	N_("done"), N_("next"), N_("later"), N_("n/a")
};

/* The SOP's lists, in the seed's order, with the seed's own headings. */
static const char *const lists[] = {
	"dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan",
	"peringatan", "pencatatan", NULL
};
static const char *const headings[] = {
	"DASAR HUKUM", "KUALIFIKASI PELAKSANA", "KETERKAITAN",
	"PERALATAN/PERLENGKAPAN", "PERINGATAN", "PENCATATAN DAN PENDATAAN"
};

/* ---- values ---- */

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

void
aduan_cli_tsv_str(FILE *f, const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		switch (*s) {
		case '\\': fputs("\\\\", f); break;
		case '\t': fputs("\\t", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		default: fputc(*s, f);
		}
}

void
aduan_cli_json_data(FILE *f, const struct aduan_kv *kv, int n)
{
	int i, j, k, count, first = 1;

	fputc('{', f);
	for (i = 0; i < n; i++) {
		for (j = 0; j < i && strcmp(kv[j].key, kv[i].key) != 0; j++)
			;
		if (j < i)
			continue;	/* printed with its first */
		for (k = i, count = 0; k < n; k++)
			count += strcmp(kv[k].key, kv[i].key) == 0;
		fprintf(f, "%s", first ? "" : ",");
		first = 0;
		aduan_cli_json_str(f, kv[i].key);
		fputc(':', f);
		if (count == 1) {
			aduan_cli_json_str(f, kv[i].val);
			continue;
		}
		fputc('[', f);
		for (k = i, j = 0; k < n; k++)
			if (strcmp(kv[k].key, kv[i].key) == 0) {
				fprintf(f, "%s", j++ ? "," : "");
				aduan_cli_json_str(f, kv[k].val);
			}
		fputc(']', f);
	}
	fputc('}', f);
}

const char *
aduan_cli_time(time_t t, long utcoff, char buf[32])
{
	aduan_time_fmt(t, utcoff, buf);
	buf[10] = ' ';
	buf[16] = '\0';
	return buf;
}

void
aduan_cli_cell(FILE *f, const char *s, int width)
{
	int cols = 0;

	for (; *s != '\0' && cols < width; cols++) {
		int n = 1;

		while ((s[n] & 0xc0) == 0x80)
			n++;
		/* A tab or line break in a cell would break the table. */
		if (*s == '\t' || *s == '\n' || *s == '\r')
			fputc(' ', f);
		else
			fwrite(s, 1, (size_t)n, f);
		s += n;
	}
	fprintf(f, "%*s", width - cols, "");
}

/* ---- a case (aduan show) ---- */

static void
explain_line(void *arg, const char *line)
{
	(void)arg;
	printf("       %s\n", line);
}

/* The deadline of a step, for people: "due ..., late by 1h05m". */
static void
print_due(const struct aduan_sop *sop, const struct aduan_case *c,
    const struct aduan_step *st, time_t now, int explain)
{
	const struct aduan_stepstate *ss = aduan_case_step(c, st->no);
	const struct aduan_cal *cal = aduan_sop_cal(sop);
	long off = aduan_cal_utcoff(cal), m;
	time_t start, due, at;
	char t[32];
	int unlisted;

	if (!aduan_case_deadline(c, st->no, &start, &due, &unlisted, NULL,
	    NULL))
		return;
	at = ss->done ? ss->first->happened : now;
	m = (at > due ? aduan_cal_working(cal, due, at) :
	    aduan_cal_working(cal, at, due)) / 60;
	printf(_("     due %s (%s), %s %ldh%02ldm\n"), aduan_cli_time(due, off,
	    t), st->waktu_text, at > due ? _("LATE by") : ss->done ?
	    _("on time, to spare") : _("left"), m / 60, m % 60);
	if (unlisted)
		printf(_("     (counted on weekdays only: no holiday list for "
		    "%d)\n"), unlisted);
	if (explain)
		aduan_case_deadline(c, st->no, &start, &due, &unlisted,
		    explain_line, NULL);
}

/* The data of every time step st was done; repeats with when and who. */
static void
print_done(const struct aduan_case *c, const struct aduan_step *st,
    long off)
{
	const struct aduan_event *e;
	int i, k, n = 0;
	char t[32];

	for (i = 0; i < aduan_case_nevents(c); i++) {
		e = aduan_case_event(c, i);
		if (e->step != st->no || strcmp(e->event, "done") != 0)
			continue;
		if (n++ > 0)
			printf(_("     again %s by %s:\n"),
			    aduan_cli_time(e->happened, off, t), e->by);
		for (k = 0; k < e->nkv; k++) {
			printf("     %s: ", e->kv[k].key);
			aduan_cli_tsv_str(stdout, e->kv[k].val);
			printf("\n");
		}
	}
}

void
aduan_cli_case_text(const struct aduan_case *c, time_t now, int explain)
{
	const struct aduan_sop *sop = aduan_case_sop(c);
	long off = aduan_cal_utcoff(aduan_sop_cal(sop));
	const struct aduan_step *st;
	const struct aduan_stepstate *ss;
	const struct aduan_event *e;
	char t[32], t2[32], hint[512];
	int i, k;

	e = aduan_case_event(c, 0);
	printf("%s  %s\n", aduan_case_id(c), aduan_case_next(c) ?
	    _("open") : aduan_case_outcome(c));
	printf("SOP %s, revisi %s\n", aduan_sop_meta(sop, "nomor"),
	    aduan_sop_meta(sop, "revisi"));
	for (k = 0; e != NULL && k < e->nkv; k++)
		if (strcmp(e->kv[k].key, "isi") != 0) {
			printf("%s: ", e->kv[k].key);
			aduan_cli_tsv_str(stdout, e->kv[k].val);
			printf("\n");
		}
	for (i = 0; i < aduan_sop_nsteps(sop); i++) {
		st = aduan_sop_step_at(sop, i);
		ss = aduan_case_step(c, st->no);
		printf("\n%3d. %-5s %-16s %-14.14s %s\n", st->no,
		    _(status_word[aduan_case_status(c, st->no)]),
		    ss->last ? aduan_cli_time(ss->last->happened, off, t) : "",
		    ss->last ? ss->last->by : st->pelaksana->id, st->output);
		if (aduan_case_status(c, st->no) == ADUAN_STEP_NEXT)
			printf("     %s: %s\n", st->pelaksana->id,
			    aduan_step_hint(sop, st->no, aduan_case_id(c),
			    hint, sizeof(hint)));
		print_due(sop, c, st, now, explain);
		print_done(c, st, off);
	}
	printf(_("\nhistory:\n"));
	for (i = 0; i < aduan_case_nevents(c); i++) {
		e = aduan_case_event(c, i);
		printf(_("%4ld  %s  %-7s step %-3s by %s (recorded %s)"), e->seq,
		    aduan_cli_time(e->happened, off, t), e->event,
		    e->step ? (snprintf(hint, 8, "%d", e->step), hint) : "-",
		    e->by, aduan_cli_time(e->recorded, off, t2));
		for (k = 0; k < e->nkv; k++) {
			printf("%s%s=", k ? ", " : ": ", e->kv[k].key);
			aduan_cli_tsv_str(stdout, e->kv[k].val);
		}
		printf("\n");
	}
}

/* "deadline" and "late" of a step, as JSON members. */
static void
json_due(const struct aduan_case *c, const struct aduan_step *st, long off,
    time_t now)
{
	const struct aduan_stepstate *ss = aduan_case_step(c, st->no);
	time_t start, due, at;
	char t[32];

	if (!aduan_case_deadline(c, st->no, &start, &due, NULL, NULL, NULL)) {
		printf(",\"deadline\":null,\"late\":false");
		return;
	}
	at = ss->done ? ss->first->happened : now;
	printf(",\"deadline\":\"%s\",\"late\":%s",
	    aduan_time_fmt(due, off, t), at > due ? "true" : "false");
}

void
aduan_cli_case_json(const struct aduan_case *c, time_t now)
{
	const struct aduan_sop *sop = aduan_case_sop(c);
	long off = aduan_cal_utcoff(aduan_sop_cal(sop));
	const struct aduan_event *e;
	char t[32];
	int i, k, n;

	printf("{\"id\":\"%s\",\"status\":\"%s\",\"outcome\":",
	    aduan_case_id(c), aduan_case_next(c) ? "open" : "closed");
	aduan_cli_json_str(stdout, aduan_case_outcome(c));
	printf(aduan_case_next(c) ? ",\"next\":%d" : ",\"next\":null",
	    aduan_case_next(c));
	printf(",\"sop\":{\"nomor\":");
	aduan_cli_json_str(stdout, aduan_sop_meta(sop, "nomor"));
	printf(",\"revisi\":");
	aduan_cli_json_str(stdout, aduan_sop_meta(sop, "revisi"));
	printf("},\"steps\":[");
	for (i = 0; i < aduan_sop_nsteps(sop); i++) {
		const struct aduan_step *st = aduan_sop_step_at(sop, i);

		printf("%s{\"step\":%d,\"status\":\"%s\",\"kegiatan\":",
		    i ? "," : "", st->no,
		    status_word[aduan_case_status(c, st->no)]);
		aduan_cli_json_str(stdout, st->kegiatan);
		printf(",\"pelaksana\":\"%s\",\"output\":", st->pelaksana->id);
		aduan_cli_json_str(stdout, st->output);
		printf(",\"command\":\"%s\"", st->command);
		json_due(c, st, off, now);
		printf(",\"done\":[");
		for (k = 0, n = 0; k < aduan_case_nevents(c); k++) {
			e = aduan_case_event(c, k);
			if (e->step != st->no || strcmp(e->event, "done"))
				continue;
			printf("%s{\"seq\":%ld,\"happened\":\"%s\"", n++ ? "," :
			    "", e->seq, aduan_time_fmt(e->happened, off, t));
			printf(",\"recorded\":\"%s\",\"by\":",
			    aduan_time_fmt(e->recorded, off, t));
			aduan_cli_json_str(stdout, e->by);
			printf(",\"data\":");
			aduan_cli_json_data(stdout, e->kv, e->nkv);
			printf("}");
		}
		printf("]}");
	}
	printf("],\"events\":[");
	for (k = 0; k < aduan_case_nevents(c); k++) {
		e = aduan_case_event(c, k);
		printf("%s{\"seq\":%ld,\"happened\":\"%s\"", k ? "," : "",
		    e->seq, aduan_time_fmt(e->happened, off, t));
		printf(",\"recorded\":\"%s\",\"by\":",
		    aduan_time_fmt(e->recorded, off, t));
		aduan_cli_json_str(stdout, e->by);
		printf(e->step ? ",\"step\":%d" : ",\"step\":null", e->step);
		printf(",\"event\":");
		aduan_cli_json_str(stdout, e->event);
		printf(",\"data\":");
		aduan_cli_json_data(stdout, e->kv, e->nkv);
		printf("}");
	}
	printf("]}\n");
}

void
aduan_cli_case_tsv(const struct aduan_case *c)
{
	const struct aduan_sop *sop = aduan_case_sop(c);
	long off = aduan_cal_utcoff(aduan_sop_cal(sop));
	const struct aduan_stepstate *ss;
	char t[32];
	int i;

	for (i = 0; i < aduan_sop_nsteps(sop); i++) {
		const struct aduan_step *st = aduan_sop_step_at(sop, i);

		ss = aduan_case_step(c, st->no);
		printf("%s\t%d\t%s\t%s\t", aduan_case_id(c), st->no,
		    status_word[aduan_case_status(c, st->no)],
		    ss->last ? aduan_time_fmt(ss->last->happened, off, t) : "");
		aduan_cli_tsv_str(stdout, ss->last ? ss->last->by : "");
		printf("\t%s\t", st->pelaksana->id);
		aduan_cli_tsv_str(stdout, st->output);
		printf("\n");
	}
}

/* ---- the SOP (aduan sop) ---- */

/* One row of the table, its cells wrapped to their columns. */
static void
row(const char *const cell[6])
{
	static const int width[6] = { 3, 28, 12, 12, 8, 12 };
	const char *line[6][12];
	size_t len[6][12];
	int n[6], i, c, last, most = 1;

	for (c = 0; c < 6; c++) {
		n[c] = aduan_cli_wrap(cell[c], width[c], line[c], len[c], 12);
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

void
aduan_cli_sop_text(const struct aduan_sop *sop)
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

void
aduan_cli_sop_json(const struct aduan_sop *sop)
{
	char dur[32];
	int i, j, k, n;

	printf("{\"nomor\":");
	aduan_cli_json_str(stdout, aduan_sop_meta(sop, "nomor"));
	printf(",\"revisi\":");
	aduan_cli_json_str(stdout, aduan_sop_meta(sop, "revisi"));
	printf(",\"nama\":");
	aduan_cli_json_str(stdout, aduan_sop_meta(sop, "nama"));
	for (i = 0; lists[i] != NULL; i++) {
		const char *const *items = aduan_sop_list(sop, lists[i], &n);

		printf(",\"%s\":[", lists[i]);
		for (j = 0; j < n; j++) {
			printf(j ? "," : "");
			aduan_cli_json_str(stdout, items[j]);
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
			aduan_cli_json_str(stdout, vals[k]);
		}
		printf(",\"fields\":[");
		for (j = 0; j < st->nfields; j++) {
			printf(j ? "," : "");
			aduan_cli_json_str(stdout, st->fields[j].name);
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

/* ---- a case on one line (aduan list) ---- */

/* Step 1's value of key, the first field of that name, or "". */
static const char *
filed(const struct aduan_case *c, const char *key)
{
	const struct aduan_event *e = aduan_case_event(c, 0);
	const char *v = e ? aduan_event_get(e, key) : NULL;

	return v ? v : "";
}

void
aduan_cli_case_row(const struct aduan_case *c, int fmt, time_t now, int n)
{
	const struct aduan_sop *sop = aduan_case_sop(c);
	const struct aduan_step *next = aduan_sop_step(sop, aduan_case_next(c));
	const struct aduan_event *e = aduan_case_event(c, 0);
	const char *id = aduan_case_id(c);
	const char *status = next ? "open" : aduan_case_outcome(c);
	long off = aduan_cal_utcoff(aduan_sop_cal(sop));
	time_t start, due = 0;
	char t[32], d[32];
	int late;

	if (next == NULL || !aduan_case_deadline(c, next->no, &start, &due,
	    NULL, NULL, NULL))
		due = 0;
	late = due != 0 && due < now;
	d[0] = '\0';
	if (due != 0)
		aduan_time_fmt(due, off, d);
	if (fmt == 'j') {
		printf("%s{\"id\":\"%s\",\"filed\":\"%s\",\"pelapor\":",
		    n ? "," : "", id, e ? aduan_time_fmt(e->happened, off,
		    t) : "");
		aduan_cli_json_str(stdout, filed(c, "pelapor"));
		printf(",\"perihal\":");
		aduan_cli_json_str(stdout, filed(c, "perihal"));
		printf(",\"status\":\"%s\"", status);
		printf(next ? ",\"next\":%d,\"role\":\"%s\"" :
		    ",\"next\":null,\"role\":null", next ? next->no : 0,
		    next ? next->pelaksana->id : "");
		printf(due ? ",\"deadline\":\"%s\",\"late\":%s}" :
		    ",\"deadline\":null,\"late\":false}", d,
		    late ? "true" : "false");
	} else if (fmt == 's') {
		printf("%s\t%s\t", id, e ? aduan_time_fmt(e->happened, off,
		    t) : "");
		aduan_cli_tsv_str(stdout, filed(c, "pelapor"));
		printf("\t");
		aduan_cli_tsv_str(stdout, filed(c, "perihal"));
		printf(next ? "\t%s\t%d\t%s" : "\t%s\t\t", status,
		    next ? next->no : 0, next ? next->pelaksana->id : "");
		printf("\t%s\t%s\n", d, late ? "late" : "");
	} else {
		if (n == 0)
			printf("%-10s %-16s %-20s %-28s %-12s %s\n", "ID",
			    _("FILED"), "PELAPOR", "PERIHAL", "STATUS",
			    _("NEXT"));
		printf("%-10s %-16s ", id, e ? aduan_cli_time(e->happened,
		    off, t) : "");
		aduan_cli_cell(stdout, filed(c, "pelapor"), 20);
		printf(" ");
		aduan_cli_cell(stdout, filed(c, "perihal"), 28);
		printf(" %-12s", next ? _("open") : status);
		if (next)
			printf(" %d %s", next->no, next->pelaksana->id);
		if (due)
			printf(_(", due %s%s"), aduan_cli_time(due, off, t),
			    late ? _(" LATE") : "");
		printf("\n");
	}
}

/* ---- a late step (aduan overdue) ---- */

void
aduan_cli_late(const struct aduan_late *l, int fmt, int n)
{
	const struct aduan_step *st = aduan_sop_step(l->sop, l->step);
	long off = aduan_cal_utcoff(aduan_sop_cal(l->sop));
	long m = (l->late_by < 0 ? -l->late_by : l->late_by) / 60;
	char t[32];

	if (fmt == 'j') {
		printf("%s{\"id\":\"%s\",\"step\":%d,\"status\":\"%s\","
		    "\"pelaksana\":\"%s\",\"deadline\":\"%s\",\"late_minutes\":"
		    "%ld,\"output\":", n ? "," : "", l->id, l->step,
		    l->soon ? "soon" : "late", st->pelaksana->id,
		    aduan_time_fmt(l->deadline, off, t), l->late_by / 60);
		aduan_cli_json_str(stdout, st->output);
		printf(",\"kegiatan\":");
		aduan_cli_json_str(stdout, st->kegiatan);
		printf("}");
	} else if (fmt == 's') {
		printf("%s\t%d\t%s\t%s\t%s\t%ld\t", l->id, l->step,
		    l->soon ? "soon" : "late", st->pelaksana->id,
		    aduan_time_fmt(l->deadline, off, t), l->late_by / 60);
		aduan_cli_tsv_str(stdout, st->output);
		printf("\n");
	} else
		printf(l->soon ? _("%s  step %d  %s  %s: due %s, in %ldh%02ldm\n")
		    : _("%s  step %d  %s  %s: due %s, late by %ldh%02ldm\n"),
		    l->id, l->step, st->output, st->pelaksana->id,
		    aduan_cli_time(l->deadline, off, t), m / 60, m % 60);
}
