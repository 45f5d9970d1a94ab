/*
 * case.c - a case's log replayed into its state against the SOP: which
 * steps are done (when, by whom, with what), which step the case waits
 * for, and how it ended.  The rules are the SOP's (next, branch, outcome,
 * repeatable, adjournable); nothing here knows a step by its number.
 *
 * Replay: "done" of step s records s and moves the case on to s's next
 * step, to the step its branch field chooses, or, for a step with an
 * outcome, closes the case; so does "batal", a cancellation the SOP
 * lists, on the step the case waits for.  "adjourn" moves a pending
 * step's clock to the time in the step's adjourn clock field, "late" and
 * "soon" mark a step as flagged, "seal" names a torn fragment, "koreksi"
 * corrects fields of a step done (the old values stay in their event),
 * and events this version does not know are kept and skipped.
 *
 * Deadlines: a step's clock starts when the step before it was done (or
 * at the time in its clock_from field, or at its adjourned time); its
 * deadline is that start plus its waktu in office time (calendar.c).
 * Replay notes only when each clock started; a deadline is counted when
 * asked for, and aduan_case_due is the one place that says whether a step
 * is late.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* A step's state, and when its clock started when it was first done. */
struct step {
	struct aduan_stepstate pub;
	time_t started;
};

struct aduan_case {
	struct arena arena;
	const struct aduan_sop *sop;
	struct aduan_store *store;
	struct aduan_log *log;
	struct step *steps;	/* indexed as the SOP's steps */
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
		for (i = c->nev - 1; i >= 0; i--)
			if (c->ev[i]->step != st->no &&
			    strcmp(c->ev[i]->event, "done") == 0 &&
			    (v = aduan_event_get(c->ev[i], st->clock_from)) !=
			    NULL && aduan_time_parse(v, 0, &t, NULL) == 0)
				return t;
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
		return err_case(err, ADUAN_E_CORRUPT, aduan_case_id(c),
		    _("line %ld: step %d is not in the SOP"), e->line, e->step);
	st = aduan_sop_step_at(c->sop, i);
	ss = &c->steps[i].pub;
	if (strcmp(e->event, "done") == 0) {
		if (ss->done == 0)
			c->steps[i].started = c->nev > 1 ? clock_start(c, st) :
			    e->happened;
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
				return err_case(err, ADUAN_E_CORRUPT,
				    aduan_case_id(c), _("line %ld: step %d has "
				    "no valid '%s'"), e->line, st->no,
				    st->branch_field);
		} else
			c->next = st->next;
	} else if (strcmp(e->event, "batal") == 0) {
		const char *o = aduan_event_get(e, ADUAN_CANCEL_KEY);
		const struct aduan_cancel *k = o ? aduan_sop_cancel(c->sop, o) :
		    NULL;

		if (k == NULL || c->next != st->no)
			return err_case(err, ADUAN_E_CORRUPT, aduan_case_id(c),
			    _("line %ld: a cancellation that is not one of the "
			    "SOP's, or not of the step the case waits for"),
			    e->line);
		c->next = 0;
		c->outcome = k->outcome;
	} else if (strcmp(e->event, "adjourn") == 0) {
		const char *j = st->adjourn_clock == NULL ? NULL :
		    aduan_event_get(e, st->adjourn_clock);

		ss->adjourns++;
		if (j != NULL)
			aduan_time_parse(j, 0, &ss->adjourned_to, NULL);
	} else if (strcmp(e->event, "late") == 0 ||
	    strcmp(e->event, "soon") == 0) {
		const char *d = aduan_event_get(e, "deadline");
		time_t t = 0;

		if (d != NULL)
			aduan_time_parse(d, 0, &t, NULL);
		if (e->event[0] == 'l') {
			ss->flagged = 1;
			ss->flagged_for = t;
		} else
			ss->warned_for = t;
	}
	return 0;
}

int
case_count_due(const struct aduan_sop *sop, const struct aduan_step *st,
    time_t start, time_t at, struct aduan_due *due,
    void (*note)(void *, const char *), void *arg)
{
	const struct aduan_cal *cal = aduan_sop_cal(sop);

	due->start = start;
	due->at = at;
	if (aduan_cal_add(cal, due->start, &st->waktu, &due->deadline,
	    &due->unlisted, note, arg) != 0)
		return 0;
	/*
	 * Late once a whole minute of office time has passed since the
	 * deadline: a step due at the closing is not late in the evening,
	 * only from the first minute the office is open again.
	 */
	if (due->at > due->deadline) {
		due->office = aduan_cal_working(cal, due->deadline, due->at);
		due->late = due->office >= 60;
	} else
		due->office = aduan_cal_working(cal, due->at, due->deadline);
	return 1;
}

int
aduan_case_due(const struct aduan_case *c, int no, time_t now,
    struct aduan_due *due, void (*note)(void *, const char *), void *arg)
{
	const struct aduan_step *st = aduan_sop_step(c->sop, no);
	const struct aduan_stepstate *ss = aduan_case_step(c, no);
	time_t start;

	memset(due, 0, sizeof(*due));
	if (st == NULL || st->waktu.unit == ADUAN_UNIT_NONE)
		return 0;
	if (c->next == no) {
		/* A log whose first event was torn off has no clock yet. */
		if ((start = clock_start(c, st)) == 0)
			return 0;
		return case_count_due(c->sop, st, start, now, due, note, arg);
	}
	if (ss->done > 0)
		return case_count_due(c->sop, st,
		    c->steps[step_index(c->sop, no)].started,
		    ss->first->happened, due, note, arg);
	return 0;
}

struct aduan_case *
aduan_case_load(struct aduan_store *store, const struct aduan_sop *sop,
    const char *id, enum aduan_lockmode mode, struct aduan_err *err)
{
	struct aduan_case *c;
	struct aduan_event ev, *e = NULL;
	int r;

	if ((c = calloc(1, sizeof(*c))) == NULL) {
		err_set(err, ADUAN_E_IO, _("out of memory"));
		return NULL;
	}
	c->store = store;
	/*
	 * A case recorded in two places whose histories parted is read as
	 * this place has it, and recorded on no more until a person chooses
	 * (aduan-sync(1), FORKS).
	 */
	if (mode == ADUAN_WRITE && store_forked(store, id)) {
		err_case(err, ADUAN_E_REFUSED, id, _("the case was recorded in "
		    "two places and its two histories part (DATA/fork/%s.log); "
		    "nothing more is recorded on it until a person chooses one "
		    "(aduan sync --pilih)"), id);
		goto fail;
	}
	if ((c->log = log_open(store, id, mode, NULL, err)) == NULL)
		goto fail;
	/* The first event names the SOP copy the case runs under. */
	if ((r = log_next(c->log, &ev, err)) == -1 ||
	    (r == 1 && (e = keep(c, &ev)) == NULL)) {
		if (r == 1)
			err_set(err, ADUAN_E_IO, _("out of memory"));
		goto fail;
	}
	c->sop = revision_sop(store, sop, log_nomor(c->log),
	    log_revisi(c->log), e ? aduan_event_get(e, ADUAN_SOP_KEY) : NULL,
	    err);
	if (c->sop == NULL) {
		if (err->file[0] == '\0')
			err_id(err, id);
		goto fail;
	}
	c->next = aduan_sop_step_at(c->sop, 0)->no;
	c->steps = arena_alloc(&c->arena, sizeof(*c->steps) *
	    (size_t)aduan_sop_nsteps(c->sop));
	if (c->steps == NULL) {
		err_set(err, ADUAN_E_IO, _("out of memory"));
		goto fail;
	}
	if (e != NULL && apply(c, e, err) == -1)
		goto fail;
	while (e != NULL && (r = log_next(c->log, &ev, err)) == 1) {
		if ((e = keep(c, &ev)) == NULL) {
			err_set(err, ADUAN_E_IO, _("out of memory"));
			goto fail;
		}
		if (apply(c, e, err) == -1)
			goto fail;
	}
	if (r == -1)
		goto fail;
	c->torn = log_torn(c->log, &c->torn_off, &c->torn_len);
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
	log_close(c->log);
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
	return c->log ? log_id(c->log) : "?";
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

const char *
aduan_case_value(const struct aduan_case *c, int no, const char *field,
    const struct aduan_event **by)
{
	const struct aduan_stepstate *ss = aduan_case_step(c, no);
	const char *v;
	int i;

	if (by != NULL)
		*by = NULL;
	for (i = c->nev - 1; i >= 0; i--)
		if (c->ev[i]->step == no &&
		    strcmp(c->ev[i]->event, "koreksi") == 0 &&
		    (v = aduan_event_get(c->ev[i], field)) != NULL) {
			if (by != NULL)
				*by = c->ev[i];
			return v;
		}
	return ss != NULL && ss->last != NULL ? aduan_event_get(ss->last,
	    field) : NULL;
}

const char *
aduan_case_person(const struct aduan_case *c, const struct aduan_role *role)
{
	const struct aduan_step *st;
	const char *v, *who = NULL;
	int i, k;

	for (i = 0; role != NULL && i < aduan_sop_nsteps(c->sop); i++) {
		st = aduan_sop_step_at(c->sop, i);
		for (k = 0; k < st->nfields; k++)
			if (st->fields[k].appoints != NULL &&
			    strcmp(st->fields[k].appoints, role->id) == 0 &&
			    (v = aduan_case_value(c, st->no,
			    st->fields[k].name, NULL)) != NULL)
				who = v;
	}
	return who;
}

const struct aduan_stepstate *
aduan_case_step(const struct aduan_case *c, int no)
{
	int i = step_index(c->sop, no);

	return i < 0 ? NULL : &c->steps[i].pub;
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

const struct stat *
case_file(const struct aduan_case *c, int *closed)
{
	*closed = log_closed(c->log);
	return log_stat(c->log);
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
case_append(struct aduan_case *c, const struct aduan_event *evs, int n,
    time_t now, struct aduan_err *err)
{
	long utcoff = aduan_cal_utcoff(aduan_sop_cal(c->sop));
	struct aduan_event *e;
	char head[65];
	long long end;
	long seq;
	int i, was_closed = c->next == 0;

	if (log_append(c->log, evs, n, now, utcoff, err) == -1)
		return -1;
	c->torn = 0;
	for (i = 0; i < n; i++) {
		if ((e = keep(c, &evs[i])) == NULL)
			return err_set(err, ADUAN_E_IO, _("out of memory"));
		e->recorded = now;
		if (apply(c, e, err) == -1)
			return -1;
	}
	/*
	 * A case closing is witnessed as it goes to closed/; so is what is
	 * added to a closed one (a letter printed from it), which stays
	 * there.
	 */
	log_head(c->log, &seq, &end, head);
	if (c->next == 0 && ((!was_closed && store_move_closed(c->store,
	    aduan_case_id(c), err) == -1) || checkpoint_note(c->store,
	    aduan_case_id(c), seq, end, head, now, utcoff, err) == -1))
		return -1;
	return 0;
}

void
aduan_case_wait(const struct aduan_case *c, struct aduan_wait *w)
{
	const struct aduan_step *st = aduan_sop_step(c->sop, c->next);
	const struct aduan_stepstate *ss;

	memset(w, 0, sizeof(*w));
	w->sop = c->sop;
	w->next = c->next;
	w->size = (long long)log_stat(c->log)->st_size;
	if (st == NULL)
		return;
	ss = aduan_case_step(c, c->next);
	w->start = clock_start(c, st);
	w->flagged_for = ss->flagged_for;
	w->warned_for = ss->warned_for;
}

int
aduan_wait_late(const struct aduan_wait *w, const char *id, time_t now,
    long within, struct aduan_late *late)
{
	const struct aduan_step *st = aduan_sop_step(w->sop, w->next);
	struct aduan_dur d = { ADUAN_UNIT_MENIT, 0 };
	time_t horizon = now;
	size_t n = strnlen(id, ADUAN_ID_MAX);

	memset(late, 0, sizeof(*late));
	memcpy(late->id, id, n);
	late->step = w->next;
	late->sop = w->sop;
	late->within = within;
	/* A log whose first event was torn off has no clock yet. */
	if (st == NULL || st->waktu.unit == ADUAN_UNIT_NONE || w->start == 0 ||
	    !case_count_due(w->sop, st, w->start, now, &late->due, NULL, NULL))
		return 0;
	if (!late->due.late) {
		d.amount = (int)(within / 60);
		if (d.amount <= 0 || aduan_cal_add(aduan_sop_cal(w->sop), now,
		    &d, &horizon, NULL, NULL, NULL) != 0 ||
		    late->due.deadline > horizon)
			return 0;
		late->soon = 1;
	}
	late->flagged = late->soon ? w->warned_for == late->due.deadline ||
	    w->flagged_for == late->due.deadline :
	    w->flagged_for == late->due.deadline;
	return 1;
}

int
aduan_case_late(const struct aduan_case *c, time_t now, long within,
    struct aduan_late *late)
{
	struct aduan_wait w;

	aduan_case_wait(c, &w);
	return aduan_wait_late(&w, aduan_case_id(c), now, within, late);
}

int
aduan_case_flag(struct aduan_store *store, const struct aduan_sop *sop,
    const struct aduan_late *late, const char *by, time_t now, time_t clock,
    int drill, int (*say)(const struct aduan_late *, void *), void *arg,
    struct aduan_err *err)
{
	long utcoff = aduan_cal_utcoff(aduan_sop_cal(sop));
	struct aduan_late again;
	struct aduan_event ev;
	struct aduan_kv kv[2];
	struct aduan_case *c;
	char dl[32], dn[32];
	int r;

	/* Look again under the write lock: another run may have flagged. */
	if ((c = aduan_case_load(store, sop, late->id, ADUAN_WRITE, err)) ==
	    NULL)
		return -1;
	if (!aduan_case_late(c, now, late->within, &again) ||
	    again.step != late->step || again.flagged ||
	    again.due.deadline != late->due.deadline) {
		aduan_case_free(c);
		return 0;
	}
	/* Said first: a notice that did not go out is not flagged. */
	if (say != NULL && (r = say(&again, arg)) != 0) {
		aduan_case_free(c);
		return err_case(err, ADUAN_E_IO, late->id, _("the notice was "
		    "not delivered; the step is not flagged, and the next run "
		    "says it again"));
	}
	memset(&ev, 0, sizeof(ev));
	kv[0].key = "deadline";
	kv[0].val = aduan_time_fmt(late->due.deadline, utcoff, dl);
	ev.step = late->step;
	ev.event = late->soon ? "soon" : "late";
	ev.by = by;
	ev.happened = now;
	ev.kv = kv;
	ev.nkv = 1;
	if (drill) {
		kv[1].key = ADUAN_DRILL_KEY;
		kv[1].val = aduan_time_fmt(now, utcoff, dn);
		ev.nkv = 2;
	}
	r = case_append(c, &ev, 1, clock ? clock : now, err);
	aduan_case_free(c);
	return r == -1 ? -1 : 1;
}
