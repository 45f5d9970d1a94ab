/*
 * similar.c - a complaint filed twice: a new case whose first step holds
 * the same values as an open case's in every field the SOP marks
 * duplikat, compared without regard to case or to runs of spaces, among
 * the newest open cases (aduan-sop(5)).  It reads; it never records.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"


struct similar {
	struct aduan_store *store;
	const struct aduan_sop *sop;
	const struct aduan_step *first;
	const char *id;
	const char *want[ADUAN_KV_MAX];	/* by field of the first step */
	char *copy[ADUAN_KV_MAX];	/* want, kept beyond the case */
	char *other;
	int seen;
};

/* a and b, the same but for case and runs of spaces (at the ends too). */
static int
same_words(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ')
			a++;
		while (*b == ' ')
			b++;
		if (*a == '\0' || *b == '\0')
			return *a == *b;
		for (; *a != '\0' && *a != ' ' && *b != '\0' && *b != ' ';
		    a++, b++) {
			int x = *a >= 'A' && *a <= 'Z' ? *a - 'A' + 'a' : *a;
			int y = *b >= 'A' && *b <= 'Z' ? *b - 'A' + 'a' : *b;

			if (x != y)
				return 0;
		}
		if ((*a == ' ' || *a == '\0') != (*b == ' ' || *b == '\0'))
			return 0;
	}
}

/* The value of each duplikat field of the first event of c into want. */
static int
first_values(const struct aduan_case *c, const struct aduan_step *first,
    const char **want)
{
	const struct aduan_event *e = aduan_case_nevents(c) > 0 ?
	    aduan_case_event(c, 0) : NULL;
	int i, n = 0;

	for (i = 0; i < first->nfields && i < ADUAN_KV_MAX; i++) {
		want[i] = NULL;
		if (!first->fields[i].duplicate)
			continue;
		if (e == NULL || e->step != first->no ||
		    (want[i] = aduan_case_value(c, first->no,
		    first->fields[i].name, NULL)) == NULL)
			return 0;
		n++;
	}
	return n;
}

static int
similar_one(const char *id, int closed, void *arg)
{
	struct similar *s = arg;
	const char *have[ADUAN_KV_MAX];
	struct aduan_case *c;
	struct aduan_err e;
	int i, same = 1;

	(void)closed;
	if (strcmp(id, s->id) == 0)
		return 0;
	if (s->seen++ >= ADUAN_SIMILAR_WINDOW)
		return -2;
	if ((c = aduan_case_load(s->store, s->sop, id, ADUAN_READ, &e)) ==
	    NULL)
		return 0;
	if (aduan_case_next(c) == 0 || first_values(c, s->first, have) == 0)
		same = 0;
	for (i = 0; same && i < s->first->nfields && i < ADUAN_KV_MAX; i++)
		if (s->want[i] != NULL && (have[i] == NULL ||
		    !same_words(s->want[i], have[i])))
			same = 0;
	aduan_case_free(c);
	if (!same)
		return 0;
	memcpy(s->other, id, strlen(id) + 1);
	return 1;
}

int
aduan_record_similar(struct aduan_store *store, const struct aduan_sop *sop,
    const char *id, char other[ADUAN_ID_MAX + 1], struct aduan_err *err)
{
	struct similar s = { .store = store, .sop = sop, .id = id,
	    .other = other };
	struct aduan_case *c;
	int r, i;

	if ((c = aduan_case_load(store, sop, id, ADUAN_READ, err)) == NULL)
		return -1;
	/* The revision's copy stays cached in the store. */
	s.first = aduan_sop_step_at(aduan_case_sop(c), 0);
	r = first_values(c, s.first, s.want);
	for (i = 0; i < s.first->nfields && i < ADUAN_KV_MAX; i++)
		if ((s.want[i] = s.copy[i] = s.want[i] ? strdup(s.want[i]) :
		    NULL) == NULL && s.first->fields[i].duplicate && r > 0)
			r = -1;
	aduan_case_free(c);
	if (r > 0)
		r = aduan_store_scan(store, ADUAN_SCAN_NEWEST, similar_one, &s,
		    err);
	else if (r == -1)
		err_set(err, ADUAN_E_IO, _("out of memory"));
	for (i = 0; i < s.first->nfields && i < ADUAN_KV_MAX; i++)
		free(s.copy[i]);
	return r == 1 ? 1 : r == -1 ? -1 : 0;
}
