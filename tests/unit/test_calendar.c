/*
 * test_calendar.c - the bundled office calendar answers for each date:
 * office hours with their breaks, weekends, the 2026 holidays and cuti
 * bersama with their names, Ramadan hours, and years without a list.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "aduan.h"

static struct aduan_sop *sop;

static int
load(void **state)
{
	struct aduan_err err;

	(void)state;
	sop = aduan_sop_load("../../sop/kranggan.yaml", &err);
	if (sop == NULL)
		fail_msg("%s:%d:%d: %s", err.file, err.line, err.col, err.msg);
	return 0;
}

static int
unload(void **state)
{
	(void)state;
	aduan_sop_free(sop);
	return 0;
}

struct day {
	int n;
	struct aduan_span s[8];
	enum aduan_dayoff kind;
	const char *name;
	int listed;
};

static struct day
day(int y, int m, int d)
{
	struct day r;

	r.n = aduan_cal_day(aduan_sop_cal(sop), y, m, d, r.s, &r.kind,
	    &r.name, &r.listed);
	return r;
}

#define HM(h, m) ((h) * 60 + (m))

static void
test_calendar_monday_has_a_lunch_break(void **state)
{
	struct day r = day(2026, 11, 30);

	(void)state;
	assert_int_equal(r.n, 2);
	assert_int_equal(r.s[0].open, HM(7, 30));
	assert_int_equal(r.s[0].close, HM(12, 0));
	assert_int_equal(r.s[1].open, HM(13, 0));
	assert_int_equal(r.s[1].close, HM(16, 0));
	assert_int_equal(r.kind, ADUAN_OPEN);
	assert_int_equal(r.listed, 1);
}

static void
test_calendar_friday_closes_later_after_a_longer_break(void **state)
{
	struct day r = day(2026, 11, 27);

	(void)state;
	assert_int_equal(r.n, 2);
	assert_int_equal(r.s[0].close, HM(11, 30));
	assert_int_equal(r.s[1].close, HM(16, 30));
}

static void
test_calendar_weekend_is_closed(void **state)
{
	struct day r = day(2026, 11, 28);

	(void)state;
	assert_int_equal(r.n, 0);
	assert_int_equal(r.kind, ADUAN_WEEKEND);
	r = day(2026, 11, 29);
	assert_int_equal(r.kind, ADUAN_WEEKEND);
}

static void
test_calendar_knows_2026_holidays_and_cuti_bersama(void **state)
{
	struct day r = day(2026, 8, 17);

	(void)state;
	assert_int_equal(r.n, 0);
	assert_int_equal(r.kind, ADUAN_LIBUR);
	assert_non_null(strstr(r.name, "Proklamasi"));
	r = day(2026, 3, 23);
	assert_int_equal(r.kind, ADUAN_CUTI);
	assert_non_null(strstr(r.name, "Idul Fitri"));
	r = day(2026, 12, 24);
	assert_int_equal(r.kind, ADUAN_CUTI);
	r = day(2026, 2, 16);
	assert_int_equal(r.kind, ADUAN_CUTI);
	assert_non_null(strstr(r.name, "Imlek"));
}

static void
test_calendar_lebaran_closes_a_whole_week(void **state)
{
	int d;

	(void)state;
	for (d = 18; d <= 24; d++)
		assert_int_equal(day(2026, 3, d).n, 0);
	assert_true(day(2026, 3, 25).n > 0);
	assert_true(day(2026, 3, 17).n > 0);
}

static void
test_calendar_ramadan_hours_start_at_eight(void **state)
{
	struct day r = day(2026, 3, 2);	/* a Monday in Ramadan 1447 H */

	(void)state;
	assert_int_equal(r.s[0].open, HM(8, 0));
	assert_int_equal(r.s[r.n - 1].close, HM(15, 0));
	r = day(2026, 4, 6);		/* after Ramadan */
	assert_int_equal(r.s[0].open, HM(7, 30));
}

static void
test_calendar_year_without_a_list_says_so(void **state)
{
	struct day r = day(2027, 3, 10);

	(void)state;
	assert_int_equal(r.listed, 0);
	assert_true(r.n > 0);
	/* A fixed-date holiday still closes the office in such a year. */
	r = day(2027, 8, 17);
	assert_int_equal(r.kind, ADUAN_LIBUR);
}

#define T(f) cmocka_unit_test(f)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_calendar_monday_has_a_lunch_break),
		T(test_calendar_friday_closes_later_after_a_longer_break),
		T(test_calendar_weekend_is_closed),
		T(test_calendar_knows_2026_holidays_and_cuti_bersama),
		T(test_calendar_lebaran_closes_a_whole_week),
		T(test_calendar_ramadan_hours_start_at_eight),
		T(test_calendar_year_without_a_list_says_so),
	};

	return cmocka_run_group_tests(tests, load, unload);
}
