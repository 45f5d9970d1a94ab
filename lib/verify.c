/*
 * verify.c - where, and as what, a case log first breaks.  The chain
 * (line.c) shows a line altered, removed, inserted, duplicated or moved,
 * a log copied over another case and a write that did not finish; the
 * checkpoint, a witness outside the log, shows a log cut after a good
 * line, rewritten whole with a fresh chain, or gone.  The verdict is a
 * value (enum aduan_fault and its numbers): the commands word it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Every stored hash read so far, to tell a duplicated line. */
struct seen {
	char (*h)[65];
	size_t n, cap;
};

static int
remember(struct seen *s, const char hash[65])
{
	if (s->n == s->cap) {
		void *p = realloc(s->h, (s->cap = s->cap ? s->cap * 2 : 64) *
		    sizeof(*s->h));

		if (p == NULL)
			return -1;
		s->h = p;
	}
	memcpy(s->h[s->n++], hash, 65);
	return 0;
}

/* Read the bad line again and say what happened to it. */
static void
classify(struct aduan_log *l, struct seen *s, int torn, long long toff,
    long long tlen, struct aduan_verdict *v)
{
	long expect, seq;
	char *p, h[65], head[65];
	size_t len, i;
	long long end;
	int lf = 0, toolong = 0;

	log_head(l, &expect, &end, head);
	expect++;
	if (log_bad_line(l, &p, &len, &v->line, &lf) == -1 ||
	    (toolong = len == SIZE_MAX))
		len = 0;
	seq = line_raw_seq(p, len);
	v->seq = seq;
	v->expect = expect;
	if (torn && (!lf || memchr(p, '\0', len) != NULL || seq < 0 ||
	    line_raw_hash(p, len, h) == -1)) {
		v->fault = ADUAN_TORN;
		v->offset = toff;
		v->length = tlen;
	} else if (seq < 0 || line_raw_hash(p, len, h) == -1) {
		v->fault = ADUAN_INSERTED;
		v->toolong = toolong;
	} else if (seq == expect)
		v->fault = ADUAN_ALTERED;
	else if (seq > expect)
		v->fault = ADUAN_REMOVED;
	else {
		for (i = 0; i < s->n && strcmp(s->h[i], h) != 0; i++)
			;
		v->fault = i < s->n ? ADUAN_DUPLICATED : ADUAN_REORDERED;
	}
}

/* What the witnesses saw of a case: the checkpoint's head and the seal's. */
struct witness {
	long events;
	const char *head;	/* NULL: none */
	long sevents;
	const char *shead;	/* NULL: not sealed */
	int sclosed;
	time_t sat;
	long set_n;
	const char *set_digest;
	time_t set_at;		/* 0: no seal of every case */
};

/* The fault of an event against the witnesses, or ADUAN_OK. */
static enum aduan_fault
against(const struct witness *w, const struct aduan_event *ev,
    const char *hash, struct aduan_verdict *v)
{
	if (w->head != NULL && ev->seq == w->events &&
	    strcmp(hash, w->head) != 0)
		return ADUAN_REWRITTEN;
	if (w->shead != NULL && ev->seq == w->sevents &&
	    strcmp(hash, w->shead) != 0) {
		v->by_seal = 1;
		v->sealed_at = w->sat;
		return ADUAN_REWRITTEN;
	}
	/* Recorded after its seal, yet with a time from before it. */
	if (w->shead != NULL && ev->seq > w->sevents && ev->recorded < w->sat) {
		v->sealed_at = w->sat;
		return ADUAN_BACKDATED;
	}
	if (w->shead == NULL && w->set_at != 0 && ev->seq == 1 &&
	    ev->recorded < w->set_at) {
		v->sealed_at = w->set_at;
		return ADUAN_UNSEALED;
	}
	return ADUAN_OK;
}

/*
 * Whether the last step done, or a cancellation with outcome cancel (when
 * not ""), closes its case under the SOP revision rev.
 */
static int
closes(const struct aduan_sop *rev, int step, const char *cancel)
{
	const struct aduan_step *s;

	if (rev == NULL)
		return 1;	/* not known here: not said */
	if (cancel[0] != '\0')
		return aduan_sop_cancel(rev, cancel) != NULL;
	s = aduan_sop_step(rev, step);
	return s != NULL && s->outcome != NULL;
}

/* One reading of the log of id against the witnesses w, locked for mode. */
static int
verify_log(struct aduan_store *st, const struct aduan_sop *sop,
    const struct witness *wp, const char *id, int where,
    enum aduan_lockmode mode, struct aduan_verdict *v, struct aduan_err *err)
{
	struct aduan_log *l;
	struct aduan_event ev;
	struct seen s = { NULL, 0, 0 };
	struct witness w = *wp;
	enum aduan_fault f;
	long seq;
	long long toff = 0, tlen = 0, end;
	char hash[65], sha[65] = "", cancel[64] = "";
	const struct aduan_sop *rev = NULL;
	const char *p;
	int r, step = 0;

	memset(v, 0, sizeof(v[0]));
	if ((l = log_open_in(st, id, mode, where, v, err)) == NULL) {
		if (err->cat == ADUAN_E_CORRUPT)
			return 0;
		if (err->cat == ADUAN_E_NOTFOUND && (w.head || w.shead)) {
			v->fault = ADUAN_MISSING;
			v->expect = w.head ? w.events : w.sevents;
			v->by_seal = w.head == NULL;
			v->sealed_at = w.sat;
			return 0;
		}
		return -1;
	}
	v->closed = log_closed(l);
	while ((r = log_next(l, &ev, err)) == 1) {
		log_head(l, &seq, &end, hash);
		/* Only a locked reading says which fault: it keeps them. */
		if (mode != LOG_PEEK && remember(&s, hash) == -1) {
			r = err_set(err, ADUAN_E_IO, _("out of memory"));
			break;
		}
		v->events++;
		v->sealed += ev.event[0] == 's' && strcmp(ev.event, "seal") == 0;
		v->drills += aduan_event_get(&ev, ADUAN_DRILL_KEY) != NULL;
		if (ev.step > 0 && ev.event[0] == 'd' &&
		    strcmp(ev.event, "done") == 0)
			step = ev.step;
		if (ev.event[0] == 'b' && strcmp(ev.event, "batal") == 0)
			snprintf(cancel, sizeof(cancel), "%s",
			    aduan_event_get(&ev, ADUAN_CANCEL_KEY) ?
			    aduan_event_get(&ev, ADUAN_CANCEL_KEY) : "-");
		if (ev.seq == 1 && (p = aduan_event_get(&ev, ADUAN_SOP_KEY)) !=
		    NULL) {
			memcpy(sha, p, strnlen(p, sizeof(sha) - 1));
			sha[strnlen(p, sizeof(sha) - 1)] = '\0';
		}
		if (v->fault == ADUAN_OK &&
		    (f = against(&w, &ev, hash, v)) != ADUAN_OK) {
			v->line = ev.line;
			v->fault = f;
			v->seq = ev.seq;
		}
	}
	if (r == -1 && err->cat != ADUAN_E_CORRUPT) {
		free(s.h);
		log_close(l);
		return -1;
	}
	if (r == -1 || log_torn(l, &toff, &tlen)) {
		v->by_seal = 0;
		classify(l, &s, r == 0, toff, tlen, v);
	}
	log_head(l, &seq, &end, hash);
	if (v->fault == ADUAN_OK && ((w.head != NULL && seq < w.events) ||
	    (w.shead != NULL && seq < w.sevents))) {
		v->by_seal = !(w.head != NULL && seq < w.events);
		v->sealed_at = w.sat;
		v->line = log_lines(l) + 1;
		v->fault = ADUAN_CUT;
		v->seq = seq;
		v->expect = v->by_seal ? w.sevents : w.events;
	}
	/* The SOP copy the case runs under must be there, unaltered. */
	if (v->fault == ADUAN_OK && sop != NULL && (rev = revision_sop(st, sop,
	    log_nomor(l), log_revisi(l), sha[0] ? sha : NULL, err)) == NULL &&
	    (err->cat == ADUAN_E_CORRUPT || (err->cat == ADUAN_E_CONFIG &&
	    sha[0]))) {
		v->fault = ADUAN_SOPCOPY;
		v->line = 1;
		snprintf(v->other, sizeof(v->other), "%.16s", sha);
	}
	if (v->fault == ADUAN_OK && ((v->closed && !closes(rev, step, cancel)) ||
	    (w.shead != NULL && w.sclosed && !v->closed))) {
		v->fault = ADUAN_MOVED;
		v->by_seal = !v->closed;
		v->line = 0;
	}
	/* A log that verifies has no line at fault. */
	if (v->fault == ADUAN_OK)
		v->line = 0;
	v->lines = log_lines(l);
	free(s.h);
	log_close(l);
	return 0;
}

int
aduan_verify_in(struct aduan_store *st, const struct aduan_sop *sop,
    struct aduan_checkpoint *cp, struct aduan_seal *seal, const char *id,
    int where, struct aduan_verdict *v, struct aduan_err *err)
{
	struct witness w;
	int k;

	memset(&w, 0, sizeof(w));
	if (cp != NULL && (k = checkpoint_head(cp, id, &w.events, &w.head)) !=
	    1) {
		if (k == -1)
			return heads_failed(err);
		w.head = NULL;
	}
	if (seal != NULL) {
		if (!seal_head(seal, id, &w.sevents, &w.shead, &w.sclosed,
		    &w.sat))
			w.shead = NULL;
		if (!seal_set_check(seal, &w.set_n, &w.set_digest, &w.set_at))
			w.set_at = 0;
	}
	/*
	 * Read first with no lock; a log that is not whole and sound so read
	 * may be in the middle of a write, and is read again under the lock,
	 * whose answer is the one given.
	 */
	if (verify_log(st, sop, &w, id, where, LOG_PEEK, v, err) == 0 &&
	    v->fault == ADUAN_OK)
		return 0;
	return verify_log(st, sop, &w, id, where, ADUAN_READ, v, err);
}

int
aduan_verify(struct aduan_store *st, const struct aduan_sop *sop,
    struct aduan_checkpoint *cp, struct aduan_seal *seal, const char *id,
    struct aduan_verdict *v, struct aduan_err *err)
{
	return aduan_verify_in(st, sop, cp, seal, id, -1, v, err);
}

int
aduan_verify_missing(struct aduan_store *st, struct aduan_checkpoint *cp,
    struct aduan_seal *seal,
    void (*fn)(const char *, const struct aduan_verdict *, void *),
    void *arg, struct aduan_err *err)
{
	struct aduan_verdict v;
	const char *id, *hash;
	size_t i;
	long events;
	int closed, met, k;

	/* A case verified was there; the others are looked for. */
	if (cp != NULL && checkpoint_drain(cp) == -1)
		return heads_failed(err);
	for (i = 0; cp != NULL && (id = checkpoint_id_at(cp, i, &met,
	    &events)) != NULL; i++)
		if (!met && !store_has_case(st, id)) {
			memset(&v, 0, sizeof(v));
			v.fault = ADUAN_MISSING;
			v.expect = events;
			fn(id, &v, arg);
		}
	for (i = 0; seal != NULL && (id = seal_id_at(seal, i, &met)) != NULL;
	    i++) {
		if (met || store_has_case(st, id))
			continue;
		/* One the checkpoint knows is said above. */
		if (cp != NULL && (k = checkpoint_head(cp, id, &v.expect,
		    &hash)) != 0) {
			if (k == -1)
				return heads_failed(err);
			continue;
		}
		memset(&v, 0, sizeof(v));
		v.fault = ADUAN_MISSING;
		v.by_seal = 1;
		seal_head(seal, id, &v.expect, &hash, &closed, &v.sealed_at);
		fn(id, &v, arg);
	}
	return 0;
}

struct all {
	struct aduan_store *st;
	const struct aduan_sop *sop;
	struct aduan_checkpoint *cp;
	struct aduan_seal *seal;
	int n, bad, failed;
	struct aduan_err *err;
};

static int
verify_one(const char *id, int closed, void *arg)
{
	struct all *a = arg;
	struct aduan_verdict v;

	if (aduan_verify_in(a->st, a->sop, a->cp, a->seal, id, closed, &v,
	    a->err) == -1) {
		a->failed = 1;
		return 1;
	}
	a->n++;
	a->bad += v.fault != ADUAN_OK;
	return 0;
}

static void
missing_one(const char *id, const struct aduan_verdict *v, void *arg)
{
	struct all *a = arg;

	(void)id;
	(void)v;
	a->n++;
	a->bad++;
}

int
aduan_verify_all(struct aduan_store *st, const struct aduan_sop *sop,
    struct aduan_checkpoint *cp, struct aduan_seal *seal, int *n, int *bad,
    struct aduan_err *err)
{
	struct all a = { st, sop, cp, seal, 0, 0, 0, err };

	if (aduan_store_scan(st, ADUAN_SCAN_CLOSED, verify_one, &a, err) ==
	    -1 || a.failed || ((cp != NULL || seal != NULL) &&
	    aduan_verify_missing(st, cp, seal, missing_one, &a, err) == -1))
		return -1;
	*n = a.n;
	*bad = a.bad;
	return 0;
}
