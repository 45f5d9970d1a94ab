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
#include <time.h>
#include <cmocka.h>

#include "internal.h"

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

	r.n = cal_day(aduan_sop_cal(sop), y, m, d, r.s, &r.kind,
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


/*
 * Deadlines worked out by hand against the bundled calendar: Monday to
 * Thursday 07:30-12:00 and 13:00-16:00, Friday 07:30-11:30 and 13:00-16:30,
 * Ramadan 1447 H (19 February - 20 March 2026) 08:00-12:00 and 12:30-15:00
 * (Friday from 07:30, break 11:30-12:30), and the 2026 holidays.
 */
static const struct {
	const char *start, *waktu, *deadline;
	int unlisted;
	const char *why;
} deadlines[] = {
	{ "2026-11-30 09:00", "2 menit", "2026-11-30 09:02", 0,
	    "Monday morning, minutes" },
	{ "2026-11-30 09:00", "1 jam", "2026-11-30 10:00", 0,
	    "Monday morning, an hour" },
	{ "2026-11-30 11:30", "1 jam", "2026-11-30 13:30", 0,
	    "30 min, the lunch break, 30 min" },
	{ "2026-11-30 11:59", "2 menit", "2026-11-30 13:01", 0,
	    "a minute before the break" },
	{ "2026-11-30 12:30", "15 menit", "2026-11-30 13:15", 0,
	    "started in the break: from 13:00" },
	{ "2026-11-30 15:50", "20 menit", "2026-12-01 07:40", 0,
	    "10 min today, 10 min tomorrow" },
	{ "2026-11-27 15:55", "2 menit", "2026-11-27 15:57", 0,
	    "Friday afternoon: Friday closes 16:30" },
	{ "2026-11-27 16:20", "1 jam", "2026-11-30 08:20", 0,
	    "Friday 10 min, the weekend, Monday 50 min" },
	{ "2026-11-27 16:30", "15 menit", "2026-11-30 07:45", 0,
	    "started at Friday closing" },
	{ "2026-11-28 10:00", "1 jam", "2026-11-30 08:30", 0,
	    "started on a Saturday" },
	{ "2026-11-29 23:00", "2 menit", "2026-11-30 07:32", 0,
	    "Sunday night" },
	{ "2026-11-30 06:00", "15 menit", "2026-11-30 07:45", 0,
	    "before opening" },
	{ "2026-11-30 17:00", "1 jam", "2026-12-01 08:30", 0,
	    "after closing" },
	{ "2026-11-30 15:00", "1 jam", "2026-11-30 16:00", 0,
	    "ends exactly at closing" },
	{ "2026-11-27 11:00", "1 jam", "2026-11-27 13:30", 0,
	    "Friday's longer break 11:30-13:00" },
	{ "2026-11-26 11:00", "2 jam", "2026-11-26 14:00", 0,
	    "two hours over lunch" },
	{ "2026-11-30 10:00", "1 hari", "2026-12-01 10:00", 0,
	    "a day: same clock time tomorrow" },
	{ "2026-11-27 14:00", "1 hari", "2026-11-30 14:00", 0,
	    "a day from Friday: Monday" },
	{ "2026-11-26 16:15", "1 hari", "2026-11-30 07:30", 0,
	    "a day from after closing: from Friday's opening" },
	{ "2026-11-27 16:15", "1 hari", "2026-11-30 16:00", 0,
	    "a day to Monday, which closes before 16:15" },
	{ "2026-11-30 07:00", "1 hari", "2026-12-01 07:30", 0,
	    "a day from before opening" },
	{ "2026-11-26 11:45", "1 hari", "2026-11-27 11:30", 0,
	    "a day into Friday's break 11:30-13:00: due as it starts" },
	{ "2026-11-30 12:30", "1 hari", "2026-12-01 13:00", 0,
	    "a day from inside the break: counted from 13:00" },
	{ "2026-11-27 15:30", "2 hari", "2026-12-01 15:30", 0,
	    "two days from Friday afternoon" },
	{ "2026-08-14 16:00", "1 jam", "2026-08-18 08:00", 0,
	    "a weekend and Proklamasi on Monday" },
	{ "2026-08-14 10:00", "1 hari", "2026-08-18 10:00", 0,
	    "a day over a weekend and a holiday" },
	{ "2026-08-17 10:00", "15 menit", "2026-08-18 07:45", 0,
	    "started on a holiday" },
	{ "2026-03-17 14:30", "1 jam", "2026-03-25 08:00", 0,
	    "Ramadan 30 min, Nyepi and Lebaran closed, then normal hours" },
	{ "2026-03-17 10:00", "1 hari", "2026-03-25 10:00", 0,
	    "a day over the Lebaran closure" },
	{ "2026-05-29 16:00", "1 jam", "2026-06-02 08:00", 0,
	    "a weekend, Waisak and Hari Lahir Pancasila" },
	{ "2026-12-23 15:30", "1 jam", "2026-12-28 08:00", 0,
	    "Christmas cuti bersama and holiday, then a weekend" },
	{ "2026-12-31 15:30", "1 jam", "2027-01-04 08:00", 2027,
	    "year end into a year with no list: New Year still closed" },
	{ "2026-03-02 11:50", "20 menit", "2026-03-02 12:40", 0,
	    "Ramadan's short break 12:00-12:30" },
	{ "2026-03-06 14:50", "15 menit", "2026-03-09 08:05", 0,
	    "Ramadan Friday closes 15:00, Monday opens 08:00" },
	{ "2026-01-15 15:45", "20 menit", "2026-01-19 07:35", 0,
	    "Isra Mikraj on Friday" },
	{ "2026-02-13 16:25", "15 menit", "2026-02-18 07:40", 0,
	    "Imlek: cuti bersama Monday, holiday Tuesday" },
	{ "2026-11-30 09:00", "3 hari", "2026-12-03 09:00", 0,
	    "three days in one week" },
	{ "2026-12-30 10:00", "2 hari", "2027-01-04 10:00", 2027,
	    "days into a year with no list" },
};

static void
test_calendar_deadline_table(void **state)
{
	const struct aduan_cal *cal = aduan_sop_cal(sop);
	struct aduan_err err;
	struct aduan_dur dur;
	time_t start, dl;
	char buf[32];
	size_t i;
	int unlisted;

	(void)state;
	for (i = 0; i < sizeof(deadlines) / sizeof(deadlines[0]); i++) {
		assert_int_equal(aduan_time_parse(deadlines[i].start, 25200,
		    &start, &err), 0);
		assert_int_equal(aduan_dur_parse(deadlines[i].waktu, &dur,
		    &err), 0);
		assert_int_equal(aduan_cal_add(cal, start, &dur, &dl,
		    &unlisted, NULL, NULL), 0);
		aduan_time_fmt(dl, 25200, buf);
		buf[10] = ' ';
		buf[16] = '\0';
		if (strcmp(buf, deadlines[i].deadline) != 0 ||
		    unlisted != deadlines[i].unlisted)
			fail_msg("%s + %s (%s): got %s (unlisted %d), want %s",
			    deadlines[i].start, deadlines[i].waktu,
			    deadlines[i].why, buf, unlisted,
			    deadlines[i].deadline);
	}
}

static void
test_calendar_no_time_standard_has_no_deadline(void **state)
{
	struct aduan_dur dur = { ADUAN_UNIT_NONE, 0 };
	time_t dl = 0;

	(void)state;
	assert_int_equal(aduan_cal_add(aduan_sop_cal(sop), 1772000000, &dur,
	    &dl, NULL, NULL, NULL), 1);
}

static void
test_calendar_working_time_between(void **state)
{
	struct aduan_err err;
	time_t a, b;

	(void)state;
	/* Friday 16:00 to Monday 08:00: 30 min Friday, 30 min Monday. */
	aduan_time_parse("2026-11-27 16:00", 25200, &a, &err);
	aduan_time_parse("2026-11-30 08:00", 25200, &b, &err);
	assert_int_equal(aduan_cal_working(aduan_sop_cal(sop), a, b), 3600);
	assert_int_equal(aduan_cal_working(aduan_sop_cal(sop), b, a), 0);
}

/*
 * Office time over a long stretch, summed by whole days as worked out
 * once, equals the same stretch counted in pieces of 7 hours, which
 * cross each day's spans; and each day's equals its spans', through
 * Ramadan, Nyepi, Idul Fitri's week and the turn of the year.  A year
 * the calendar does not list (2024) is counted the same, day by day.
 */
static void
test_calendar_working_time_whole_days_and_pieces_agree(void **state)
{
	const struct aduan_cal *cal;
	struct aduan_err err;
	time_t a, b, t;
	long whole, pieces = 0, spans = 0;
	int i;

	(void)state;
	cal = aduan_sop_cal(sop);
	aduan_time_parse("2026-02-10 09:13", 25200, &a, &err);
	aduan_time_parse("2027-01-08 15:41", 25200, &b, &err);
	whole = aduan_cal_working(cal, a, b);
	for (t = a; t < b; t += 7 * 3600)
		pieces += aduan_cal_working(cal, t, t + 7 * 3600 > b ? b :
		    t + 7 * 3600);
	assert_int_equal(whole, pieces);
	/* 2026-02-11 to 2027-01-07, each whole day against its spans. */
	for (i = 0; i < 330; i++) {
		struct day d;
		int y, m, dd, k;

		civil_from_days(days_from_civil(2026, 2, 11) + i, &y, &m, &dd);
		d = day(y, m, dd);
		for (k = 0; k < d.n; k++)
			spans += (d.s[k].close - d.s[k].open) * 60L;
	}
	aduan_time_parse("2026-02-11 00:00", 25200, &a, &err);
	assert_int_equal(aduan_cal_working(cal, a, a + 330 * 86400L), spans);
	assert_true(spans > 200 * 6 * 3600L);
	aduan_time_parse("2024-03-01 10:00", 25200, &a, &err);
	aduan_time_parse("2024-05-01 10:00", 25200, &b, &err);
	for (pieces = 0, t = a; t < b; t += 5 * 3600)
		pieces += aduan_cal_working(cal, t, t + 5 * 3600 > b ? b :
		    t + 5 * 3600);
	assert_int_equal(aduan_cal_working(cal, a, b), pieces);
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
		T(test_calendar_deadline_table),
		T(test_calendar_no_time_standard_has_no_deadline),
		T(test_calendar_working_time_whole_days_and_pieces_agree),
		T(test_calendar_working_time_between),
	};

	return cmocka_run_group_tests(tests, load, unload);
}
