/*
 * fuzz_line.c - libFuzzer target: escaping and unescaping of the log's
 * text fields, through the public API only.
 *
 * The input, as a NUL-terminated string (cut at its first NUL byte), is
 * checked with aduan_text_check(s, ADUAN_VALUE_MAX, ...).  When the check
 * accepts it, a case is created with aduan_store_create whose header
 * carries it as the SOP number and whose first event carries it as the
 * value isi=; the log is then read back with log_open/log_next.
 * Property: every text that aduan_text_check accepts can be stored, and
 * reads back byte for byte (the value and the SOP number).  Anything else
 * aborts.  The case file and the year's number hint are removed after each
 * run, so that every run creates 2026-0001 in the same data directory.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "harness.h"

#define WIB 25200L
#define YEAR 2026

static struct aduan_store *st;
static const char *dir;
static time_t now;

static void
setup(void)
{
	struct aduan_err err;

	dir = fuzz_tmpdir("line");
	aduan_err_clear(&err);
	if ((st = aduan_store_open(dir, 1, 0, &err)) == NULL)
		HARNESS_FAIL("aduan_store_open %s: %s", dir, err.msg);
	if (aduan_time_parse("2026-03-02 09:00", WIB, &now, &err) == -1)
		HARNESS_FAIL("aduan_time_parse: %s", err.msg);
}

/* Remove the case and the number hint: the next run gets 2026-0001 again. */
static void
forget(const char *id)
{
	char path[4200];

	snprintf(path, sizeof(path), "%s/open/%s.log", dir, id);
	if (unlink(path) == -1)
		HARNESS_FAIL("unlink %s: %s", path, strerror(errno));
	snprintf(path, sizeof(path), "%s/seq/%d", dir, YEAR);
	if (unlink(path) == -1 && errno != ENOENT)
		HARNESS_FAIL("unlink %s: %s", path, strerror(errno));
}

static void
bug(const char *what, const char *s, const char *got)
{
	fprintf(stderr, "fuzz_line: BUG: %s\n  want (%zu bytes): ", what,
	    strlen(s));
	for (const char *p = s; *p != '\0' && p - s < 200; p++)
		fprintf(stderr, "%02x", (unsigned char)*p);
	if (got != NULL) {
		fprintf(stderr, "\n  got (%zu bytes):  ", strlen(got));
		for (const char *p = got; *p != '\0' && p - got < 200; p++)
			fprintf(stderr, "%02x", (unsigned char)*p);
	}
	fputc('\n', stderr);
	abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char id[ADUAN_ID_MAX + 1], *s;
	struct aduan_kv kv[1];
	struct aduan_event ev, back;
	struct aduan_err err;
	struct aduan_log *l;
	const char *v;
	int r;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	if (st == NULL)
		setup();
	s = fuzz_str(data, size);
	aduan_err_clear(&err);
	if (aduan_text_check(s, ADUAN_VALUE_MAX, &err) == -1) {
		if (err.cat != ADUAN_E_USAGE || err.msg[0] == '\0')
			bug("aduan_text_check failed without a usage error",
			    s, NULL);
		free(s);
		return 0;
	}

	kv[0].key = "isi";
	kv[0].val = s;
	memset(&ev, 0, sizeof(ev));
	ev.happened = now;
	ev.by = "fuzz";
	ev.step = 1;
	ev.event = "done";
	ev.kv = kv;
	ev.nkv = 1;
	aduan_err_clear(&err);
	if (log_create(st, YEAR, s, "2019-06", &ev, 1, now, WIB, id,
	    &err) == -1) {
		fprintf(stderr, "fuzz_line: aduan_store_create: %s\n",
		    err.msg);
		bug("an accepted text cannot be stored", s, NULL);
	}

	aduan_err_clear(&err);
	if ((l = log_open(st, id, ADUAN_READ, NULL, &err)) == NULL) {
		fprintf(stderr, "fuzz_line: log_open %s: %s\n", id,
		    err.msg);
		bug("the new case does not open", s, NULL);
	}
	if (strcmp(log_nomor(l), s) != 0)
		bug("the SOP number does not read back", s, log_nomor(l));
	if ((r = log_next(l, &back, &err)) != 1) {
		fprintf(stderr, "fuzz_line: log_next: %d: %s\n", r,
		    err.msg);
		bug("the first event does not read back", s, NULL);
	}
	if ((v = aduan_event_get(&back, "isi")) == NULL || back.nkv != 1)
		bug("the event lost its isi= field", s, NULL);
	if (strcmp(v, s) != 0)
		bug("the value does not read back", s, v);
	if ((r = log_next(l, &back, &err)) != 0)
		bug("the new case has more than one event", s, NULL);
	log_close(l);
	forget(id);
	free(s);
	return 0;
}
