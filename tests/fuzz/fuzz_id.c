/*
 * fuzz_id.c - libFuzzer target: the case ID check (aduan-log(5), FILES).
 *
 * The input, as a NUL-terminated string (cut at its first NUL byte), is
 * given to aduan_id_check.  When it is accepted it must be an ID, checked
 * here independently:
 *
 *   ^([A-Z][A-Z0-9]{1,5}-)?[0-9]{4}-[0-9]{4,8}$ of at most 16 bytes,
 *   the year 1970 or later, the number greater
 *   than 0 and padded with zeros to four digits and no further (a number
 *   longer than four digits does not start with 0).
 *
 * An accepted string that is not an ID aborts, since file names are built
 * from accepted IDs; so does a refused string that is one.  A refusal must
 * come with ADUAN_E_USAGE and a message.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "harness.h"

/* The independent oracle: NULL when s is an ID, else why it is not. */
static const char *
not_an_id(const char *whole)
{
	size_t len = strlen(whole), i, k = 0;
	const char *s = whole;
	int year = 0;
	long num = 0;

	/* An office's code first, 2 to 6 of A-Z and 0-9, a letter first. */
	if (whole[0] >= 'A' && whole[0] <= 'Z') {
		while (k < 7 && ((whole[k] >= 'A' && whole[k] <= 'Z') ||
		    (whole[k] >= '0' && whole[k] <= '9')))
			k++;
		if (k < 2 || k > 6 || whole[k] != '-')
			return "office code";
		if (len > 16)
			return "length with the code";
		s = whole + k + 1;
		len -= k + 1;
	}
	if (len < 9 || len > 13)
		return "length";
	for (i = 0; i < 4; i++)
		if (s[i] < '0' || s[i] > '9')
			return "year digits";
	if (s[4] != '-')
		return "hyphen";
	for (i = 5; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return "number digits";
	for (i = 0; i < 4; i++)
		year = year * 10 + (s[i] - '0');
	for (i = 5; i < len; i++)
		num = num * 10 + (s[i] - '0');
	if (year < 1970)
		return "year before 1970";
	if (num <= 0)
		return "number 0";
	if (len - 5 > 4 && s[5] == '0')
		return "padded beyond four digits";
	return NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct aduan_err err;
	const char *why;
	char *s;
	int r;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	s = fuzz_str(data, size);
	aduan_err_clear(&err);
	r = aduan_id_check(s, &err);
	why = not_an_id(s);
	if (r == 0 && why != NULL) {
		fprintf(stderr, "fuzz_id: BUG: '%.60s' accepted as a case ID "
		    "(%s)\n", s, why);
		abort();
	}
	if (r == -1 && why == NULL) {
		fprintf(stderr, "fuzz_id: BUG: '%.60s' is an ID but was "
		    "refused: %s\n", s, err.msg);
		abort();
	}
	if (r == -1 && (err.cat != ADUAN_E_USAGE || err.msg[0] == '\0')) {
		fprintf(stderr, "fuzz_id: BUG: '%.60s' refused without a "
		    "usage error\n", s);
		abort();
	}
	free(s);
	return 0;
}
