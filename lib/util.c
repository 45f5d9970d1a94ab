/*
 * util.c - the arena allocator and the error record, shared by every part
 * of libaduan.  Nothing here prints or exits.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct arena_chunk {
	struct arena_chunk *next;
	size_t used;
	size_t size;
	max_align_t data[];
};

#define CHUNK_MIN 16384

void *
arena_alloc(struct arena *a, size_t n)
{
	struct arena_chunk *c = a->head;
	size_t al = sizeof(max_align_t);
	void *p;

	n = (n + al - 1) / al * al;
	if (n == 0)
		n = al;
	if (c == NULL || c->size - c->used < n) {
		size_t sz = n > CHUNK_MIN ? n : CHUNK_MIN;

		if ((c = malloc(sizeof(*c) + sz)) == NULL)
			return NULL;
		c->next = a->head;
		c->used = 0;
		c->size = sz;
		a->head = c;
	}
	p = (char *)c->data + c->used;
	c->used += n;
	memset(p, 0, n);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p;

	if ((p = arena_alloc(a, n + 1)) == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
arena_free(struct arena *a)
{
	struct arena_chunk *c, *next;

	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	a->head = NULL;
}

void
aduan_err_clear(struct aduan_err *e)
{
	memset(e, 0, sizeof(*e));
}

int
err_vset(struct aduan_err *e, enum aduan_errcat cat, const char *file,
    int line, int col, const char *fmt, va_list ap)
{
	if (e == NULL)
		return -1;
	e->cat = cat;
	e->line = line;
	e->col = col;
	snprintf(e->file, sizeof(e->file), "%s", file ? file : "");
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	return -1;
}

int
err_set(struct aduan_err *e, enum aduan_errcat cat, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_vset(e, cat, NULL, 0, 0, fmt, ap);
	va_end(ap);
	return -1;
}

int
err_prefix(struct aduan_err *err, const char *what)
{
	char msg[sizeof(err->msg)];

	memcpy(msg, err->msg, sizeof(msg));
	return err_set(err, err->cat, "%s: %s", what, msg);
}

int
err_at(struct aduan_err *e, enum aduan_errcat cat, const char *file,
    int line, int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_vset(e, cat, file, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

const char *
aduan_err_str(const struct aduan_err *e, char *buf, size_t n)
{
	if (e->file[0] != '\0' && e->line > 0)
		snprintf(buf, n, "%s:%d:%d: %s", e->file, e->line, e->col,
		    e->msg);
	else if (e->file[0] != '\0')
		snprintf(buf, n, "%s: %s", e->file, e->msg);
	else
		snprintf(buf, n, "%s", e->msg);
	return buf;
}

/* Howard Hinnant's days-from-civil algorithm, in our own words. */
long
days_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int
parse_date(const char *s, int *y, int *m, int *d)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int i, leap;

	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return -1;
		} else if (s[i] < '0' || s[i] > '9')
			return -1;
	}
	if (s[10] != '\0')
		return -1;
	*y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	*m = (s[5] - '0') * 10 + (s[6] - '0');
	*d = (s[8] - '0') * 10 + (s[9] - '0');
	if (*y < 1970 || *m < 1 || *m > 12 || *d < 1 || *d > mdays[*m - 1])
		return -1;
	leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
	if (*m == 2 && *d == 29 && !leap)
		return -1;
	return 0;
}
