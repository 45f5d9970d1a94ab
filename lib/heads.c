/*
 * heads.c - the heads a checkpoint file notes, the last of each case,
 * handed out in the order of their IDs in a memory that does not grow
 * with the cases.  The lines are read in batches of RUN heads; each batch
 * is sorted by ID (the later line of an ID winning) and, when more follow,
 * written as a sorted run into an unnamed temporary file.  The runs are
 * then merged, a heap of them by their first head, as a reader in ID
 * order asks.  A checkpoint of RUN heads or fewer never leaves memory;
 * one whose temporary file cannot be made is kept in memory whole.
 *
 * Asked in the order of the scan, which is that of the IDs, a head is
 * found by a step of the merge; the heads stepped over unasked are kept
 * aside (in ID order) as the ones not met, which verify names missing
 * unless their logs are there.  An ID asked out of order is looked for
 * among those, then in each run by bisection.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

#define RUN 8192		/* heads sorted at a time */
#define BUF 64			/* heads read at a time from a run */

struct hrec {
	char id[ADUAN_ID_MAX + 1];
	unsigned char met;
	unsigned char closed;	/* noted in closed/ */
	uint32_t order;		/* the line's number: the later wins */
	long events;
	long long size;
	uint8_t hash[32];
};

struct run {
	struct hrec *rec;	/* rec[i..n) read and not yet merged */
	size_t i, n;
	off_t start, at, end;	/* the run in the file; at: still to read */
};

struct heads {
	int keep;		/* keep the heads stepped over (verify) */
	struct hrec *mem;	/* the batch being filled */
	size_t n, cap;
	int fd;			/* the temporary file, or -1 */
	off_t size;
	struct run *runs;
	size_t nruns;
	size_t *heap, nheap;	/* runs with heads left, by their first */
	int merging;
	struct hrec peek;	/* the next head of the merge, when have */
	int have, ended, drained;
	struct hrec cur;	/* the last found, when found */
	int found;
	char asked[ADUAN_ID_MAX + 1];	/* the greatest ID asked, or "" */
	int asked_found;	/* whether it has a head */
	struct hrec *passed;	/* stepped over unasked, in order */
	size_t npassed, cappassed;
	char hex[65];
};

int
heads_failed(struct aduan_err *err)
{
	return err_set(err, ADUAN_E_IO, _("cannot sort the checkpoint's heads: "
	    "%s"), strerror(errno));
}

static int
cmp_rec(const void *a, const void *b)
{
	const struct hrec *x = a, *y = b;
	int r = store_cmp_id(x->id, y->id);

	return r != 0 ? r : (x->order > y->order) - (x->order < y->order);
}

static int
cmp_key(const void *key, const void *rec)
{
	return store_cmp_id(key, ((const struct hrec *)rec)->id);
}

struct heads *
heads_new(int keep)
{
	struct heads *hs = calloc(1, sizeof(*hs));

	if (hs != NULL) {
		hs->fd = -1;
		hs->keep = keep;
	}
	return hs;
}

void
heads_free(struct heads *hs)
{
	size_t i;

	if (hs == NULL)
		return;
	for (i = 0; i < hs->nruns; i++)
		if (hs->runs[i].rec != hs->mem)
			free(hs->runs[i].rec);
	if (hs->fd >= 0)
		close(hs->fd);
	free(hs->runs);
	free(hs->heap);
	free(hs->mem);
	free(hs->passed);
	free(hs);
}

/* Sort the batch and keep the last head of each ID: its new length. */
static size_t
settle(struct hrec *r, size_t n)
{
	size_t i, j;

	qsort(r, n, sizeof(*r), cmp_rec);
	for (i = 0, j = 0; i < n; i++) {
		if (j > 0 && strcmp(r[j - 1].id, r[i].id) == 0)
			j--;
		r[j++] = r[i];
	}
	return j;
}

static int
add_run(struct heads *hs, struct hrec *rec, size_t n, off_t at, off_t end)
{
	void *p = realloc(hs->runs, (hs->nruns + 1) * sizeof(*hs->runs));

	if (p == NULL)
		return -1;
	hs->runs = p;
	hs->runs[hs->nruns].rec = rec;
	hs->runs[hs->nruns].i = 0;
	hs->runs[hs->nruns].n = n;
	hs->runs[hs->nruns].start = hs->runs[hs->nruns].at = at;
	hs->runs[hs->nruns].end = end;
	hs->nruns++;
	return 0;
}

/* The full batch as a run of the file, or kept growing: 0, or -1. */
static int
spill(struct heads *hs)
{
	size_t n = settle(hs->mem, hs->n), len = n * sizeof(*hs->mem);
	off_t at = hs->size;

	hs->n = n;
	if (hs->fd == -1 && (hs->fd = io_tmpfile()) == -1)
		hs->fd = -2;
	if (hs->fd < 0 || pwrite(hs->fd, hs->mem, len, at) != (ssize_t)len) {
		/* No file to sort in: the heads are kept in memory. */
		void *p = realloc(hs->mem, (hs->cap *= 2) * sizeof(*hs->mem));

		if (p == NULL)
			return -1;
		hs->mem = p;
		return 0;
	}
	hs->size += (off_t)len;
	if (add_run(hs, NULL, 0, at, hs->size) == -1)
		return -1;
	hs->n = 0;
	return 0;
}

int
heads_add(struct heads *hs, const char *id, long events, long long size,
    int closed, const char *hash, uint32_t order)
{
	struct hrec *r;

	if (hs->n == hs->cap) {
		if (hs->cap == 0) {
			if ((hs->mem = malloc(RUN * sizeof(*hs->mem))) == NULL)
				return -1;
			hs->cap = RUN;
		} else if (spill(hs) == -1)
			return -1;
	}
	r = &hs->mem[hs->n++];
	memset(r, 0, sizeof(*r));
	memcpy(r->id, id, strnlen(id, ADUAN_ID_MAX));
	r->order = order;
	r->events = events;
	r->size = size;
	r->closed = (unsigned char)!!closed;
	if (hex_get(hash, r->hash, sizeof(r->hash)) == -1) {
		hs->n--;
		return -2;
	}
	return 0;
}

/* The head run k would give next: 1, 0 when it has none, -1. */
static int
run_fill(struct heads *hs, struct run *r)
{
	size_t want;
	ssize_t got;

	if (r->i < r->n)
		return 1;
	if (r->at >= r->end)
		return 0;
	if (r->rec == NULL && (r->rec = malloc(BUF * sizeof(*r->rec))) == NULL)
		return -1;
	want = (size_t)(r->end - r->at) < BUF * sizeof(*r->rec) ?
	    (size_t)(r->end - r->at) : BUF * sizeof(*r->rec);
	if ((got = pread(hs->fd, r->rec, want, r->at)) != (ssize_t)want)
		return -1;
	r->at += got;
	r->i = 0;
	r->n = want / sizeof(*r->rec);
	return 1;
}

static int
heap_less(const struct heads *hs, size_t a, size_t b)
{
	const struct run *x = &hs->runs[a], *y = &hs->runs[b];

	return cmp_rec(&x->rec[x->i], &y->rec[y->i]) < 0;
}

static void
heap_down(struct heads *hs, size_t i)
{
	size_t c, t;

	for (; (c = 2 * i + 1) < hs->nheap; i = c) {
		if (c + 1 < hs->nheap && heap_less(hs, hs->heap[c + 1],
		    hs->heap[c]))
			c++;
		if (!heap_less(hs, hs->heap[c], hs->heap[i]))
			break;
		t = hs->heap[c];
		hs->heap[c] = hs->heap[i];
		hs->heap[i] = t;
	}
}

/* All the lines read: the last batch sorted, the merge begun.  0, -1. */
int
heads_done(struct heads *hs)
{
	size_t i;
	int k;

	hs->n = hs->n ? settle(hs->mem, hs->n) : 0;
	if (hs->n > 0 && add_run(hs, hs->mem, hs->n, 0, 0) == -1)
		return -1;
	if (hs->nruns > 0 && (hs->heap = malloc(hs->nruns *
	    sizeof(*hs->heap))) == NULL)
		return -1;
	for (i = 0; i < hs->nruns; i++) {
		if ((k = run_fill(hs, &hs->runs[i])) == -1)
			return -1;
		if (k == 1)
			hs->heap[hs->nheap++] = i;
	}
	for (i = hs->nheap; i-- > 0;)
		heap_down(hs, i);
	hs->merging = 1;
	return 0;
}

/* The next head of the merge into hs->peek: 1, 0 at the end, -1. */
static int
merge_next(struct heads *hs)
{
	struct run *r;
	int k, got = 0;

	while (hs->nheap > 0) {
		r = &hs->runs[hs->heap[0]];
		if (got && strcmp(r->rec[r->i].id, hs->peek.id) != 0)
			break;
		/* Equal IDs come oldest first: the last one wins. */
		hs->peek = r->rec[r->i++];
		got = 1;
		if ((k = run_fill(hs, r)) == -1)
			return -1;
		if (k == 0)
			hs->heap[0] = hs->heap[--hs->nheap];
		heap_down(hs, 0);
	}
	return got;
}

static int
pass(struct heads *hs, const struct hrec *r)
{
	if (!hs->keep)
		return 0;
	if (hs->npassed == hs->cappassed) {
		void *p = realloc(hs->passed, (hs->cappassed = hs->cappassed ?
		    hs->cappassed * 2 : 64) * sizeof(*hs->passed));

		if (p == NULL)
			return -1;
		hs->passed = p;
	}
	hs->passed[hs->npassed++] = *r;
	return 0;
}

/* The head of id in run k, by bisection: 1 into out, 0, -1. */
static int
run_find(struct heads *hs, size_t k, const char *id, struct hrec *out)
{
	const struct run *r = &hs->runs[k];
	off_t lo = 0, hi, mid;
	int c;

	if (r->rec == hs->mem) {
		const struct hrec *h = bsearch(id, hs->mem, hs->n,
		    sizeof(*hs->mem), cmp_key);

		if (h != NULL)
			*out = *h;
		return h != NULL;
	}
	hi = (r->end - r->start) / (off_t)sizeof(*out);
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (pread(hs->fd, out, sizeof(*out), r->start + mid *
		    (off_t)sizeof(*out)) != (ssize_t)sizeof(*out))
			return -1;
		if ((c = cmp_key(id, out)) == 0)
			return 1;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

/* id asked again, or out of order: 1 into hs->cur, 0, -1. */
static int
find_behind(struct heads *hs, const char *id)
{
	struct hrec *p, best, h;
	size_t k;
	int r, any = 0;

	if (hs->found && strcmp(hs->cur.id, id) == 0)
		return 1;
	/* The merge went past all the heads up to the greatest asked. */
	if (!hs->drained && !hs->asked_found && strcmp(hs->asked, id) == 0)
		return 0;
	if (hs->npassed > 0 && (p = bsearch(id, hs->passed, hs->npassed,
	    sizeof(*hs->passed), cmp_key)) != NULL) {
		p->met = 1;
		hs->cur = *p;
		return hs->found = 1;
	}
	for (k = 0; k < hs->nruns; k++) {
		if ((r = run_find(hs, k, id, &h)) == -1)
			return -1;
		if (r == 1 && (!any || h.order > best.order)) {
			best = h;
			any = 1;
		}
	}
	if (any)
		hs->cur = best;
	return hs->found = any;
}

int
heads_get(struct heads *hs, const char *id, long *events, long long *size,
    int *closed, const char **hash)
{
	int c, k;

	if (hs->drained || (hs->asked[0] != '\0' &&
	    store_cmp_id(id, hs->asked) <= 0))
		k = find_behind(hs, id);
	else {
		snprintf(hs->asked, sizeof(hs->asked), "%s", id);
		hs->found = hs->asked_found = k = 0;
		for (;;) {
			if (!hs->have && !hs->ended) {
				if ((c = merge_next(hs)) == -1)
					return -1;
				hs->have = c;
				hs->ended = !c;
			}
			if (!hs->have || (c = cmp_key(id, &hs->peek)) < 0)
				break;
			hs->have = 0;
			if (c == 0) {
				hs->cur = hs->peek;
				hs->found = hs->asked_found = k = 1;
				break;
			}
			if (pass(hs, &hs->peek) == -1)
				return -1;
		}
	}
	if (k != 1)
		return k;
	*events = hs->cur.events;
	if (size != NULL)
		*size = hs->cur.size;
	if (closed != NULL)
		*closed = hs->cur.closed;
	hex_put(hs->cur.hash, sizeof(hs->cur.hash), hs->hex);
	*hash = hs->hex;
	return 1;
}

int
heads_drain(struct heads *hs)
{
	int c;

	while (!hs->ended) {
		if (!hs->have) {
			if ((c = merge_next(hs)) == -1)
				return -1;
			if ((hs->ended = !c))
				break;
		}
		hs->have = 0;
		if (pass(hs, &hs->peek) == -1)
			return -1;
	}
	hs->drained = 1;
	return 0;
}

const char *
heads_at(const struct heads *hs, size_t i, int *met, long *events)
{
	if (i >= hs->npassed)
		return NULL;
	*met = hs->passed[i].met;
	*events = hs->passed[i].events;
	return hs->passed[i].id;
}
