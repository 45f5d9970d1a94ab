/*
 * recap.c - the SOP's pencatatan dan pendataan: what a case is for the
 * register (filed, closed, how), which cases a search asks for, and the
 * recap of a period: cases filed, closed by outcome, still open at its
 * end and for how long; for each step, how many were recorded, how many
 * on time, the median and the 90th percentile of the office time each
 * took; the lateness of each role; the cases by kelurahan and by subject;
 * a trend over twelve months.
 *
 * A recap is counted as the cases are read, one at a time: its memory is
 * that of its figures (a histogram of office minutes per step, one of
 * days open, the distinct subjects), never a list of the cases.  A
 * kelurahan the SOP does not list (a case under another revision) counts
 * with those not given.  A step
 * counts in the period it was first recorded in; a case counts as filed
 * in the period of its first event, as closed in that of the event that
 * closed it (the outcome step's, or a cancellation), and as open at the
 * end when it was filed before the end and not closed by then.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ---- folding text for search ---- */

/* The letter without its accent of U+00C0..U+00FF ('\0': none). */
static const char latin1[64] =
    "aaaaaaaceeeeiiiidnooooo\0ouuuuyts"
    "aaaaaaaceeeeiiiidnooooo\0ouuuuyty";

/* Of U+0100..U+017F: by ranges of code points, each one letter. */
static const struct { unsigned lo, hi; char c; } latin_a[] = {
	{ 0x100, 0x105, 'a' }, { 0x106, 0x10d, 'c' }, { 0x10e, 0x111, 'd' },
	{ 0x112, 0x11b, 'e' }, { 0x11c, 0x123, 'g' }, { 0x124, 0x127, 'h' },
	{ 0x128, 0x133, 'i' }, { 0x134, 0x135, 'j' }, { 0x136, 0x138, 'k' },
	{ 0x139, 0x142, 'l' }, { 0x143, 0x14b, 'n' }, { 0x14c, 0x153, 'o' },
	{ 0x154, 0x159, 'r' }, { 0x15a, 0x161, 's' }, { 0x162, 0x167, 't' },
	{ 0x168, 0x173, 'u' }, { 0x174, 0x175, 'w' }, { 0x176, 0x178, 'y' },
	{ 0x179, 0x17e, 'z' }, { 0x17f, 0x17f, 's' },
};

size_t
aduan_fold(const char *s, char *out, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = 0, k;
	int space = 1;

	while (*p != '\0' && len + 4 < n) {
		unsigned cp = *p;
		char c = 0;

		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r') {
			if (!space)
				out[len++] = ' ';
			space = 1;
			p++;
			continue;
		}
		space = 0;
		if (cp < 0x80) {
			out[len++] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 :
			    cp);
			p++;
			continue;
		}
		/* Two-byte sequences reach U+07FF: the Latin letters. */
		if ((cp & 0xe0) == 0xc0 && (p[1] & 0xc0) == 0x80) {
			cp = ((cp & 0x1f) << 6) | (p[1] & 0x3f);
			if (cp >= 0xc0 && cp <= 0xff)
				c = latin1[cp - 0xc0];
			for (k = 0; c == 0 && k < sizeof(latin_a) /
			    sizeof(latin_a[0]); k++)
				if (cp >= latin_a[k].lo && cp <= latin_a[k].hi)
					c = latin_a[k].c;
			if (c != 0) {
				out[len++] = c;
				p += 2;
				continue;
			}
		}
		/* Any other character is kept as it is written. */
		do
			out[len++] = (char)*p++;
		while ((*p & 0xc0) == 0x80 && len + 1 < n);
	}
	while (len > 0 && out[len - 1] == ' ')
		len--;
	out[len] = '\0';
	return len;
}

/* ---- a case for the register ---- */

/* Step 1's value of key as it stands, or "". */
static const char *
first_value(const struct aduan_case *c, const char *key)
{
	const struct aduan_event *e = aduan_case_event(c, 0);
	const char *v = e ? aduan_case_value(c, e->step, key, NULL) : NULL;

	return v ? v : "";
}

void
aduan_case_summary(const struct aduan_case *c, struct aduan_summary *s)
{
	const struct aduan_sop *sop = aduan_case_sop(c);
	const struct aduan_event *e;
	int i;

	memset(s, 0, sizeof(*s));
	if ((e = aduan_case_event(c, 0)) != NULL)
		s->filed = e->happened;
	s->next = aduan_case_next(c);
	s->outcome = aduan_case_outcome(c);
	s->pelapor = first_value(c, "pelapor");
	s->perihal = first_value(c, "perihal");
	s->kelurahan = first_value(c, "kelurahan");
	if (s->outcome == NULL)
		return;
	/* The event that closed it: the last done of an outcome step, or
	   the cancellation. */
	for (i = aduan_case_nevents(c) - 1; i >= 0; i--) {
		const struct aduan_step *st;

		e = aduan_case_event(c, i);
		if (strcmp(e->event, "batal") == 0) {
			s->closed = e->happened;
			s->cancelled = 1;
			return;
		}
		if (strcmp(e->event, "done") == 0 && (st = aduan_sop_step(sop,
		    e->step)) != NULL && st->outcome != NULL) {
			s->closed = e->happened;
			return;
		}
	}
}

/* ---- search ---- */

/*
 * The field called name an event of step st may hold: the step's own, of
 * doing it again (ulang) or adjourning it (tunda), or, for what a
 * cancellation records, any step's; NULL when none is.
 */
static const struct aduan_field *
any_field(const struct aduan_sop *sop, const struct aduan_step *st,
    const char *name)
{
	const struct aduan_field *f;
	int k;

	if ((f = aduan_step_any_field(st, name)) != NULL)
		return f;
	for (k = 0; k < aduan_sop_nsteps(sop); k++)
		if ((f = aduan_step_field(aduan_sop_step_at(sop, k), name)) !=
		    NULL)
			return f;
	return NULL;
}

/* Whether the folded needle is in the text field values of e. */
static int
event_has(const struct aduan_sop *sop, const struct aduan_event *e,
    const char *needle)
{
	const struct aduan_step *st = aduan_sop_step(sop, e->step);
	char buf[ADUAN_VALUE_MAX + 8];
	int i;

	if (st == NULL || (strcmp(e->event, "done") != 0 &&
	    strcmp(e->event, "koreksi") != 0 &&
	    strcmp(e->event, "batal") != 0 &&
	    strcmp(e->event, "adjourn") != 0))
		return 0;
	/* Text only: a time, a flag or a choice is not searched. */
	for (i = 0; i < e->nkv; i++) {
		const struct aduan_field *f = any_field(sop, st, e->kv[i].key);

		if (f == NULL || f->type != ADUAN_FIELD_TEXT)
			continue;
		aduan_fold(e->kv[i].val, buf, sizeof(buf));
		if (strstr(buf, needle) != NULL)
			return 1;
	}
	return 0;
}

int
aduan_case_matches(const struct aduan_case *c, const struct aduan_filter *f)
{
	struct aduan_summary s;
	time_t t;
	int i;

	aduan_case_summary(c, &s);
	t = f->closing ? s.closed : s.filed;
	if ((f->from || f->to) && f->closing && s.closed == 0)
		return 0;
	if ((f->from && t < f->from) || (f->to && t >= f->to))
		return 0;
	if (f->kelurahan != NULL && ascii_casecmp(s.kelurahan,
	    f->kelurahan) != 0)
		return 0;
	if (f->text != NULL && f->text[0] != '\0') {
		char needle[1024];

		aduan_fold(f->text, needle, sizeof(needle));
		for (i = 0; i < aduan_case_nevents(c); i++)
			if (event_has(aduan_case_sop(c), aduan_case_event(c, i),
			    needle))
				return 1;
		return 0;
	}
	return 1;
}

/* ---- the recap ---- */

#define HMAX 60000		/* office minutes a histogram holds exactly */
#define DMAX 3660		/* days open a histogram holds exactly */

struct hist {
	unsigned *n;		/* n[0..max], the last for max and more */
	long total;
	int max;
};

struct subject {
	char *key;		/* folded */
	char *shown;		/* as written by the first case (below) */
	char id[ADUAN_ID_MAX + 1];	/* that case */
	int office;
	long n;
};

/*
 * What a recap counts of a case, from its replay or from the cache: its
 * summary, and for each of the SOP's steps whether it was done, when
 * first, and what its deadline is counted from.
 */
struct rstep {
	int done;
	time_t first;		/* when first done */
	int timed;		/* it has a deadline */
	int pending;		/* the case waits for it again: until now */
	time_t start;		/* when its clock started */
};

struct rcase {
	const char *id;
	const struct aduan_sop *sop;	/* the revision the case runs under */
	time_t filed, closed;
	const char *outcome, *kelurahan, *perihal;
	struct rstep *st;	/* indexed as the recap's steps */
};

struct aduan_recap {
	const struct aduan_sop *sop;
	time_t from, to, now;
	long utcoff;
	struct aduan_recap_view v;
	struct aduan_recap_count *outcomes;
	struct aduan_recap_step *steps;
	struct hist *times;	/* per step */
	struct aduan_recap_count *roles;
	struct aduan_recap_count *kel;
	struct hist open_days;
	struct subject *subj;	/* open addressing, cap a power of two */
	size_t nsubj, capsubj;
	struct aduan_recap_count *subjects;	/* made by the view */
	int trend_y0, trend_m0;	/* the first month of the trend */
	struct rstep *scratch;	/* the steps of the case being counted */
	int office;		/* of the cases being added: 0, 1, ... */
	int oldest_office;
};

static int
hist_init(struct hist *h, int max)
{
	h->max = max;
	h->total = 0;
	return (h->n = calloc((size_t)max + 1, sizeof(*h->n))) ? 0 : -1;
}

static void
hist_add(struct hist *h, long v)
{
	h->n[v < 0 ? 0 : v > h->max ? h->max : v]++;
	h->total++;
}

/* The value at or above which the share q (in 1000ths) of them lies. */
static long
hist_rank(const struct hist *h, int q)
{
	long want, seen = 0;
	int i;

	if (h->total == 0)
		return -1;
	/* The nearest rank: the ceil(q * total / 1000)-th value. */
	want = ((long)q * h->total + 999) / 1000;
	if (want < 1)
		want = 1;
	for (i = 0; i <= h->max; i++)
		if ((seen += h->n[i]) >= want)
			return i;
	return h->max;
}

/* The month index (year * 12 + month - 1) of t in the offset's zone. */
static int
month_of(time_t t, long utcoff)
{
	struct tm tm;
	time_t lt = t + utcoff;

	gmtime_r(&lt, &tm);
	return (tm.tm_year + 1900) * 12 + tm.tm_mon;
}

struct aduan_recap *
aduan_recap_new(const struct aduan_sop *sop, time_t from, time_t to,
    time_t now, struct aduan_err *err)
{
	struct aduan_recap *r = calloc(1, sizeof(*r));
	int i, k, n, ns = aduan_sop_nsteps(sop), nk = 0;
	const struct aduan_field *kf = NULL;
	int last;

	if (r == NULL)
		goto oom;
	r->sop = sop;
	r->from = from;
	r->to = to;
	r->now = now;
	r->utcoff = aduan_cal_utcoff(aduan_sop_cal(sop));
	/* Every way a case can end: the outcome steps', then batal's. */
	for (i = n = 0; i < ns; i++)
		n += aduan_sop_step_at(sop, i)->outcome != NULL;
	n += aduan_sop_ncancels(sop);
	if ((r->outcomes = calloc((size_t)n + 1, sizeof(*r->outcomes))) ==
	    NULL)
		goto oom;
	for (i = 0; i < ns; i++)
		if (aduan_sop_step_at(sop, i)->outcome != NULL)
			r->outcomes[r->v.noutcomes++].key =
			    aduan_sop_step_at(sop, i)->outcome;
	for (i = 0; i < aduan_sop_ncancels(sop); i++) {
		r->outcomes[r->v.noutcomes].cancel = 1;
		r->outcomes[r->v.noutcomes++].key =
		    aduan_sop_cancel_at(sop, i)->outcome;
	}
	if ((r->steps = calloc((size_t)ns, sizeof(*r->steps))) == NULL ||
	    (r->times = calloc((size_t)ns, sizeof(*r->times))) == NULL ||
	    (r->scratch = calloc((size_t)ns + 1, sizeof(*r->scratch))) ==
	    NULL)
		goto oom;
	for (i = 0; i < ns; i++) {
		r->steps[i].step = aduan_sop_step_at(sop, i);
		if (hist_init(&r->times[i], HMAX) == -1)
			goto oom;
	}
	r->v.nsteps = ns;
	if ((r->roles = calloc((size_t)aduan_sop_nroles(sop) + 1,
	    sizeof(*r->roles))) == NULL)
		goto oom;
	for (i = 0; i < aduan_sop_nroles(sop); i++)
		r->roles[i].key = aduan_sop_role_at(sop, i)->id;
	r->v.nroles = aduan_sop_nroles(sop);
	/* The kelurahan the SOP lists, then those it does not, then none. */
	if (ns > 0 && (kf = aduan_step_field(aduan_sop_step_at(sop, 0),
	    "kelurahan")) != NULL && kf->type == ADUAN_FIELD_CHOICE)
		nk = kf->nchoices;
	if ((r->kel = calloc((size_t)nk + 2, sizeof(*r->kel))) == NULL)
		goto oom;
	for (k = 0; k < nk; k++)
		r->kel[k].key = kf->choices[k];
	r->kel[nk].key = "";
	r->v.nkel = nk + 1;
	if (hist_init(&r->open_days, DMAX) == -1)
		goto oom;
	last = month_of(to > from ? to - 1 : now, r->utcoff);
	r->trend_y0 = (last - 11) / 12;
	r->trend_m0 = (last - 11) % 12;
	for (i = 0; i < 12; i++) {
		r->v.trend[i].year = (last - 11 + i) / 12;
		r->v.trend[i].month = (last - 11 + i) % 12 + 1;
	}
	r->v.from = from;
	r->v.to = to;
	return r;
oom:
	aduan_recap_free(r);
	err_set(err, ADUAN_E_IO, _("out of memory"));
	return NULL;
}

void
aduan_recap_free(struct aduan_recap *r)
{
	size_t i;
	int k;

	if (r == NULL)
		return;
	for (k = 0; r->times != NULL && k < r->v.nsteps; k++)
		free(r->times[k].n);
	for (i = 0; i < r->capsubj; i++) {
		free(r->subj[i].key);
		free(r->subj[i].shown);
	}
	free(r->subj);
	free(r->subjects);
	free(r->open_days.n);
	free(r->outcomes);
	free(r->steps);
	free(r->times);
	free(r->roles);
	free(r->kel);
	free(r->scratch);
	free(r);
}

static int
in_period(const struct aduan_recap *r, time_t t)
{
	return t != 0 && (r->from == 0 || t >= r->from) &&
	    (r->to == 0 || t < r->to);
}

/* FNV-1a, for the table of subjects. */
static size_t
hash(const char *s)
{
	size_t h = 1469598103934665603ULL;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

/*
 * Whether the case id of the office being added comes before the case
 * was of office: the one a figure names among equals is the first in
 * order of office, then of ID, whatever order the cases come in.
 */
static int
comes_first(const struct aduan_recap *r, const char *id, const char *was,
    int office)
{
	return r->office < office || (r->office == office &&
	    store_cmp_id(id, was) < 0);
}

void
aduan_recap_office(struct aduan_recap *r)
{
	r->office++;
}

static int
count_subject(struct aduan_recap *r, const char *perihal, const char *id)
{
	char key[1024];
	size_t i;

	aduan_fold(perihal, key, sizeof(key));
	if (r->nsubj * 2 >= r->capsubj) {
		size_t cap = r->capsubj ? r->capsubj * 2 : 64, j;
		struct subject *t = calloc(cap, sizeof(*t));

		if (t == NULL)
			return -1;
		for (j = 0; j < r->capsubj; j++)
			if (r->subj[j].key != NULL) {
				for (i = hash(r->subj[j].key) & (cap - 1);
				    t[i].key != NULL; i = (i + 1) & (cap - 1))
					;
				t[i] = r->subj[j];
			}
		free(r->subj);
		r->subj = t;
		r->capsubj = cap;
	}
	for (i = hash(key) & (r->capsubj - 1); r->subj[i].key != NULL;
	    i = (i + 1) & (r->capsubj - 1))
		if (strcmp(r->subj[i].key, key) == 0) {
			struct subject *t = &r->subj[i];
			char *shown;

			t->n++;
			if (comes_first(r, id, t->id, t->office) &&
			    strcmp(t->shown, perihal) != 0) {
				if ((shown = strdup(perihal)) == NULL)
					return -1;
				free(t->shown);
				t->shown = shown;
			}
			if (comes_first(r, id, t->id, t->office)) {
				snprintf(t->id, sizeof(t->id), "%s", id);
				t->office = r->office;
			}
			return 0;
		}
	if ((r->subj[i].key = strdup(key)) == NULL ||
	    (r->subj[i].shown = strdup(perihal)) == NULL)
		return -1;
	snprintf(r->subj[i].id, sizeof(r->subj[i].id), "%s", id);
	r->subj[i].office = r->office;
	r->subj[i].n = 1;
	r->nsubj++;
	return 0;
}

static void
case_of(struct aduan_recap *r, const struct aduan_case *c, struct rcase *k)
{
	struct aduan_summary s;
	struct aduan_due d;
	int i;

	aduan_case_summary(c, &s);
	k->id = aduan_case_id(c);
	k->sop = aduan_case_sop(c);
	k->filed = s.filed;
	k->closed = s.closed;
	k->outcome = s.outcome;
	k->kelurahan = s.kelurahan;
	k->perihal = s.perihal;
	k->st = r->scratch;
	for (i = 0; i < r->v.nsteps; i++) {
		const struct aduan_step *st = r->steps[i].step;
		const struct aduan_stepstate *ss = aduan_case_step(c, st->no);
		struct rstep *p = &k->st[i];

		memset(p, 0, sizeof(*p));
		/* A case under another revision: its steps by number. */
		if (ss == NULL || ss->done == 0)
			continue;
		p->done = 1;
		p->first = ss->first->happened;
		p->pending = aduan_case_next(c) == st->no;
		if ((p->timed = aduan_case_due(c, st->no, r->now, &d, NULL,
		    NULL)))
			p->start = d.start;
	}
}

static int
add_case(struct aduan_recap *r, const struct rcase *k, struct aduan_err *err)
{
	time_t end = r->to && r->to < r->now ? r->to : r->now;
	int i, m;
	size_t j;

	if (k->filed == 0)
		return 0;
	if (in_period(r, k->filed)) {
		r->v.filed++;
		for (i = 0; i < r->v.nkel - 1; i++)
			if (ascii_casecmp(r->kel[i].key, k->kelurahan) == 0)
				break;
		r->kel[i].n++;
		if (count_subject(r, k->perihal, k->id) == -1)
			return err_set(err, ADUAN_E_IO, _("out of memory"));
	}
	if (in_period(r, k->closed)) {
		r->v.closed++;
		for (i = 0; i < r->v.noutcomes; i++)
			if (strcmp(r->outcomes[i].key, k->outcome) == 0)
				r->outcomes[i].n++;
	}
	/*
	 * Open at the end: not closed before the period's end, or, for a
	 * period not over, not closed by now.
	 */
	if (k->filed < end && (k->closed == 0 || (end == r->to ? k->closed >=
	    end : k->closed > end))) {
		r->v.open_end++;
		hist_add(&r->open_days, (long)((end - k->filed) / 86400));
		if (r->v.oldest[0] == '\0' || k->filed < r->v.oldest_filed ||
		    (k->filed == r->v.oldest_filed && comes_first(r, k->id,
		    r->v.oldest, r->oldest_office))) {
			r->v.oldest_filed = k->filed;
			r->oldest_office = r->office;
			snprintf(r->v.oldest, sizeof(r->v.oldest), "%s", k->id);
		}
	}
	m = month_of(k->filed, r->utcoff) - (r->trend_y0 * 12 + r->trend_m0);
	if (m >= 0 && m < 12)
		r->v.trend[m].filed++;
	if (k->closed != 0 && (m = month_of(k->closed, r->utcoff) -
	    (r->trend_y0 * 12 + r->trend_m0)) >= 0 && m < 12)
		r->v.trend[m].closed++;
	/* Each step first recorded in the period, against its deadline. */
	for (i = 0; i < r->v.nsteps; i++) {
		const struct aduan_step *st = r->steps[i].step, *cst;
		const struct rstep *p = &k->st[i];
		struct aduan_due d;

		if (!p->done || !in_period(r, p->first))
			continue;
		r->steps[i].recorded++;
		memset(&d, 0, sizeof(d));
		if (!p->timed || (cst = aduan_sop_step(k->sop, st->no)) ==
		    NULL || !case_count_due(k->sop, cst, p->start, p->pending ?
		    r->now : p->first, &d, NULL, NULL))
			continue;
		r->steps[i].timed++;
		if (d.late) {
			r->steps[i].late++;
			for (j = 0; j < (size_t)r->v.nroles; j++)
				if (strcmp(r->roles[j].key, st->pelaksana->id) ==
				    0)
					r->roles[j].n++;
		}
		hist_add(&r->times[i], aduan_cal_working(aduan_sop_cal(k->sop),
		    d.start, d.at) / 60);
	}
	return 0;
}

int
aduan_recap_add(struct aduan_recap *r, const struct aduan_case *c,
    struct aduan_err *err)
{
	struct rcase k;

	case_of(r, c, &k);
	return add_case(r, &k, err);
}

/* ---- a case counted from the cache ---- */

/* The escaped text of the field at *p into buf (n bytes); 0 or -1. */
static int
text_field(const char **p, char *buf, size_t n)
{
	const char *s = *p, *e;

	if (*s++ != '\t')
		return -1;
	e = strchr(s, '\t');
	if (e == NULL)
		e = s + strlen(s);
	if ((size_t)(e - s) >= n)
		return -1;
	memcpy(buf, s, (size_t)(e - s));
	buf[e - s] = '\0';
	*p = e;
	return text_unescape(buf);
}

int
aduan_recap_cached(struct aduan_recap *r, struct aduan_cache *cache,
    const char *id, int closed, struct aduan_err *err)
{
	char outcome[128], kel[1024], perihal[4096];
	struct stat sb;
	struct rcase k;
	const char *p = cache_find(cache, id, closed, &sb);
	long long v[4];
	int i;

	if (p == NULL)
		return 0;
	memset(&k, 0, sizeof(k));
	k.id = id;
	k.sop = r->sop;
	k.st = r->scratch;
	memset(k.st, 0, sizeof(*k.st) * (size_t)r->v.nsteps);
	if (cache_num(&p, &v[0]) == -1 || cache_num(&p, &v[1]) == -1 ||
	    text_field(&p, outcome, sizeof(outcome)) == -1 ||
	    text_field(&p, kel, sizeof(kel)) == -1 ||
	    text_field(&p, perihal, sizeof(perihal)) == -1)
		return 0;
	k.filed = (time_t)v[0];
	k.closed = (time_t)v[1];
	k.outcome = outcome[0] != '\0' ? outcome : NULL;
	k.kelurahan = kel;
	k.perihal = perihal;
	while (*p != '\0') {
		for (i = 0; i < 4; i++)
			if (cache_num(&p, &v[i]) == -1)
				return 0;
		if (v[0] < 0 || v[0] >= r->v.nsteps || v[3] < 0 || v[3] > 3)
			return 0;
		k.st[v[0]].done = 1;
		k.st[v[0]].first = k.filed + (time_t)v[1];
		k.st[v[0]].start = k.st[v[0]].first - (time_t)v[2];
		k.st[v[0]].timed = (v[3] & 1) != 0;
		k.st[v[0]].pending = (v[3] & 2) != 0;
	}
	/* A closed case's outcome is one of the SOP's, or it is read. */
	if ((k.closed != 0) != (k.outcome != NULL))
		return 0;
	return add_case(r, &k, err) == -1 ? -1 : 1;
}

void
aduan_recap_keep(struct aduan_recap *r, struct aduan_cache *cache,
    const char *id, const struct aduan_case *c)
{
	char buf[8192];
	struct rcase k;
	size_t n = 0, e;
	long long off, len;
	int i;

	if (cache == NULL)
		return;
	case_of(r, c, &k);
	if (aduan_case_torn(c, &off, &len) || k.sop != r->sop)
		goto forget;
	n += cache_put_num(buf + n, (long long)k.filed);
	n += cache_put_num(buf + n, (long long)k.closed);
	buf[n++] = '\t';
	if (k.outcome != NULL) {
		if ((e = text_escape(k.outcome, buf + n, 127)) == 0)
			goto forget;
		n += e;
	}
	buf[n++] = '\t';
	if ((e = text_escape(k.kelurahan, buf + n, 1023)) == 0 &&
	    k.kelurahan[0] != '\0')
		goto forget;
	n += e;
	buf[n++] = '\t';
	if ((e = text_escape(k.perihal, buf + n, 4095)) == 0 &&
	    k.perihal[0] != '\0')
		goto forget;
	n += e;
	for (i = 0; i < r->v.nsteps; i++) {
		if (!k.st[i].done)
			continue;
		if (n + 96 >= sizeof(buf))
			goto forget;
		/* Times as seconds from the filing and from the first. */
		n += cache_put_num(buf + n, i);
		n += cache_put_num(buf + n, (long long)(k.st[i].first -
		    k.filed));
		n += cache_put_num(buf + n, (long long)(k.st[i].first -
		    k.st[i].start));
		n += cache_put_num(buf + n, k.st[i].timed | k.st[i].pending << 1);
	}
	cache_keep(cache, id, c, buf, n);
	return;
forget:
	cache_keep(cache, id, c, NULL, 0);
}

static int
cmp_count(const void *a, const void *b)
{
	const struct aduan_recap_count *x = a, *y = b;

	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	return strcmp(x->key, y->key);
}

const struct aduan_recap_view *
aduan_recap_view(struct aduan_recap *r)
{
	size_t i, n = 0;
	int k;

	for (k = 0; k < r->v.nsteps; k++) {
		r->steps[k].median = hist_rank(&r->times[k], 500);
		r->steps[k].p90 = hist_rank(&r->times[k], 900);
		r->steps[k].over = r->steps[k].p90 >= HMAX;
	}
	r->v.open_median_days = hist_rank(&r->open_days, 500);
	r->v.open_max_days = r->v.open_end && r->v.oldest_filed ?
	    (long)(((r->to && r->to < r->now ? r->to : r->now) -
	    r->v.oldest_filed) / 86400) : -1;
	free(r->subjects);
	r->subjects = calloc(r->nsubj + 1, sizeof(*r->subjects));
	for (i = 0; r->subjects != NULL && i < r->capsubj; i++)
		if (r->subj[i].key != NULL) {
			r->subjects[n].key = r->subj[i].shown;
			r->subjects[n++].n = r->subj[i].n;
		}
	if (r->subjects != NULL)
		qsort(r->subjects, n, sizeof(*r->subjects), cmp_count);
	r->v.outcomes = r->outcomes;
	r->v.steps = r->steps;
	r->v.roles = r->roles;
	r->v.kelurahan = r->kel;
	r->v.subjects = r->subjects;
	r->v.nsubjects = r->subjects ? (int)n : 0;
	return &r->v;
}
