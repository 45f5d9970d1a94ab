/*
 * fmt.c - the forms the commands print in: JSON and TSV strings for the
 * contracts scripts read, and cells, wrapped lines and times for people.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int hidden(unsigned long);

void
fmt_json_str(FILE *f, const char *s)
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
fmt_wrap(const char *s, int width, const char **lines, size_t *lens,
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
fmt_tsv_str(FILE *f, const char *s)
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
fmt_json_data(FILE *f, const struct aduan_kv *kv, int n,
    const struct aduan_step *st)
{
	const struct aduan_field *fld;
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
		fmt_json_str(f, kv[i].key);
		fputc(':', f);
		/* A field that may repeat is a list, even of one. */
		if (count == 1 && !(st != NULL && (fld = aduan_step_field(st,
		    kv[i].key)) != NULL && fld->multiple)) {
			fmt_json_str(f, kv[i].val);
			continue;
		}
		fputc('[', f);
		for (k = i, j = 0; k < n; k++)
			if (strcmp(kv[k].key, kv[i].key) == 0) {
				fprintf(f, "%s", j++ ? "," : "");
				fmt_json_str(f, kv[k].val);
			}
		fputc(']', f);
	}
	fputc('}', f);
}

const char *
fmt_office(long seconds, char buf[32])
{
	long m = (seconds < 0 ? -seconds : seconds) / 60;

	snprintf(buf, 32, "%ldh%02ldm", m / 60, m % 60);
	return buf;
}

int
fmt_office_style(void)
{
	/*
	 * TRANSLATORS: "date-style: hari" makes the text output write times
	 * and spans the Indonesian way ("Kamis, 5 Mar 2026 09.00",
	 * "3 hari 2 jam 5 menit"); anything else keeps "2026-03-05 09:00".
	 */
	static int style = -1;

	/* The locale is set once, at start: asked once. */
	if (style == -1)
		style = strcmp(_("date-style: iso"), "date-style: hari") == 0;
	return style;
}

const char *
fmt_time(time_t t, long utcoff, char buf[32])
{
	static const char *const days[] = { "Kamis", "Jumat", "Sabtu",
	    "Minggu", "Senin", "Selasa", "Rabu" };
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr",
	    "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des" };
	long long l = (long long)t + utcoff;
	long day = (long)(l >= 0 ? l / 86400 : (l - 86399) / 86400);
	char iso[32];

	aduan_time_fmt(t, utcoff, iso);
	if (!fmt_office_style() || iso[4] != '-') {
		memcpy(buf, iso, 32);
		buf[10] = ' ';
		buf[16] = '\0';
		return buf;
	}
	/* 1970-01-01 was a Thursday. */
	snprintf(buf, 32, "%s, %d %s %.4s %.2s.%.2s", days[((day % 7) + 7) %
	    7], atoi(iso + 8), months[atoi(iso + 5) - 1], iso, iso + 11,
	    iso + 14);
	return buf;
}

const char *
fmt_span(const struct aduan_cal *cal, time_t from, time_t to, long office,
    char buf[64])
{
	struct aduan_dur one = { ADUAN_UNIT_HARI, 1 };
	time_t at = from, next;
	long m, days = 0;

	if (!fmt_office_style())
		return fmt_office(office, buf);
	/* Whole working days first, the same clock time each, then the rest. */
	while (days < 100000 && aduan_cal_add(cal, at, &one, &next, NULL,
	    NULL, NULL) == 0 && next <= to) {
		at = next;
		days++;
	}
	m = (days ? aduan_cal_working(cal, at, to) : office) / 60;
	if (days > 0 && m == 0)
		snprintf(buf, 64, "%ld hari", days);
	else if (days > 0 && m % 60 == 0)
		snprintf(buf, 64, "%ld hari %ld jam", days, m / 60);
	else if (days > 0)
		snprintf(buf, 64, "%ld hari %ld jam %ld menit", days, m / 60,
		    m % 60);
	else if (m >= 60)
		snprintf(buf, 64, m % 60 ? "%ld jam %ld menit" : "%ld jam",
		    m / 60, m % 60);
	else
		snprintf(buf, 64, "%ld menit", m);
	return buf;
}

void
fmt_cell(FILE *f, const char *s, int width)
{
	int cols = 0;

	for (; *s != '\0' && cols < width; cols++) {
		unsigned long cp = (unsigned char)*s;
		int n = 1;

		while ((s[n] & 0xc0) == 0x80)
			n++;
		if (n > 1)
			for (int i = 0; i < n; i++)
				cp = i == 0 ? cp & (0x7f >> n) : cp << 6 |
				    (s[i] & 0x3f);
		/* A tab or line break in a cell would break the table. */
		if (*s == '\t' || *s == '\n' || *s == '\r')
			fputc(' ', f);
		else if (hidden(cp))
			fputc('?', f);
		else
			fwrite(s, 1, (size_t)n, f);
		s += n;
	}
	fprintf(f, "%*s", width - cols, "");
}

/* Whether code point cp is one a screen must not get raw. */
static int
hidden(unsigned long cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0xad ||
	    (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2060 && cp <= 0x206f) || cp == 0xfeff ||
	    (cp >= 0xfff9 && cp <= 0xfffb) || (cp >= 0xe0000 && cp <= 0xe007f);
}

void
fmt_clean(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p != '\0') {
		unsigned long cp = *p;
		int n = 0, i;

		if (*p >= 0xc2 && *p <= 0xdf)
			n = 1, cp = *p & 0x1f;
		else if (*p >= 0xe0 && *p <= 0xef)
			n = 2, cp = *p & 0x0f;
		else if (*p >= 0xf0 && *p <= 0xf4)
			n = 3, cp = *p & 0x07;
		else if (*p >= 0x80) {
			fprintf(f, "\\x%02x", *p++);	/* not UTF-8 */
			continue;
		}
		for (i = 1; i <= n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				break;
			cp = cp << 6 | (p[i] & 0x3f);
		}
		if (i <= n) {
			fprintf(f, "\\x%02x", *p++);
			continue;
		}
		if (cp == '\t')
			fputs("\\t", f);
		else if (cp == '\n')
			fputs("\\n", f);
		else if (cp == '\r')
			fputs("\\r", f);
		else if (hidden(cp))
			fprintf(f, cp < 0x100 ? "\\x%02lx" : "\\u%04lx", cp);
		else
			fwrite(p, 1, (size_t)n + 1, f);
		p += n + 1;
	}
}

const char *
fmt_cleaned(const char *s, char *buf, size_t n)
{
	FILE *f = fmemopen(buf, n, "w");

	if (f == NULL) {
		snprintf(buf, n, "?");
		return buf;
	}
	fmt_clean(f, s);
	fputc('\0', f);
	fclose(f);
	buf[n - 1] = '\0';
	return buf;
}

int
fmt_time_width(void)
{
	return fmt_office_style() ? 25 : 16;
}

int
fmt_width(const char *s)
{
	int cols = 0;

	for (; *s != '\0'; s++)
		cols += ((unsigned char)*s & 0xc0) != 0x80;
	return cols;
}
