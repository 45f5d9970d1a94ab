/*
 * case.c - a case's log replayed into its state against the SOP: which
 * steps are done (when, by whom, with what), which step the case waits
 * for, and how it ended.  The rules are the SOP's (next, branch, outcome,
 * repeatable, adjournable); nothing here knows a step by its number.
 *
 * Replay: "done" of step s records s and moves the case on to s's next
 * step, to the step its branch field chooses, or, for a step with an
 * outcome, closes the case.  "adjourn" moves a pending step's clock to a
 * new time, "late" marks a step as flagged, "seal" names a torn fragment,
 * and events this version does not know are kept and skipped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct aduan_case {
	struct arena arena;
	const struct aduan_sop *sop;
	struct aduan_log *log;
	struct aduan_stepstate *steps;	/* indexed as the SOP's steps */
	struct aduan_event **ev;	/* in the arena; this array grows */
	int nev, capev;
	int next;
	time_t since;		/* when the last step was done */
	const char *outcome;
	int torn;
	long long torn_off, torn_len;
};

static int
step_index(const struct aduan_sop *sop, int no)
{
	const struct aduan_step *st = aduan_sop_step(sop, no);

	return st ? (int)(st - aduan_sop_step_at(sop, 0)) : -1;
}

/*
 * Keep a copy of ev (its strings too) in the case's arena, where it never
 * moves, so that step states can point at it.
 */
static struct aduan_event *
keep(struct aduan_case *c, const struct aduan_event *ev)
{
	struct aduan_event *e;
	struct aduan_kv *kv;
	int i;

	if (c->nev == c->capev) {
		int cap = c->capev ? c->capev * 2 : 16;
		struct aduan_event **n = realloc(c->ev, sizeof(*n) *
		    (size_t)cap);

		if (n == NULL)
			return NULL;
		c->ev = n;
		c->capev = cap;
	}
	e = arena_alloc(&c->arena, sizeof(*e));
	kv = arena_alloc(&c->arena, sizeof(*kv) * (size_t)(ev->nkv + 1));
	if (e == NULL || kv == NULL)
		return NULL;
	*e = *ev;
	if ((e->by = arena_strndup(&c->arena, ev->by, strlen(ev->by))) ==
	    NULL || (e->event = arena_strndup(&c->arena, ev->event,
	    strlen(ev->event))) == NULL)
		return NULL;
	for (i = 0; i < ev->nkv; i++)
		if ((kv[i].key = arena_strndup(&c->arena, ev->kv[i].key,
		    strlen(ev->kv[i].key))) == NULL ||
		    (kv[i].val = arena_strndup(&c->arena, ev->kv[i].val,
		    strlen(ev->kv[i].val))) == NULL)
			return NULL;
	e->kv = kv;
	c->ev[c->nev++] = e;
	return e;
}

/* When the clock of step st starts, were it pending now. */
static time_t
clock_start(const struct aduan_case *c, const struct aduan_step *st)
{
	const struct aduan_stepstate *ss = aduan_case_step(c, st->no);
	const char *v;
	time_t t;
	int i;

	if (st->clock_from != NULL)
		for (i = c->nev - 1; i >= 0; i--) {
			struct aduan_err err;

			if (c->ev[i]->step != st->no &&
			    strcmp(c->ev[i]->event, "done") == 0 &&
			    (v = aduan_event_get(c->ev[i], st->clock_from)) !=
			    NULL && aduan_time_parse(v, 0, &t, &err) == 0)
				return t;
		}
	if (ss->adjourned_to > c->since)
		return ss->adjourned_to;
	return c->since;
}

/* Apply one event to the state. */
static int
apply(struct aduan_case *c, struct aduan_event *e, struct aduan_err *err)
{
	const struct aduan_step *st;
	struct aduan_stepstate *ss;
	int i;

	if (e->step == 0)
		return 0;
	if ((i = step_index(c->sop, e->step)) < 0)
		return err_set(err, ADUAN_E_CORRUPT, _("%s: line %ld: step %d "
		    "is not in the SOP"), aduan_case_id(c), e->line,
		    e->step);
	st = aduan_sop_step_at(c->sop, i);
	ss = &c->steps[i];
	if (strcmp(e->event, "done") == 0) {
		if (ss->done == 0) {
			ss->started = c->nev > 1 ? clock_start(c, st) :
			    e->happened;
			ss->timed = aduan_cal_add(aduan_sop_cal(c->sop),
			    ss->started, &st->waktu, &ss->deadline, NULL, NULL,
			    NULL) == 0;
			ss->late = ss->timed && e->happened > ss->deadline;
		}
		c->since = e->happened;
		ss->done++;
		ss->last = e;
		if (ss->first == NULL)
			ss->first = e;
		if (st->outcome != NULL) {
			c->next = 0;
			c->outcome = st->outcome;
		} else if (st->branch_field != NULL) {
			const char *v = aduan_event_get(e, st->branch_field);

			for (i = 0; i < st->nbranches; i++)
				if (v != NULL &&
				    strcmp(v, st->branches[i].value) == 0)
					c->next = st->branches[i].next;
			if (v == NULL || c->next == st->no)
				return err_set(err, ADUAN_E_CORRUPT, _("%s: line "
				    "%ld: step %d has no valid '%s'"),
				    aduan_case_id(c), e->line, st->no,
				    st->branch_field);
		} else
			c->next = st->next;
	} else if (strcmp(e->event, "adjourn") == 0) {
		const char *j = aduan_event_get(e, "jadwal");
		struct aduan_err tmp;

		ss->adjourns++;
		if (j != NULL)
			aduan_time_parse(j, 0, &ss->adjourned_to, &tmp);
	} else if (strcmp(e->event, "late") == 0 ||
	    strcmp(e->event, "soon") == 0) {
		const char *d = aduan_event_get(e, "deadline");
		struct aduan_err tmp;
		time_t t = 0;

		if (d != NULL)
			aduan_time_parse(d, 0, &t, &tmp);
		if (e->event[0] == 'l') {
			ss->flagged = 1;
			ss->flagged_for = t;
		} else
			ss->warned_for = t;
	}
	return 0;
}

int
aduan_case_deadline(const struct aduan_case *c, int no, time_t *start,
    time_t *deadline, int *unlisted, void (*note)(void *, const char *),
    void *arg)
{
	const struct aduan_step *st = aduan_sop_step(c->sop, no);
	const struct aduan_stepstate *ss = aduan_case_step(c, no);

	if (unlisted != NULL)
		*unlisted = 0;
	if (st == NULL || st->waktu.unit == ADUAN_UNIT_NONE)
		return 0;
	if (c->next == no) {
		/* A log whose first event was torn off has no clock yet. */
		if ((*start = clock_start(c, st)) == 0)
			return 0;
	} else if (ss->done > 0 && ss->timed)
		*start = ss->started;
	else
		return 0;
	return aduan_cal_add(aduan_sop_cal(c->sop), *start, &st->waktu,
	    deadline, unlisted, note, arg) == 0;
}

struct aduan_case *
aduan_case_load(struct aduan_store *store, const struct aduan_sop *sop,
    const char *id, enum aduan_lockmode mode, struct aduan_err *err)
{
	struct aduan_case *c;
	struct aduan_event ev, *e;
	int r;

	if ((c = calloc(1, sizeof(*c))) == NULL) {
		err_set(err, ADUAN_E_IO, _("out of memory"));
		return NULL;
	}
	if ((c->log = aduan_log_open(store, id, mode, err)) == NULL)
		goto fail;
	c->sop = aduan_store_sop(store, sop, aduan_log_sop(c->log),
	    aduan_log_revisi(c->log), err);
	if (c->sop == NULL) {
		if (err->file[0] == '\0')
			err_prefix(err, id);
		goto fail;
	}
	c->next = aduan_sop_step_at(c->sop, 0)->no;
	c->steps = arena_alloc(&c->arena, sizeof(*c->steps) *
	    (size_t)aduan_sop_nsteps(c->sop));
	if (c->steps == NULL) {
		err_set(err, ADUAN_E_IO, _("out of memory"));
		goto fail;
	}
	while ((r = aduan_log_next(c->log, &ev, err)) == 1) {
		if ((e = keep(c, &ev)) == NULL) {
			err_set(err, ADUAN_E_IO, _("out of memory"));
			goto fail;
		}
		if (apply(c, e, err) == -1)
			goto fail;
	}
	if (r == -1)
		goto fail;
	c->torn = aduan_log_torn(c->log, &c->torn_off, &c->torn_len);
	return c;
fail:
	aduan_case_free(c);
	return NULL;
}

void
aduan_case_free(struct aduan_case *c)
{
	if (c == NULL)
		return;
	aduan_log_close(c->log);
	arena_free(&c->arena);
	free(c->ev);
	free(c);
}

const struct aduan_sop *
aduan_case_sop(const struct aduan_case *c)
{
	return c->sop;
}

const char *
aduan_case_id(const struct aduan_case *c)
{
	return c->log ? aduan_log_id(c->log) : "?";
}

int
aduan_case_next(const struct aduan_case *c)
{
	return c->next;
}

const char *
aduan_case_outcome(const struct aduan_case *c)
{
	return c->outcome;
}

const struct aduan_stepstate *
aduan_case_step(const struct aduan_case *c, int no)
{
	int i = step_index(c->sop, no);

	return i < 0 ? NULL : &c->steps[i];
}

/* Whether step `to` can still be reached from step `from`. */
static int
reachable(const struct aduan_sop *sop, int from, int to, int depth)
{
	const struct aduan_step *st = aduan_sop_step(sop, from);
	int i;

	if (from == to)
		return 1;
	if (st == NULL || depth > aduan_sop_nsteps(sop))
		return 0;
	if (st->next != 0 && reachable(sop, st->next, to, depth + 1))
		return 1;
	for (i = 0; i < st->nbranches; i++)
		if (reachable(sop, st->branches[i].next, to, depth + 1))
			return 1;
	return 0;
}

enum aduan_status
aduan_case_status(const struct aduan_case *c, int no)
{
	const struct aduan_stepstate *ss = aduan_case_step(c, no);

	if (c->next == no)
		return ADUAN_STEP_NEXT;
	if (ss != NULL && ss->done > 0)
		return ADUAN_STEP_DONE;
	if (c->next != 0 && reachable(c->sop, c->next, no, 0))
		return ADUAN_STEP_LATER;
	return ADUAN_STEP_SKIPPED;
}

int
aduan_case_nevents(const struct aduan_case *c)
{
	return c->nev;
}

const struct aduan_event *
aduan_case_event(const struct aduan_case *c, int i)
{
	return i >= 0 && i < c->nev ? c->ev[i] : NULL;
}

int
aduan_case_torn(const struct aduan_case *c, long long *off, long long *len)
{
	if (!c->torn)
		return 0;
	*off = c->torn_off;
	*len = c->torn_len;
	return 1;
}

int
aduan_case_append(struct aduan_case *c, const struct aduan_event *evs,
    int n, time_t now, struct aduan_err *err)
{
	long utcoff = aduan_cal_utcoff(aduan_sop_cal(c->sop));
	struct aduan_event *e;
	int i;

	if (aduan_log_append(c->log, evs, n, now, utcoff, err) == -1)
		return -1;
	c->torn = 0;
	for (i = 0; i < n; i++) {
		if ((e = keep(c, &evs[i])) == NULL)
			return err_set(err, ADUAN_E_IO, _("out of memory"));
		e->recorded = now;
		if (apply(c, e, err) == -1)
			return -1;
	}
	if (c->next == 0)
		return aduan_log_move_closed(c->log, err);
	return 0;
}

/* Whether case c is late (or soon) at now; *late filled. */
static int
is_late(const struct aduan_case *c, time_t now, long within,
    struct aduan_late *late)
{
	const struct aduan_cal *cal = aduan_sop_cal(c->sop);
	struct aduan_dur w = { ADUAN_UNIT_MENIT, 0 };
	time_t horizon = now;

	memset(late, 0, sizeof(*late));
	snprintf(late->id, sizeof(late->id), "%s", aduan_case_id(c));
	late->step = c->next;
	late->sop = c->sop;
	if (c->next == 0 || !aduan_case_deadline(c, c->next, &late->start,
	    &late->deadline, &late->unlisted, NULL, NULL))
		return 0;
	if (late->deadline < now) {
		late->late_by = aduan_cal_working(cal, late->deadline, now);
		return 1;
	}
	w.amount = (int)(within / 60);
	if (w.amount <= 0 || aduan_cal_add(cal, now, &w, &horizon, NULL, NULL,
	    NULL) != 0 || late->deadline > horizon)
		return 0;
	late->soon = 1;
	late->late_by = -aduan_cal_working(cal, now, late->deadline);
	return 1;
}

int
aduan_case_check_late(struct aduan_store *store, const struct aduan_sop *sop,
    const char *id, time_t now, long within, int flag,
    struct aduan_late *late, struct aduan_err *err)
{
	long utcoff = aduan_cal_utcoff(aduan_sop_cal(sop));
	const struct aduan_stepstate *ss;
	struct aduan_event ev;
	struct aduan_kv kv[1];
	struct aduan_case *c;
	char dl[32];
	int r, pass;

	for (pass = 0; pass < 2; pass++) {
		c = aduan_case_load(store, sop, id, pass ? ADUAN_WRITE :
		    ADUAN_READ, err);
		if (c == NULL)
			return -1;
		r = is_late(c, now, within, late);
		ss = r ? aduan_case_step(c, late->step) : NULL;
		if (r == 0 || !flag || (late->soon ?
		    ss->warned_for == late->deadline || ss->flagged_for ==
		    late->deadline : ss->flagged_for == late->deadline)) {
			aduan_case_free(c);
			return r;
		}
		if (pass == 0) {
			/* Look again under the write lock before flagging. */
			aduan_case_free(c);
			continue;
		}
		memset(&ev, 0, sizeof(ev));
		kv[0].key = "deadline";
		kv[0].val = aduan_time_fmt(late->deadline, utcoff, dl);
		ev.step = late->step;
		ev.event = late->soon ? "soon" : "late";
		ev.by = "aduan-overdue";
		ev.happened = now;
		ev.kv = kv;
		ev.nkv = 1;
		r = aduan_case_append(c, &ev, 1, now, err);
		aduan_case_free(c);
		if (r == -1)
			return -1;
		late->newly = 1;
	}
	return 1;
}
