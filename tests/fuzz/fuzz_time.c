/*
 * fuzz_time.c - libFuzzer target: the time and duration parsers and their
 * writers.
 *
 * The input, as a NUL-terminated string in a buffer of exactly its size
 * plus one (so that a read past the NUL is seen by AddressSanitizer):
 *
 *  - aduan_time_parse(s, 25200): when it accepts s, aduan_time_fmt of the
 *    time (with the same offset, as the log writes it) must parse again to
 *    the same time_t: what the library accepts it can write in a form it
 *    reads back, which is what the log relies on;
 *  - aduan_dur_parse(s): when it accepts s, aduan_dur_str of it must parse
 *    again to the same duration, and writing that gives the same string.
 *
 * A mismatch aborts.  Crashes and sanitizer reports are findings too.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "harness.h"

#define WIB 25200L

static void
check_time(const char *s)
{
	struct aduan_err err;
	time_t t, t2;
	char buf[32];

	aduan_err_clear(&err);
	if (aduan_time_parse(s, WIB, &t, &err) == -1)
		return;
	aduan_time_fmt(t, WIB, buf);
	aduan_err_clear(&err);
	if (aduan_time_parse(buf, WIB, &t2, &err) == -1) {
		fprintf(stderr, "fuzz_time: BUG: '%s' parses to %lld, written "
		    "as '%s', which does not parse: %s\n", s, (long long)t,
		    buf, err.msg);
		abort();
	}
	if (t2 != t) {
		fprintf(stderr, "fuzz_time: BUG: '%s' parses to %lld, written "
		    "as '%s', which parses to %lld\n", s, (long long)t, buf,
		    (long long)t2);
		abort();
	}
}

static void
check_dur(const char *s)
{
	struct aduan_dur d, d2;
	struct aduan_err err;
	char buf[64], buf2[64];

	aduan_err_clear(&err);
	if (aduan_dur_parse(s, &d, &err) == -1)
		return;
	aduan_dur_str(&d, buf, sizeof(buf));
	aduan_err_clear(&err);
	if (aduan_dur_parse(buf, &d2, &err) == -1) {
		fprintf(stderr, "fuzz_time: BUG: duration '%s' is written as "
		    "'%s', which does not parse: %s\n", s, buf, err.msg);
		abort();
	}
	aduan_dur_str(&d2, buf2, sizeof(buf2));
	if (d2.unit != d.unit || d2.amount != d.amount ||
	    strcmp(buf, buf2) != 0) {
		fprintf(stderr, "fuzz_time: BUG: duration '%s' (%d %d) is "
		    "written as '%s', which parses to %d %d ('%s')\n", s,
		    (int)d.unit, d.amount, buf, (int)d2.unit, d2.amount,
		    buf2);
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	s = fuzz_str(data, size);
	check_time(s);
	check_dur(s);
	free(s);
	return 0;
}
