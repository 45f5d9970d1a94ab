/*
 * calendar.c - the office calendar (aduan-sop(5)): office hours per weekday
 * with their rest breaks, date-ranged schedules such as Ramadan hours,
 * holidays and cuti bersama by date with the decree they come from, the
 * five holidays fixed by date, and office overrides that open a closed day.
 *
 * Contract: cal_build accepts only a calendar whose every time and date is
 * real (no 24:00 opening, no 30 February, intervals ascending and apart)
 * and answers aduan_cal_day for any date, saying whether the date's year
 * has a holiday list at all, so that no caller can mistake a year without a
 * decree for a year without holidays.  Time zone: Asia/Jakarta, UTC+7,
 * which has had no daylight saving since 1964.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define MAXSPANS 8

struct week {
	struct aduan_span spans[7][MAXSPANS];	/* 0 = Monday */
	int n[7];
};

struct special {
	const char *nama;
	long from, to;		/* days since the epoch, inclusive */
	struct week wk;
};

struct holiday {
	long day;
	int m, d;		/* for the fixed ones */
	const char *nama;
	enum aduan_dayoff kind;
};

struct openday {
	long day;
	int nspans;		/* -1: the weekday's usual hours */
	struct aduan_span spans[MAXSPANS];
};

/*
 * What the calendar says of one day, worked out the first time the day
 * is asked about: the counting walks days, and the same few hundred days
 * are asked about for every case of a scan.
 */
struct dayinfo {
	const struct aduan_span *spans;	/* the week's, or an open day's */
	const char *name;	/* the holiday's */
	int secs;		/* office seconds in the whole day */
	short year;
	signed char n;		/* spans; -1 until worked out */
	unsigned char kind, listed;
};

struct aduan_cal {
	long utcoff;
	/* The days from the year before the first listed to the year after
	   the last, forty years at most: days since the epoch
	   [d0, d0 + ndays). */
	struct dayinfo *days;
	long d0, ndays;
	struct week wk;
	struct special *sp;
	int nsp;
	struct holiday *hol;	/* dated ones, from the yearly lists */
	int nhol;
	struct holiday *fixed;
	int nfixed;
	int *years;
	int nyears;
	struct openday *open;
	int nopen;
};

static const char *const daynames[7] = {
	"senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu"
};

static int
two(const char *p)
{
	if (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9')
		return -1;
	return (p[0] - '0') * 10 + (p[1] - '0');
}

/* "HH:MM" at p into minutes after midnight, or -1. */
static int
hhmm(const char *p)
{
	int h = two(p), m = two(p + 3);

	if (h < 0 || m < 0 || p[2] != ':' || h > 23 || m > 59)
		return -1;
	return h * 60 + m;
}

static int
load_spans(struct vctx *v, const struct ynode *s, const char *what,
    struct aduan_span *out, int *n)
{
	int i;

	if (v_seq(v, s, what) == -1)
		return -1;
	if (s->nkids > MAXSPANS)
		return v_fail(v, s, _("%s: at most %d intervals a day"), what,
		    MAXSPANS);
	for (i = 0; i < s->nkids; i++) {
		const struct ynode *k = s->kids[i];
		int o, c;

		if (v_scalar(v, k, what) == -1)
			return -1;
		if (strlen(k->s) != 11 || k->s[5] != '-' ||
		    (o = hhmm(k->s)) < 0 || (c = hhmm(k->s + 6)) < 0)
			return v_fail(v, k, _("%s: bad office hours '%s' "
			    "(expected HH:MM-HH:MM)"), what, k->s);
		if (c <= o)
			return v_fail(v, k, _("%s: '%s' closes before it "
			    "opens"), what, k->s);
		if (i > 0 && o <= out[i - 1].close)
			return v_fail(v, k, _("%s: '%s' overlaps or touches "
			    "the interval before it"), what, k->s);
		out[i].open = o;
		out[i].close = c;
	}
	*n = s->nkids;
	return 0;
}

static int
load_week(struct vctx *v, const struct ynode *m, struct week *wk)
{
	static const char *const keys[] = {
		"!senin", "!selasa", "!rabu", "!kamis", "!jumat", "!sabtu",
		"!minggu", NULL
	};
	int d;

	if (v_map(v, m, "jam_kerja", keys) == -1)
		return -1;
	for (d = 0; d < 7; d++)
		if (load_spans(v, v_get(m, daynames[d]), daynames[d],
		    wk->spans[d], &wk->n[d]) == -1)
			return -1;
	return 0;
}

static int
get_date(struct vctx *v, const struct ynode *map, const char *key,
    long *day, int *year)
{
	const struct ynode *n = v_get(map, key);
	int y, m, d;

	if (v_scalar(v, n, key) == -1)
		return -1;
	if (parse_date(n->s, &y, &m, &d) == -1)
		return v_fail(v, n, _("%s: bad date '%s' (expected a real "
		    "date as YYYY-MM-DD)"), key, n->s);
	*day = days_from_civil(y, m, d);
	if (year != NULL)
		*year = y;
	return 0;
}

static int
get_kind(struct vctx *v, const struct ynode *map, enum aduan_dayoff *kind)
{
	const struct ynode *n = v_get(map, "jenis");

	if (v_scalar(v, n, "jenis") == -1)
		return -1;
	if (strcmp(n->s, "libur nasional") == 0)
		*kind = ADUAN_LIBUR;
	else if (strcmp(n->s, "cuti bersama") == 0)
		*kind = ADUAN_CUTI;
	else
		return v_fail(v, n, _("jenis: '%s' is neither 'libur "
		    "nasional' nor 'cuti bersama'"), n->s);
	return 0;
}

static int
load_specials(struct vctx *v, struct aduan_cal *cal, const struct ynode *s)
{
	static const char *const keys[] = {
		"!nama", "!mulai", "!sampai", "sumber", "!jam_kerja", NULL
	};
	int i;

	if (s == NULL)
		return 0;
	if (v_seq(v, s, "jadwal_khusus") == -1)
		return -1;
	cal->sp = arena_alloc(v->a, sizeof(*cal->sp) * (size_t)(s->nkids + 1));
	if (cal->sp == NULL)
		return v_fail(v, s, _("out of memory"));
	for (i = 0; i < s->nkids; i++) {
		const struct ynode *e = s->kids[i];
		struct special *p = &cal->sp[i];
		const char *src;

		if (v_map(v, e, "jadwal_khusus", keys) == -1 ||
		    v_str(v, e, "nama", &p->nama) == -1 ||
		    v_str(v, e, "sumber", &src) == -1 ||
		    get_date(v, e, "mulai", &p->from, NULL) == -1 ||
		    get_date(v, e, "sampai", &p->to, NULL) == -1 ||
		    load_week(v, v_get(e, "jam_kerja"), &p->wk) == -1)
			return -1;
		if (p->to < p->from)
			return v_fail(v, v_get(e, "sampai"), _("sampai is "
			    "before mulai"));
	}
	cal->nsp = s->nkids;
	return 0;
}

static int
load_fixed(struct vctx *v, struct aduan_cal *cal, const struct ynode *s)
{
	static const char *const keys[] = {
		"!tanggal", "!nama", "!jenis", NULL
	};
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int i;

	if (s == NULL)
		return 0;
	if (v_seq(v, s, "libur_tetap") == -1)
		return -1;
	cal->fixed = arena_alloc(v->a, sizeof(*cal->fixed) *
	    (size_t)(s->nkids + 1));
	if (cal->fixed == NULL)
		return v_fail(v, s, _("out of memory"));
	for (i = 0; i < s->nkids; i++) {
		const struct ynode *e = s->kids[i], *t;
		struct holiday *h = &cal->fixed[i];

		if (v_map(v, e, "libur_tetap", keys) == -1 ||
		    v_str(v, e, "nama", &h->nama) == -1 ||
		    get_kind(v, e, &h->kind) == -1 ||
		    v_scalar(v, t = v_get(e, "tanggal"), "tanggal") == -1)
			return -1;
		h->m = two(t->s);
		h->d = strlen(t->s) == 5 && t->s[2] == '-' ? two(t->s + 3) : -1;
		if (h->m < 1 || h->m > 12 || h->d < 1 || h->d > mdays[h->m - 1])
			return v_fail(v, t, _("tanggal: bad month and day '%s' "
			    "(expected MM-DD)"), t->s);
	}
	cal->nfixed = s->nkids;
	return 0;
}

static int
cmp_holiday(const void *a, const void *b)
{
	const struct holiday *x = a, *y = b;

	return (x->day > y->day) - (x->day < y->day);
}

static int
load_years(struct vctx *v, struct aduan_cal *cal, const struct ynode *s)
{
	static const char *const ykeys[] = {
		"!tahun", "!keputusan", "sumber", "!libur", NULL
	};
	static const char *const hkeys[] = {
		"!tanggal", "!nama", "!jenis", NULL
	};
	int i, j, k, total = 0;

	if (s == NULL)
		return 0;
	if (v_seq(v, s, "tahun") == -1)
		return -1;
	for (i = 0; i < s->nkids; i++) {
		const struct ynode *l = v_get(s->kids[i], "libur");

		if (l != NULL && l->kind == Y_SEQ)
			total += l->nkids;
	}
	cal->years = arena_alloc(v->a, sizeof(int) * (size_t)(s->nkids + 1));
	cal->hol = arena_alloc(v->a, sizeof(*cal->hol) * (size_t)(total + 1));
	if (cal->years == NULL || cal->hol == NULL)
		return v_fail(v, s, _("out of memory"));
	for (i = 0; i < s->nkids; i++) {
		const struct ynode *e = s->kids[i], *l;
		const char *dec;
		const char *const *src;
		long year;
		int nsrc;

		if (v_map(v, e, "tahun", ykeys) == -1 ||
		    v_int(v, e, "tahun", 1970, 9999, &year) == -1 ||
		    v_str(v, e, "keputusan", &dec) == -1 ||
		    v_strlist(v, e, "sumber", &src, &nsrc) == -1 ||
		    v_seq(v, l = v_get(e, "libur"), "libur") == -1)
			return -1;
		for (j = 0; j < cal->nyears; j++)
			if (cal->years[j] == year)
				return v_fail(v, v_get(e, "tahun"),
				    _("year %ld is listed twice"), year);
		cal->years[cal->nyears++] = (int)year;
		for (j = 0; j < l->nkids; j++) {
			struct holiday *h = &cal->hol[cal->nhol];
			int y;

			if (v_map(v, l->kids[j], "libur", hkeys) == -1 ||
			    v_str(v, l->kids[j], "nama", &h->nama) == -1 ||
			    get_kind(v, l->kids[j], &h->kind) == -1 ||
			    get_date(v, l->kids[j], "tanggal", &h->day,
			    &y) == -1)
				return -1;
			if (y != year)
				return v_fail(v, v_get(l->kids[j], "tanggal"),
				    _("tanggal: %s is not in %ld"),
				    v_get(l->kids[j], "tanggal")->s, year);
			for (k = 0; k < cal->nhol; k++)
				if (cal->hol[k].day == h->day)
					return v_fail(v, v_get(l->kids[j],
					    "tanggal"), _("tanggal: %s is "
					    "listed twice"), v_get(l->kids[j],
					    "tanggal")->s);
			cal->nhol++;
		}
	}
	if (cal->nhol > 0)
		qsort(cal->hol, (size_t)cal->nhol, sizeof(*cal->hol),
		    cmp_holiday);
	/* Insertion sort: a handful of years. */
	for (i = 1; i < cal->nyears; i++)
		for (j = i; j > 0 && cal->years[j - 1] > cal->years[j]; j--) {
			int t = cal->years[j];

			cal->years[j] = cal->years[j - 1];
			cal->years[j - 1] = t;
		}
	return 0;
}

static int
load_open(struct vctx *v, struct aduan_cal *cal, const struct ynode *s)
{
	static const char *const keys[] = {
		"!tanggal", "!alasan", "jam_kerja", NULL
	};
	int i;

	if (s == NULL)
		return 0;
	if (v_seq(v, s, "buka") == -1)
		return -1;
	cal->open = arena_alloc(v->a, sizeof(*cal->open) *
	    (size_t)(s->nkids + 1));
	if (cal->open == NULL)
		return v_fail(v, s, _("out of memory"));
	for (i = 0; i < s->nkids; i++) {
		const struct ynode *e = s->kids[i], *h;
		struct openday *o = &cal->open[i];
		const char *why;

		if (v_map(v, e, "buka", keys) == -1 ||
		    v_str(v, e, "alasan", &why) == -1 ||
		    get_date(v, e, "tanggal", &o->day, NULL) == -1)
			return -1;
		o->nspans = -1;
		if ((h = v_get(e, "jam_kerja")) != NULL &&
		    load_spans(v, h, "jam_kerja", o->spans, &o->nspans) == -1)
			return -1;
		/* Opened by the office, the day must have hours. */
		if (h == NULL && cal->wk.n[(int)(((o->day % 7) + 7 + 3) %
		    7)] == 0)
			return v_fail(v, e, _("buka: that day has no office "
			    "hours of its own (a weekend day); give its "
			    "jam_kerja"));
		if (o->nspans == 0)
			return v_fail(v, h, _("buka: jam_kerja needs at least "
			    "one interval"));
	}
	cal->nopen = s->nkids;
	return 0;
}

struct aduan_cal *
cal_build(struct vctx *v, const struct ynode *root)
{
	static const char *const keys[] = {
		"!format", "!zona", "!utc_offset", "sumber", "catatan",
		"!jam_kerja", "jadwal_khusus", "libur_tetap", "tahun", "buka",
		NULL
	};
	struct aduan_cal *cal;
	const char *zona, *off;
	const char *const *src;
	long format;
	int nsrc;

	if ((cal = arena_alloc(v->a, sizeof(*cal))) == NULL) {
		v_fail(v, root, _("out of memory"));
		return NULL;
	}
	if (v_map(v, root, "the calendar file", keys) == -1 ||
	    v_int(v, root, "format", 1, 1, &format) == -1 ||
	    v_str(v, root, "zona", &zona) == -1 ||
	    v_str(v, root, "utc_offset", &off) == -1 ||
	    v_strlist(v, root, "sumber", &src, &nsrc) == -1)
		return NULL;
	if (strcmp(zona, "Asia/Jakarta") != 0) {
		v_fail(v, v_get(root, "zona"), _("zona: only Asia/Jakarta is "
		    "supported, not '%s'"), zona);
		return NULL;
	}
	if (strcmp(off, "+07:00") != 0) {
		v_fail(v, v_get(root, "utc_offset"), _("utc_offset: "
		    "Asia/Jakarta is +07:00, not '%s'"), off);
		return NULL;
	}
	cal->utcoff = 7 * 3600;
	if (load_week(v, v_get(root, "jam_kerja"), &cal->wk) == -1 ||
	    load_specials(v, cal, v_get(root, "jadwal_khusus")) == -1 ||
	    load_fixed(v, cal, v_get(root, "libur_tetap")) == -1 ||
	    load_years(v, cal, v_get(root, "tahun")) == -1 ||
	    load_open(v, cal, v_get(root, "buka")) == -1)
		return NULL;
	if (cal->nyears > 0) {
		int lo = cal->years[0], hi = cal->years[0], i;

		for (i = 1; i < cal->nyears; i++) {
			lo = cal->years[i] < lo ? cal->years[i] : lo;
			hi = cal->years[i] > hi ? cal->years[i] : hi;
		}
		/* Forty years at most: the days before are worked out
		   each time. */
		lo = hi - lo > 38 ? hi - 38 : lo;
		cal->d0 = days_from_civil(lo - 1, 1, 1);
		cal->ndays = days_from_civil(hi + 2, 1, 1) - cal->d0;
		if ((cal->days = arena_alloc(v->a, sizeof(*cal->days) *
		    (size_t)cal->ndays)) == NULL) {
			v_fail(v, root, _("out of memory"));
			return NULL;
		}
		for (i = 0; i < cal->ndays; i++)
			cal->days[i].n = -1;
	}
	for (int wd = 0; wd < 7; wd++)
		if (cal->wk.n[wd] > 0)
			return cal;
	v_fail(v, v_get(root, "jam_kerja"), _("jam_kerja: no office hours on "
	    "any day of the week; no deadline could ever be counted"));
	return NULL;
	return cal;
}

static const struct holiday *
find_holiday(const struct aduan_cal *cal, long day, int m, int d)
{
	size_t lo = 0, hi = (size_t)cal->nhol;
	int i;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (cal->hol[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < (size_t)cal->nhol && cal->hol[lo].day == day)
		return &cal->hol[lo];
	for (i = 0; i < cal->nfixed; i++)
		if (cal->fixed[i].m == m && cal->fixed[i].d == d)
			return &cal->fixed[i];
	return NULL;
}

/*
 * What the calendar says of day (days since the epoch), the date y-m-d:
 * its spans, as a pointer into the calendar, and their number.
 */
static int
work_out(const struct aduan_cal *cal, long day, int y, int m, int d,
    const struct aduan_span **spans, enum aduan_dayoff *kind,
    const char **name, int *listed)
{
	int wd = (int)(((day % 7) + 7 + 3) % 7);	/* 1970-01-01: Thursday */
	const struct week *wk = &cal->wk;
	const struct holiday *h;
	int i;

	*listed = 0;
	for (i = 0; i < cal->nyears; i++)
		*listed |= cal->years[i] == y;
	*kind = ADUAN_OPEN;
	*name = NULL;
	for (i = 0; i < cal->nsp; i++)
		if (day >= cal->sp[i].from && day <= cal->sp[i].to)
			wk = &cal->sp[i].wk;
	for (i = 0; i < cal->nopen; i++)
		if (cal->open[i].day == day) {
			if (cal->open[i].nspans >= 0) {
				*spans = cal->open[i].spans;
				return cal->open[i].nspans;
			}
			*spans = wk->spans[wd];
			return wk->n[wd];
		}
	*spans = wk->spans[wd];
	if ((h = find_holiday(cal, day, m, d)) != NULL) {
		*kind = h->kind;
		*name = h->nama;
		return 0;
	}
	if (wk->n[wd] == 0)
		*kind = ADUAN_WEEKEND;
	return wk->n[wd];
}

/* The day's entry, worked out now if it was not, or NULL out of range. */
static const struct dayinfo *
day_info(const struct aduan_cal *cal, long day)
{
	struct dayinfo *di;
	enum aduan_dayoff kind;
	int y, m, d, listed;

	if (cal->days == NULL || day < cal->d0 || day >= cal->d0 + cal->ndays)
		return NULL;
	di = &cal->days[day - cal->d0];
	if (di->n < 0) {
		civil_from_days(day, &y, &m, &d);
		di->n = (signed char)work_out(cal, day, y, m, d, &di->spans,
		    &kind, &di->name, &listed);
		di->kind = (unsigned char)kind;
		di->listed = (unsigned char)listed;
		di->year = (short)y;
		for (di->secs = 0, d = 0; d < di->n; d++)
			di->secs += (di->spans[d].close - di->spans[d].open) * 60;
	}
	return di;
}

int
cal_day(const struct aduan_cal *cal, int y, int m, int d,
    struct aduan_span spans[8], enum aduan_dayoff *kind, const char **name,
    int *listed)
{
	const struct aduan_span *s;
	int n = work_out(cal, days_from_civil(y, m, d), y, m, d, &s, kind,
	    name, listed);

	memcpy(spans, s, sizeof(spans[0]) * (size_t)n);
	return n;
}

long
aduan_cal_utcoff(const struct aduan_cal *cal)
{
	return cal->utcoff;
}

const int *
cal_years(const struct aduan_cal *cal, int *n)
{
	*n = cal->nyears;
	return cal->years;
}

/* ---- counting office time ---- */

#define DAY 86400L
#define MAXDAYS 3660		/* ten years: a calendar with no open day */

static const char *const dayname_id[7] = {
	"Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"
};

struct counting {
	const struct aduan_cal *cal;
	void (*note)(void *, const char *);
	void *arg;
	int *unlisted;
	long lastday;		/* the last day looked at, for notes */
};

static void
note(struct counting *k, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
note(struct counting *k, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	if (k->note == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	k->note(k->arg, buf);
}

/* The spans of local day `day` (days since the epoch), noted if closed. */
static int
spans_of(struct counting *k, long day, const struct aduan_span **s)
{
	const struct dayinfo *di = day_info(k->cal, day);
	enum aduan_dayoff kind;
	const char *name;
	int y, m, d, n, listed;

	if (di != NULL && k->note == NULL) {
		if (!di->listed && k->unlisted != NULL && *k->unlisted == 0)
			*k->unlisted = di->year;
		*s = di->spans;
		return di->n;
	}
	civil_from_days(day, &y, &m, &d);
	n = work_out(k->cal, day, y, m, d, s, &kind, &name, &listed);
	if (!listed && k->unlisted != NULL && *k->unlisted == 0)
		*k->unlisted = y;
	if (n == 0 && day != k->lastday && k->note != NULL) {
		int wd = (int)(((day % 7) + 7 + 3) % 7);

		if (kind == ADUAN_WEEKEND)
			note(k, _("skipped %04d-%02d-%02d (%s): no office "
			    "hours"), y, m, d, dayname_id[wd]);
		else
			note(k, _("skipped %04d-%02d-%02d (%s): %s, %s"), y, m,
			    d, dayname_id[wd], kind == ADUAN_CUTI ?
			    "cuti bersama" : "libur nasional", name);
	}
	k->lastday = day;
	return n;
}

static long
floordiv(long long a, long b)
{
	return (long)(a >= 0 ? a / b : -((-a + b - 1) / b));
}

static void
fmt_local(long long l, char buf[32])
{
	long day = floordiv(l, DAY);
	int sec = (int)(l - (long long)day * DAY);
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	snprintf(buf, 32, "%04d-%02d-%02d %02d:%02d", y % 10000, m % 100,
	    d % 100, sec / 3600 % 100, sec / 60 % 60);
}

/* Count `need` seconds of office time from local time *t. */
static int
add_minutes(struct counting *k, long long *t, long long need)
{
	const struct aduan_span *s;
	long day = floordiv(*t, DAY);
	char a[32], b[32];
	int i, n, guard;

	for (guard = 0; guard < MAXDAYS; guard++, day++) {
		long long base = (long long)day * DAY;

		n = spans_of(k, day, &s);
		for (i = 0; i < n; i++) {
			long long o = base + s[i].open * 60LL;
			long long c = base + s[i].close * 60LL;

			if (*t >= c)
				continue;
			if (*t < o) {
				if (k->note != NULL && i > 0 &&
				    *t >= base + s[i - 1].close * 60LL)
					note(k, _("skipped the break %02d:%02d-"
					    "%02d:%02d"), s[i - 1].close / 60,
					    s[i - 1].close % 60, s[i].open / 60,
					    s[i].open % 60);
				*t = o;
			}
			if (need == 0)
				return 0;
			if (need <= c - *t) {
				if (k->note != NULL) {
					fmt_local(*t, a);
					fmt_local(*t + need, b);
					note(k, _("counted %lld min: %s to %s"),
					    need / 60, a, b + 11);
				}
				*t += need;
				return 0;
			}
			if (k->note != NULL) {
				fmt_local(*t, a);
				fmt_local(c, b);
				note(k, _("counted %lld min: %s to %s "
				    "(closing)"), (c - *t) / 60, a, b + 11);
			}
			need -= c - *t;
			*t = c;
		}
		*t = base + DAY;
	}
	return -1;
}

/* Move local time *t to office hours: itself, or the next opening. */
static int
to_office(struct counting *k, long long *t)
{
	return add_minutes(k, t, 0);
}

/*
 * Days count whole working days: the same clock time on the Nth next
 * working day, moved into that day's office hours when it falls outside
 * them, so that no deadline lies in a closed period: before the opening
 * to the opening, in a rest break or after the closing back to the
 * closing before it.
 */
static int
add_days(struct counting *k, long long *t, int days)
{
	const struct aduan_span *s = NULL;
	long day = floordiv(*t, DAY);
	long long clock = *t - (long long)day * DAY, base, at;
	int n = 0, guard, i, want = days;
	char a[32];

	for (guard = 0; days > 0 && guard < MAXDAYS; guard++) {
		day++;
		if ((n = spans_of(k, day, &s)) > 0)
			days--;
	}
	if (days > 0 || n == 0)
		return -1;
	base = (long long)day * DAY;
	at = clock < s[0].open * 60LL ? s[0].open * 60LL : clock;
	for (i = 0; i < n && at >= s[i].close * 60LL; i++)
		;
	if (i < n && at < s[i].open * 60LL)
		at = s[i - 1].close * 60LL;	/* in the break before span i */
	else if (i == n)
		at = s[n - 1].close * 60LL;	/* after the closing */
	*t = base + at;
	if (k->note == NULL)
		return 0;
	fmt_local(*t, a);
	if (at == clock)
		note(k, _("%d working day(s) later, the same clock time: %s"),
		    want, a);
	else if (clock < s[0].open * 60LL)
		note(k, _("%d working day(s) later, %02lld:%02lld is before "
		    "the opening: due at the opening, %s"), want, clock / 3600,
		    clock / 60 % 60, a);
	else if (i < n)
		note(k, _("%d working day(s) later, %02lld:%02lld falls in the "
		    "rest break %02d:%02d-%02d:%02d: due when it starts, %s"),
		    want, clock / 3600, clock / 60 % 60, s[i - 1].close / 60,
		    s[i - 1].close % 60, s[i].open / 60, s[i].open % 60, a);
	else
		note(k, _("%d working day(s) later, %02lld:%02lld is after the "
		    "closing: due at the closing, %s"), want, clock / 3600,
		    clock / 60 % 60, a);
	return 0;
}

int
aduan_cal_add(const struct aduan_cal *cal, time_t start,
    const struct aduan_dur *dur, time_t *deadline, int *unlisted,
    void (*notefn)(void *, const char *), void *arg)
{
	struct counting k = { cal, notefn, arg, unlisted, LONG_MIN };
	long long t = (long long)start + cal->utcoff, was;
	char a[32];

	if (unlisted != NULL)
		*unlisted = 0;
	if (dur->unit == ADUAN_UNIT_NONE)
		return 1;
	if (notefn != NULL) {
		fmt_local(t, a);
		note(&k, _("clock starts %s"), a);
	}
	was = t;
	if (to_office(&k, &t) == -1)
		return -1;
	if (t != was && notefn != NULL) {
		fmt_local(t, a);
		note(&k, _("outside office hours: counting from %s"), a);
	}
	if (dur->unit == ADUAN_UNIT_HARI) {
		if (add_days(&k, &t, dur->amount) == -1)
			return -1;
	} else if (add_minutes(&k, &t, (long long)dur->amount *
	    (dur->unit == ADUAN_UNIT_JAM ? 3600 : 60)) == -1)
		return -1;
	*deadline = (time_t)(t - cal->utcoff);
	return 0;
}

long
aduan_cal_working(const struct aduan_cal *cal, time_t from, time_t to)
{
	struct counting k = { cal, NULL, NULL, NULL, LONG_MIN };
	long long t = (long long)from + cal->utcoff;
	long long end = (long long)to + cal->utcoff, sum = 0;
	const struct aduan_span *s;
	long day;
	int i, n;

	if (to <= from)
		return 0;
	for (day = floordiv(t, DAY); (long long)day * DAY < end; day++) {
		long long base = (long long)day * DAY;
		const struct dayinfo *di;

		/* A whole day inside: its office time as worked out. */
		if (base >= t && base + DAY <= end &&
		    (di = day_info(cal, day)) != NULL) {
			sum += di->secs;
			continue;
		}
		n = spans_of(&k, day, &s);
		for (i = 0; i < n; i++) {
			long long o = base + s[i].open * 60LL;
			long long c = base + s[i].close * 60LL;

			o = o < t ? t : o;
			c = c > end ? end : c;
			if (c > o)
				sum += c - o;
		}
	}
	return (long)sum;
}

int
cal_open_at(const struct aduan_cal *cal, time_t t, enum aduan_dayoff *kind,
    const char **name)
{
	struct aduan_span s[8];
	long long l = (long long)t + cal->utcoff;
	long day = floordiv(l, DAY);
	int y, m, d, n, i, listed, min = (int)((l - (long long)day * DAY) / 60);

	civil_from_days(day, &y, &m, &d);
	n = cal_day(cal, y, m, d, s, kind, name, &listed);
	for (i = 0; i < n; i++)
		if (min >= s[i].open && min < s[i].close)
			return 1;
	return 0;
}
