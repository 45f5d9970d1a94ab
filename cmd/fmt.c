/*
 * fmt.c - the forms the commands print in: JSON and TSV strings for the
 * contracts scripts read, and cells, wrapped lines and times for people.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

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
fmt_json_data(FILE *f, const struct aduan_kv *kv, int n)
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
		fmt_json_str(f, kv[i].key);
		fputc(':', f);
		if (count == 1) {
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

const char *
fmt_time(time_t t, long utcoff, char buf[32])
{
	aduan_time_fmt(t, utcoff, buf);
	buf[10] = ' ';
	buf[16] = '\0';
	return buf;
}

void
fmt_cell(FILE *f, const char *s, int width)
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
