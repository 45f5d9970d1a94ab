/*
 * scan.c - the scan of a data directory's cases (aduan_store_scan): in
 * the order of their IDs, newest first, or as the folders list them.
 * The sorted scan keeps what it lists as bits, so that its memory is an
 * eighth of a byte a case, not a name's.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

int
store_name_id(const char *name, char id[ADUAN_ID_MAX + 1])
{
	size_t n = strlen(name);

	if (n < 5 || n > ADUAN_ID_MAX + 4 || strcmp(name + n - 4, ".log") != 0)
		return -1;
	memcpy(id, name, n - 4);
	id[n - 4] = '\0';
	return aduan_id_check(id, NULL);
}

/*
 * IDs in order: by year, then by number (longer numbers are larger),
 * whatever office's code comes before them; then by the code.
 */
static int
cmp_id(const void *a, const void *b)
{
	const char *x, *y;
	size_t lx, ly;
	int r;

	/* Most IDs have no office's code: the year, the length, the rest. */
	if (*(const char *)a <= '9' && *(const char *)b <= '9') {
		if ((r = memcmp(a, b, 4)) != 0)
			return r;
		lx = strlen(a);
		ly = strlen(b);
		return lx != ly ? (lx < ly ? -1 : 1) : strcmp(a, b);
	}
	x = id_year(a);
	y = id_year(b);
	lx = strlen(x);
	ly = strlen(y);
	if ((r = strncmp(x, y, 4)) != 0)
		return r;
	if (lx != ly)
		return lx < ly ? -1 : 1;
	if ((r = strcmp(x, y)) != 0)
		return r;
	return strcmp(a, b);
}

int
store_cmp_id(const char *a, const char *b)
{
	return cmp_id(a, b);
}

/*
 * The sorted scan keeps the IDs it lists as bits: a case's number in a
 * bitmap of its year, office and folder.  Numbers are given out in turn,
 * so that the bits take an eighth of a byte a case; a folder whose
 * numbers are too far apart for that (or of too many years and offices)
 * is listed again into a list of names instead.
 */
#define GROUPS 64

struct group {
	char office[8];		/* the office's code, or "" */
	int year;
	int closed;
	uint64_t *bits;		/* bit n: number n */
	size_t words;
};

struct bitscan {
	struct group g[GROUPS];
	int n;
	size_t bytes, cases;
};

/* The office, year and number of a valid ID. */
static void
id_parts(const char *id, char office[8], int *year, long *num)
{
	const char *s = id_year(id);
	size_t k = s > id ? (size_t)(s - id - 1) : 0;

	memcpy(office, id, k);
	office[k] = '\0';
	*year = (int)strtol(s, NULL, 10);
	*num = strtol(s + 5, NULL, 10);
}

/* Note id as met in its folder: 0, or -1 when bits will not do. */
static int
bit_put(struct bitscan *b, const char *id, int closed)
{
	char office[8];
	struct group *g = NULL;
	long num;
	size_t w;
	int year, i;

	id_parts(id, office, &year, &num);
	for (i = b->n - 1; i >= 0 && g == NULL; i--)
		if (b->g[i].year == year && b->g[i].closed == closed &&
		    strcmp(b->g[i].office, office) == 0)
			g = &b->g[i];
	if (g == NULL) {
		if (b->n == GROUPS)
			return -1;
		g = &b->g[b->n++];
		memcpy(g->office, office, sizeof(office));
		g->year = year;
		g->closed = closed;
	}
	b->cases++;
	if ((w = (size_t)num / 64) >= g->words) {
		size_t words = w + 1 + w / 4;
		uint64_t *p;

		/* Bits cost no more than a list of names would. */
		if ((b->bytes + (words - g->words) * 8 > 65536 &&
		    b->bytes + (words - g->words) * 8 > b->cases * 8) ||
		    (p = realloc(g->bits, words * 8)) == NULL)
			return -1;
		memset(p + g->words, 0, (words - g->words) * 8);
		b->bytes += (words - g->words) * 8;
		g->bits = p;
		g->words = words;
	}
	g->bits[w] |= (uint64_t)1 << (num % 64);
	return 0;
}

static void
bit_free(struct bitscan *b)
{
	int i;

	for (i = 0; i < b->n; i++)
		free(b->g[i].bits);
	b->n = 0;
}

/* Offices in the order of their IDs: none first, then as the codes go. */
static int
cmp_office(const char *a, const char *b)
{
	size_t i;

	if (a[0] == '\0' || b[0] == '\0')
		return (a[0] != '\0') - (b[0] != '\0');
	/* "KRG-2026" against "KRGA-2026": the hyphen comes first. */
	for (i = 0; a[i] == b[i] && a[i] != '\0'; i++)
		;
	return (unsigned char)(a[i] ? a[i] : '-') -
	    (unsigned char)(b[i] ? b[i] : '-');
}

static int
cmp_group(const void *x, const void *y)
{
	const struct group *a = x, *b = y;
	int r = cmp_office(a->office, b->office);

	return a->year != b->year ? (a->year > b->year) - (a->year < b->year) :
	    r != 0 ? r : a->closed - b->closed;
}

/* The ID of number num of group g, as aduan writes it: KRG-2026-0042. */
static void
id_format(char id[ADUAN_ID_MAX + 1], const struct group *g, size_t num)
{
	char digits[24];
	size_t n = strlen(g->office), k = 0;
	int y = g->year, i;

	memcpy(id, g->office, n);
	if (n > 0)
		id[n++] = '-';
	for (i = 3; i >= 0; i--, y /= 10)
		id[n + (size_t)i] = (char)('0' + y % 10);
	n += 4;
	id[n++] = '-';
	do
		digits[k++] = (char)('0' + num % 10);
	while ((num /= 10) != 0);
	while (k < 4)
		digits[k++] = '0';
	while (k > 0)
		id[n++] = digits[--k];
	id[n] = '\0';
}

/* fn for every ID noted, in order of ID (newest first when back). */
static int
bit_walk(struct bitscan *b, int back, int (*fn)(const char *, int, void *),
    void *arg)
{
	char id[ADUAN_ID_MAX + 1];
	int span[GROUPS][2], nspan = 0, si, first, last, j, ji, k, ki, r = 0;
	size_t words, w, wi;
	uint64_t any;

	qsort(b->g, (size_t)b->n, sizeof(b->g[0]), cmp_group);
	/* The groups of each year, g[first..last], the years in order. */
	for (j = 0; j < b->n; j++)
		if (j == 0 || b->g[j].year != b->g[j - 1].year) {
			span[nspan][0] = span[nspan][1] = j;
			nspan++;
		} else
			span[nspan - 1][1] = j;
	for (si = 0; si < nspan && r == 0; si++) {
		first = span[back ? nspan - 1 - si : si][0];
		last = span[back ? nspan - 1 - si : si][1];
		for (words = 0, j = first; j <= last; j++)
			if (b->g[j].words > words)
				words = b->g[j].words;
		for (wi = 0; wi < words && r == 0; wi++) {
			w = back ? words - 1 - wi : wi;
			for (any = 0, j = first; j <= last; j++)
				if (w < b->g[j].words)
					any |= b->g[j].bits[w];
			for (ki = 0; ki < 64 && any != 0 && r == 0; ki++) {
				k = back ? 63 - ki : ki;
				if (!(any >> k & 1))
					continue;
				/* One number: each office's, open then closed. */
				for (ji = 0; ji <= last - first && r == 0; ji++) {
					struct group *g = &b->g[back ? last - ji :
					    first + ji];

					if (w >= g->words || !(g->bits[w] >> k & 1))
						continue;
					id_format(id, g, w * 64 + (size_t)k);
					r = fn(id, g->closed, arg);
				}
			}
		}
	}
	return r;
}

/*
 * List open/ (then closed/, with all) into b: 0, 1 when bits will not do,
 * -1 with err.
 */
static int
list_bits(struct aduan_store *st, int all, struct bitscan *b,
    struct aduan_err *err)
{
	char id[ADUAN_ID_MAX + 1];
	struct dirent *de;
	DIR *d;
	int pass, fd, r = 0;

	for (pass = 0; pass < 1 + !!(all & ADUAN_SCAN_CLOSED) && r == 0;
	    pass++) {
		fd = openat(pass ? st->closedfd : st->openfd, ".", O_RDONLY |
		    O_DIRECTORY | O_CLOEXEC);
		if (fd == -1 || (d = fdopendir(fd)) == NULL) {
			if (fd != -1)
				close(fd);
			return err_set(err, ADUAN_E_IO, _("cannot list the "
			    "cases: %s"), strerror(errno));
		}
		while (r == 0 && (de = readdir(d)) != NULL)
			if (store_name_id(de->d_name, id) == 0 &&
			    bit_put(b, id, pass) == -1)
				r = 1;
		closedir(d);
	}
	return r;
}

int
aduan_store_scan(struct aduan_store *st, int all,
    int (*fn)(const char *, int, void *), void *arg, struct aduan_err *err)
{
	char (*ids)[ADUAN_ID_MAX + 2] = NULL, id[ADUAN_ID_MAX + 1];
	size_t n = 0, cap = 0, i;
	struct bitscan b;
	struct dirent *de;
	DIR *d;
	int pass, fd, k, r = 0;

	if (!(all & ADUAN_SCAN_ANYORDER)) {
		memset(&b, 0, sizeof(b));
		if ((k = list_bits(st, all, &b, err)) == 0)
			k = bit_walk(&b, all & ADUAN_SCAN_NEWEST, fn, arg);
		else if (k == 1)
			k = INT_MIN;	/* too far apart: a list of names */
		bit_free(&b);
		if (k != INT_MIN)
			return k;
	}
	for (pass = 0; pass < 1 + !!(all & ADUAN_SCAN_CLOSED); pass++) {
		fd = openat(pass ? st->closedfd : st->openfd, ".", O_RDONLY |
		    O_DIRECTORY | O_CLOEXEC);
		if (fd == -1 || (d = fdopendir(fd)) == NULL) {
			if (fd != -1)
				close(fd);
			free(ids);
			return err_set(err, ADUAN_E_IO, _("cannot list the "
			    "cases: %s"), strerror(errno));
		}
		while ((de = readdir(d)) != NULL) {
			if (store_name_id(de->d_name, id) == -1)
				continue;
			if (all & ADUAN_SCAN_ANYORDER) {
				if ((r = fn(id, pass, arg)) != 0)
					break;
				continue;
			}
			if (n == cap) {
				void *p = realloc(ids, (cap = cap ? cap * 2 :
				    256) * sizeof(*ids));

				if (p == NULL) {
					closedir(d);
					free(ids);
					return err_set(err, ADUAN_E_IO,
					    _("out of memory"));
				}
				ids = p;
			}
			/* The last byte says which directory it came from. */
			memcpy(ids[n], id, sizeof(id));
			ids[n++][ADUAN_ID_MAX + 1] = (char)pass;
		}
		closedir(d);
		if (r != 0)
			return r;
	}
	if (n > 0)
		qsort(ids, n, sizeof(*ids), cmp_id);
	for (i = 0; i < n && r == 0; i++) {
		size_t at = all & ADUAN_SCAN_NEWEST ? n - 1 - i : i;

		r = fn(ids[at], ids[at][ADUAN_ID_MAX + 1], arg);
	}
	free(ids);
	return r;
}
