/*
 * time.c - times and dates as the log and the user write them.  The log
 * holds ISO 8601 with the calendar's offset (2026-03-02T09:15:00+07:00);
 * a user may also write local time as "2026-03-02 09:15".  Dates are
 * proleptic Gregorian, counted in days since 1970-01-01, for years
 * 1970-9999 only, so that every time read can be written back.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

/* Howard Hinnant's days-from-civil algorithm, in our own words. */
long
days_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int
parse_date(const char *s, int *y, int *m, int *d)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int i, leap;

	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return -1;
		} else if (s[i] < '0' || s[i] > '9')
			return -1;
	}
	if (s[10] != '\0')
		return -1;
	*y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	*m = (s[5] - '0') * 10 + (s[6] - '0');
	*d = (s[8] - '0') * 10 + (s[9] - '0');
	if (*y < 1970 || *m < 1 || *m > 12 || *d < 1 || *d > mdays[*m - 1])
		return -1;
	leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
	if (*m == 2 && *d == 29 && !leap)
		return -1;
	return 0;
}


int
digits(const char *p, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	return v;
}

/* A day inside the years 1970-9999 in any zone, to write back: 0, or -1. */
static int
in_range(const char *s, time_t t, struct aduan_err *err)
{
	if (t < 86400 || t > days_from_civil(9999, 12, 30) * 86400L)
		return err_set(err, ADUAN_E_USAGE, _("the time '%.60s' is out "
		    "of range: aduan keeps times from 1970-01-02 to "
		    "9999-12-30"), s);
	return 0;
}

/* Two decimal digits at p, or -1. */
static int
two(const char *p)
{
	unsigned a = (unsigned)(p[0] - '0'), b = (unsigned)(p[1] - '0');

	return a > 9 || b > 9 ? -1 : (int)(a * 10 + b);
}

int
time_parse_written(const char *s, time_t *t)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int c, y, mo, d, h, mi, se, oh, om;

	if (s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
	    s[16] != ':' || (s[19] != '+' && s[19] != '-') || s[22] != ':' ||
	    s[25] != '\0' || (c = two(s)) < 0 || (y = two(s + 2)) < 0 ||
	    (mo = two(s + 5)) < 0 || (d = two(s + 8)) < 0 ||
	    (h = two(s + 11)) < 0 || (mi = two(s + 14)) < 0 ||
	    (se = two(s + 17)) < 0 || (oh = two(s + 20)) < 0 ||
	    (om = two(s + 23)) < 0)
		return -1;
	y += c * 100;
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] ||
	    (mo == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) ||
	    y % 400 == 0)) || h > 23 || mi > 59 || se > 59 || oh > 14 ||
	    om > 59)
		return -1;
	*t = (time_t)(days_from_civil(y, mo, d) * 86400L + h * 3600L +
	    mi * 60L + se - (s[19] == '-' ? -1 : 1) * (oh * 3600L + om * 60L));
	return in_range(s, *t, NULL);
}

int
aduan_time_parse(const char *s, long utcoff, time_t *t,
    struct aduan_err *err)
{
	char date[11];
	const char *p;
	int y, mo, d, h, mi, se = 0, oh, om;
	long off = utcoff;

	if (strlen(s) < 16 || (s[10] != 'T' && s[10] != ' '))
		goto bad;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (parse_date(date, &y, &mo, &d) == -1)
		goto bad;
	h = digits(s + 11, 2);
	mi = digits(s + 14, 2);
	if (s[13] != ':' || h < 0 || h > 23 || mi < 0 || mi > 59)
		goto bad;
	p = s + 16;
	if (*p == ':') {
		if ((se = digits(p + 1, 2)) < 0 || se > 59)
			goto bad;
		p += 3;
	}
	if (*p == 'Z' && p[1] == '\0')
		off = 0;
	else if ((*p == '+' || *p == '-') && s[10] == 'T') {
		/* The length first: nothing is read past the end. */
		if (strlen(p) != 5 && (strlen(p) != 6 || p[3] != ':'))
			goto bad;
		oh = digits(p + 1, 2);
		om = digits(p + strlen(p) - 2, 2);
		if (oh < 0 || oh > 14 || om < 0 || om > 59)
			goto bad;
		off = (*p == '-' ? -1 : 1) * (oh * 3600L + om * 60L);
	} else if (*p != '\0')
		goto bad;
	*t = (time_t)(days_from_civil(y, mo, d) * 86400L + h * 3600L +
	    mi * 60L + se - off);
	return in_range(s, *t, err);
bad:
	return err_set(err, ADUAN_E_USAGE, _("cannot read the time '%.60s'; "
	    "write it as 2026-03-02 09:15 (local time) or "
	    "2026-03-02T09:15:00+07:00"), s);
}

/* n decimal digits of v (0 <= v < 10^n) at p; the end. */
static char *
put_digits(char *p, long v, int n)
{
	int i;

	for (i = n - 1; i >= 0; i--, v /= 10)
		p[i] = (char)('0' + v % 10);
	return p + n;
}

/* A time of day, HH.MM or HH:MM (H alone too), into *sec. */
static int
clock_of(const char *s, long *sec)
{
	int h = 0, m, n = 0;

	while (*s >= '0' && *s <= '9' && n < 3)
		h = h * 10 + (*s++ - '0'), n++;
	if (n == 0 || n > 2 || (*s != '.' && *s != ':') ||
	    (m = digits(s + 1, 2)) < 0 || s[3] != '\0' || h > 23 || m > 59)
		return -1;
	*sec = h * 3600L + m * 60L;
	return 0;
}

int
aduan_time_read(const char *s, time_t now, long utcoff, time_t *t,
    struct aduan_err *err)
{
	static const struct {
		const char *word;
		int days;
	} rel[] = {
		{ "hari ini", 0 }, { "besok", 1 }, { "lusa", 2 },
		{ "kemarin", -1 }, { "today", 0 }, { "tomorrow", 1 },
		{ "yesterday", -1 },
	};
	char buf[64], *p, *clock;
	long day = -1, sec;
	int d = 0, m = 0, y = 0, n, i, yd;
	size_t k, len;

	if (aduan_time_parse(s, utcoff, t, NULL) == 0)
		return 0;
	/* Lower case, one space between words, none at the ends. */
	for (k = 0, len = 0; s[k] != '\0' && len + 1 < sizeof(buf); k++) {
		char c = s[k] >= 'A' && s[k] <= 'Z' ? s[k] - 'A' + 'a' : s[k];

		if (c == '\t')
			c = ' ';
		if (c == ' ' && (len == 0 || buf[len - 1] == ' '))
			continue;
		buf[len++] = c;
	}
	buf[len] = '\0';
	if (s[k] != '\0')
		goto bad;
	while (len > 0 && buf[len - 1] == ' ')
		len--;
	buf[len] = '\0';
	p = buf;
	for (i = 0; i < (int)(sizeof(rel) / sizeof(rel[0])); i++) {
		k = strlen(rel[i].word);
		if (strncmp(p, rel[i].word, k) == 0 && (p[k] == ' ' ||
		    p[k] == '\0')) {
			long long l = (long long)now + utcoff;

			day = (long)(l >= 0 ? l / 86400 : (l - 86399) / 86400) +
			    rel[i].days;
			p += k;
			break;
		}
	}
	if (day == -1) {
		/* D-M-YYYY or D/M/YYYY: the day first, as the office writes. */
		for (n = 0; *p >= '0' && *p <= '9' && n < 3; n++)
			d = d * 10 + (*p++ - '0');
		if (n == 0 || n > 2 || (*p != '-' && *p != '/'))
			goto bad;
		for (p++, n = 0; *p >= '0' && *p <= '9' && n < 3; n++)
			m = m * 10 + (*p++ - '0');
		if (n == 0 || n > 2 || (*p != '-' && *p != '/'))
			goto bad;
		for (p++, n = 0; *p >= '0' && *p <= '9' && n < 5; n++)
			y = y * 10 + (*p++ - '0');
		if (n == 2)
			return err_set(err, ADUAN_E_USAGE, _("'%.60s': a year "
			    "of two digits could be read two ways; write it in "
			    "full, such as %d-%d-20%02d"), s, d, m, y);
		if (n != 4)
			goto bad;
		if (m > 12)
			return err_set(err, ADUAN_E_USAGE, _("'%.60s': there is "
			    "no month %d; write the day first, then the month, "
			    "such as %d-%d-%d"), s, m, m <= 31 ? m : 1,
			    d <= 12 ? d : 1, y);
		snprintf(buf + sizeof(buf) / 2, sizeof(buf) / 2,
		    "%04d-%02d-%02d", y, m, d);
		if (parse_date(buf + sizeof(buf) / 2, &y, &m, &yd) == -1)
			return err_set(err, ADUAN_E_USAGE, _("'%.60s': there is "
			    "no such day"), s);
		day = days_from_civil(y, m, yd);
	}
	if (*p == '\0')
		return err_set(err, ADUAN_E_USAGE, _("'%.60s': give the time "
		    "of day too, such as %.40s 09.00"), s, s);
	if (*p++ != ' ')
		goto bad;
	if (strncmp(p, "pukul ", 6) == 0)
		p += 6;
	else if (strncmp(p, "jam ", 4) == 0)
		p += 4;
	clock = p;
	if (clock_of(clock, &sec) == -1)
		goto bad;
	*t = (time_t)(day * 86400L + sec - utcoff);
	return in_range(s, *t, err);
bad:
	/* An ISO form gone wrong: its own message says what. */
	if (digits(s, 4) >= 0 && s[4] == '-')
		return aduan_time_parse(s, utcoff, t, err);
	if (clock_of(buf, &sec) == 0)
		return err_set(err, ADUAN_E_USAGE, _("'%.60s': which day? "
		    "write hari ini %.20s, besok %.20s or 5-3-2026 %.20s"), s,
		    buf, buf, buf);
	return err_set(err, ADUAN_E_USAGE, _("cannot read the time '%.60s'; "
	    "write it as 5-3-2026 09.00, besok 09.00, hari ini 13.30 or "
	    "2026-03-05 09:00"), s);
}

const char *
aduan_time_fmt(time_t t, long utcoff, char buf[32])
{
	long long l = (long long)t + utcoff;
	long day = (long)(l >= 0 ? l / 86400 : (l - 86399) / 86400);
	long sec = (long)(l - (long long)day * 86400);
	long a = utcoff < 0 ? -utcoff : utcoff;
	int y, m, d;
	char *p = buf;

	civil_from_days(day, &y, &m, &d);
	if (y < 0 || y > 9999) {
		char tmp[96];

		snprintf(tmp, sizeof(tmp), "%d-%02d-%02dT%02ld:%02ld:%02ld%c%02ld:%02ld",
		    y, m, d, sec / 3600, sec / 60 % 60, sec % 60, utcoff < 0 ?
		    '-' : '+', a / 3600, a / 60 % 60);
		tmp[31] = '\0';
		return memcpy(buf, tmp, 32);
	}
	/* By hand: this runs for every time a scan prints. */
	p = put_digits(p, y, 4);
	*p++ = '-';
	p = put_digits(p, m, 2);
	*p++ = '-';
	p = put_digits(p, d, 2);
	*p++ = 'T';
	p = put_digits(p, sec / 3600, 2);
	*p++ = ':';
	p = put_digits(p, sec / 60 % 60, 2);
	*p++ = ':';
	p = put_digits(p, sec % 60, 2);
	*p++ = utcoff < 0 ? '-' : '+';
	p = put_digits(p, a / 3600 % 100, 2);
	*p++ = ':';
	p = put_digits(p, a / 60 % 60, 2);
	*p = '\0';
	return buf;
}

/* ---- durations: the SOP's time standards ---- */

int
aduan_dur_parse(const char *s, struct aduan_dur *d, struct aduan_err *err)
{
	static const struct {
		const char *word;
		enum aduan_unit unit;
	} units[] = {
		{ "menit", ADUAN_UNIT_MENIT },
		{ "jam", ADUAN_UNIT_JAM },
		{ "hari", ADUAN_UNIT_HARI },
	};
	const char *p = s;
	long n = 0;
	size_t i;

	if (strcmp(s, "-") == 0) {
		d->unit = ADUAN_UNIT_NONE;
		d->amount = 0;
		return 0;
	}
	while (*p >= '0' && *p <= '9' && p - s < 6)
		n = n * 10 + (*p++ - '0');
	if (p == s || *p != ' ' || n < 1 || n > 99999)
		return err_set(err, ADUAN_E_CONFIG, _("cannot read time "
		    "standard '%s': expected a number from 1 to 99999, a space "
		    "and menit, jam or hari, or '-' for none"), s);
	p++;
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strcmp(p, units[i].word) == 0) {
			d->unit = units[i].unit;
			d->amount = (int)n;
			return 0;
		}
	return err_set(err, ADUAN_E_CONFIG, _("cannot read time standard "
	    "'%s': unit '%s' is not menit, jam or hari"), s, p);
}

const char *
aduan_dur_str(const struct aduan_dur *d, char *buf, size_t n)
{
	static const char *const words[] = { "-", "menit", "jam", "hari" };

	if (d->unit == ADUAN_UNIT_NONE)
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "%d %s", d->amount, words[d->unit]);
	return buf;
}

int
aduan_period_read(const char *s, long utcoff, time_t *from, time_t *to,
    struct aduan_err *err)
{
	static const char *const bulan[] = { "januari", "februari", "maret",
	    "april", "mei", "juni", "juli", "agustus", "september",
	    "oktober", "november", "desember" };
	char buf[40], word[16];
	int y = 0, m = 0, d = 0, n = 0, k;
	size_t i;

	for (i = 0; s[i] != '\0' && i + 1 < sizeof(buf); i++)
		buf[i] = s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 :
		    s[i] == '/' ? '-' : s[i];
	buf[i] = '\0';
	if (s[i] != '\0')
		goto bad;
	/* YYYY-MM-DD, YYYY-MM, YYYY; D-M-YYYY, M-YYYY; "Maret 2026". */
	if (parse_date(buf, &y, &m, &d) == 0)
		;
	else if (sscanf(buf, "%4d-%2d%n", &y, &m, &n) == 2 && buf[n] == '\0' &&
	    n >= 6 && buf[4] == '-')
		d = 0;
	else if (sscanf(buf, "%4d%n", &y, &n) == 1 && buf[n] == '\0' && n == 4)
		m = d = 0;
	else if (sscanf(buf, "%2d-%2d-%4d%n", &d, &m, &y, &n) == 3 &&
	    buf[n] == '\0' && y >= 1000)
		;
	else if (sscanf(buf, "%2d-%4d%n", &m, &y, &n) == 2 && buf[n] == '\0' &&
	    y >= 1000)
		d = 0;
	else if (sscanf(buf, "%15s %4d%n", word, &y, &n) == 2 &&
	    buf[n] == '\0') {
		for (k = 0; k < 12 && strcmp(word, bulan[k]) != 0; k++)
			;
		if (k == 12)
			goto bad;
		m = k + 1;
		d = 0;
	} else
		goto bad;
	/* A month or a day written as 0 is none. */
	if (y < 1970 || y > 9998 || m < 0 || m > 12 || (m == 0 && d != 0) ||
	    d < 0 || (m == 0 && strchr(buf, '-') != NULL) ||
	    (d == 0 && sscanf(buf, "%d-%d-%d", &k, &k, &k) == 3))
		goto bad;
	if (d != 0) {
		char iso[11];

		snprintf(iso, sizeof(iso), "%04d-%02d-%02d", y, m, d);
		if (parse_date(iso, &y, &m, &d) == -1)
			goto bad;
		*from = (time_t)days_from_civil(y, m, d) * 86400 - utcoff;
		*to = *from + 86400;
	} else if (m != 0) {
		*from = (time_t)days_from_civil(y, m, 1) * 86400 - utcoff;
		*to = (time_t)days_from_civil(m == 12 ? y + 1 : y,
		    m == 12 ? 1 : m + 1, 1) * 86400 - utcoff;
	} else {
		*from = (time_t)days_from_civil(y, 1, 1) * 86400 - utcoff;
		*to = (time_t)days_from_civil(y + 1, 1, 1) * 86400 - utcoff;
	}
	return 0;
bad:
	return err_set(err, ADUAN_E_USAGE, _("'%.40s' is not a day, a month or "
	    "a year: write 2026-03-05 or 5-3-2026, 2026-03 or Maret 2026, or "
	    "2026"), s);
}
