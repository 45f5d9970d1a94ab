/*
 * verify.c - where, and as what, a case log first breaks.  The chain
 * (line.c) shows a line altered, removed, inserted, duplicated or moved,
 * a log copied over another case and a write that did not finish; the
 * checkpoint, a witness outside the log, shows a log cut after a good
 * line, rewritten whole with a fresh chain, or gone.  The verdict is a
 * value (enum aduan_fault and its numbers): the commands word it.
 */
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

int
aduan_verify(struct aduan_store *st, struct aduan_checkpoint *cp,
    const char *id, struct aduan_verdict *v, struct aduan_err *err)
{
	struct aduan_log *l;
	struct aduan_event ev;
	struct seen s = { NULL, 0, 0 };
	const char *want = NULL;
	long want_events = 0, seq;
	long long toff = 0, tlen = 0, end;
	char hash[65];
	int r;

	memset(v, 0, sizeof(*v));
	if (cp != NULL && !checkpoint_head(cp, id, &want_events, &want))
		want = NULL;
	if ((l = log_open(st, id, ADUAN_READ, v, err)) == NULL) {
		if (err->cat == ADUAN_E_CORRUPT)
			return 0;
		if (err->cat == ADUAN_E_NOTFOUND && want != NULL) {
			v->fault = ADUAN_MISSING;
			v->expect = want_events;
			return 0;
		}
		return -1;
	}
	while ((r = log_next(l, &ev, err)) == 1) {
		log_head(l, &seq, &end, hash);
		if (remember(&s, hash) == -1) {
			r = err_set(err, ADUAN_E_IO, _("out of memory"));
			break;
		}
		v->events++;
		v->sealed += strcmp(ev.event, "seal") == 0;
		if (want != NULL && ev.seq == want_events &&
		    strcmp(hash, want) != 0 && v->fault == ADUAN_OK) {
			v->line = ev.line;
			v->fault = ADUAN_REWRITTEN;
			v->seq = ev.seq;
		}
	}
	if (r == -1 && err->cat != ADUAN_E_CORRUPT) {
		free(s.h);
		log_close(l);
		return -1;
	}
	if (r == -1 || log_torn(l, &toff, &tlen))
		classify(l, &s, r == 0, toff, tlen, v);
	log_head(l, &seq, &end, hash);
	if (v->fault == ADUAN_OK && want != NULL && seq < want_events) {
		v->line = log_lines(l) + 1;
		v->fault = ADUAN_CUT;
		v->seq = seq;
		v->expect = want_events;
	}
	v->lines = log_lines(l);
	free(s.h);
	log_close(l);
	return 0;
}

int
aduan_verify_missing(struct aduan_store *st, struct aduan_checkpoint *cp,
    void (*fn)(const char *, const struct aduan_verdict *, void *),
    void *arg, struct aduan_err *err)
{
	struct aduan_verdict v;
	const char *id, *hash;
	size_t i;

	(void)err;
	for (i = 0; cp != NULL && (id = checkpoint_id_at(cp, i)) != NULL;
	    i++)
		if (!store_has_case(st, id)) {
			memset(&v, 0, sizeof(v));
			v.fault = ADUAN_MISSING;
			checkpoint_head(cp, id, &v.expect, &hash);
			fn(id, &v, arg);
		}
	return 0;
}
