/*
 * fuzz_log.c - libFuzzer target: the case log reader and the append
 * protocol on a whole log file (aduan-log(5)).
 *
 * The input is written as DATA/open/2026-0001.log of a data directory made
 * once per process.  Then:
 *
 *  1. it is opened ADUAN_READ and read with log_next to the end, and
 *     log_torn is asked;
 *  2. it is opened ADUAN_WRITE and read to the end again: the reader must
 *     come to the same result as in 1 (same events, same torn tail, same
 *     error), since nothing changed the file in between;
 *  3. unless it is corrupt, one small event is appended (sealing a torn
 *     tail first) and the whole file is read once more: it must now read
 *     without corruption, with no torn tail, one or two events more (the
 *     seal, then ours) and ours last.
 *
 * Any violation of 2 or 3 aborts: that is a real bug in the library, not
 * a fault of the input.  Crashes and sanitizer reports anywhere count too.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "harness.h"

#define ID "2026-0001"
#define WIB 25200L

static struct aduan_store *st;
static char logpath[4200];
static time_t now;

/* What reading a log to its end came to. */
struct outcome {
	int opened;		/* log_open succeeded */
	int r;			/* last log_next: 0 end, -1 error */
	enum aduan_errcat cat;
	char msg[768];
	long nevents;
	long last_seq;
	char last_event[32];
	char last_note[32];
	int torn;
	long long torn_off, torn_len;
};

static void
setup(void)
{
	struct aduan_err err;
	const char *dir = fuzz_tmpdir("log");

	aduan_err_clear(&err);
	if ((st = aduan_store_open(dir, 1, 0, &err)) == NULL)
		HARNESS_FAIL("aduan_store_open %s: %s", dir, err.msg);
	snprintf(logpath, sizeof(logpath), "%s/open/%s.log", dir, ID);
	if (aduan_time_parse("2026-03-02 09:00", WIB, &now, &err) == -1)
		HARNESS_FAIL("aduan_time_parse: %s", err.msg);
}

/* Read l to its end into o.  l stays open. */
static void
read_rest(struct aduan_log *l, struct outcome *o)
{
	struct aduan_event ev;
	struct aduan_err err;
	const char *v;

	aduan_err_clear(&err);
	while ((o->r = log_next(l, &ev, &err)) == 1) {
		o->nevents++;
		o->last_seq = ev.seq;
		snprintf(o->last_event, sizeof(o->last_event), "%s", ev.event);
		v = aduan_event_get(&ev, "catatan");
		snprintf(o->last_note, sizeof(o->last_note), "%s",
		    v != NULL ? v : "(none)");
	}
	o->cat = err.cat;
	snprintf(o->msg, sizeof(o->msg), "%s", o->r == -1 ? err.msg : "");
	o->torn = log_torn(l, &o->torn_off, &o->torn_len);
}

/* Open the log for mode and read it to its end; the log, or NULL. */
static struct aduan_log *
read_log(enum aduan_lockmode mode, struct outcome *o)
{
	struct aduan_err err;
	struct aduan_log *l;

	memset(o, 0, sizeof(*o));
	aduan_err_clear(&err);
	if ((l = log_open(st, ID, mode, NULL, &err)) == NULL) {
		o->r = -1;
		o->cat = err.cat;
		snprintf(o->msg, sizeof(o->msg), "%s", err.msg);
		return NULL;
	}
	o->opened = 1;
	read_rest(l, o);
	return l;
}

static void
show(const char *what, const struct outcome *o)
{
	fprintf(stderr, "  %s: opened=%d r=%d cat=%d events=%ld last_seq=%ld "
	    "last=%s/%s torn=%d (%lld+%lld) msg=%s\n", what, o->opened, o->r,
	    (int)o->cat, o->nevents, o->last_seq, o->last_event, o->last_note,
	    o->torn, o->torn_off, o->torn_len, o->msg);
}

static int
same(const struct outcome *a, const struct outcome *b)
{
	return a->opened == b->opened && a->r == b->r && a->cat == b->cat &&
	    strcmp(a->msg, b->msg) == 0 && a->nevents == b->nevents &&
	    a->last_seq == b->last_seq && a->torn == b->torn &&
	    (!a->torn || (a->torn_off == b->torn_off &&
	    a->torn_len == b->torn_len));
}

#define BUG(...) do { \
	fprintf(stderr, "fuzz_log: BUG: " __VA_ARGS__); \
	fputc('\n', stderr); \
	show("read", &rd); \
	show("write", &wr); \
	show("after", &after); \
	abort(); \
} while (0)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct aduan_kv kv[] = { { "catatan", "x\ty" } };
	struct outcome rd, wr, after;
	struct aduan_event ev;
	struct aduan_err err;
	struct aduan_log *l;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	if (st == NULL)
		setup();
	fuzz_write_file(logpath, data, size);
	memset(&after, 0, sizeof(after));

	/* 1: a reader under a shared lock. */
	log_close(read_log(ADUAN_READ, &rd));

	/* 2: a writer reads the same file to the same result. */
	l = read_log(ADUAN_WRITE, &wr);
	if (!same(&rd, &wr)) {
		log_close(l);
		BUG("the shared and the exclusive reader disagree");
	}
	if (l == NULL || wr.r != 0) {
		log_close(l);
		return 0;
	}

	/* 3: append one event, then the whole log must read cleanly. */
	memset(&ev, 0, sizeof(ev));
	ev.happened = now;
	ev.by = "fuzz";
	ev.step = 0;
	ev.event = "fuzz";
	ev.kv = kv;
	ev.nkv = 1;
	aduan_err_clear(&err);
	if (log_append(l, &ev, 1, now, WIB, &err) == -1) {
		log_close(l);
		/* Not a fault of the input: the disk, or the library. */
		BUG("log_append failed on a log read cleanly: %s",
		    err.msg);
	}
	log_close(l);
	log_close(read_log(ADUAN_READ, &after));
	if (!after.opened || after.r != 0)
		BUG("the log is unreadable after an append");
	if (after.torn)
		BUG("the log has a torn tail after an append");
	if (after.nevents != wr.nevents + 1 + wr.torn ||
	    after.last_seq != wr.last_seq + 1 + wr.torn)
		BUG("wrong number of events after an append");
	if (strcmp(after.last_event, "fuzz") != 0 ||
	    strcmp(after.last_note, "x\ty") != 0)
		BUG("the appended event does not read back as written");
	return 0;
}
