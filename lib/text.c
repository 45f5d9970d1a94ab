/*
 * text.c - what text may be stored and how the log escapes it
 * (aduan-log(5)): values are valid UTF-8 with no control character but
 * TAB, LF and CR, which are written \t, \n and \r, with \\ for a
 * backslash, and no other control character, nor any of Unicode's
 * invisible format characters (bidirectional controls, zero-width
 * spaces); a case ID is YYYY-NNNN.
 */
#include <string.h>

#include "internal.h"


/*
 * Unicode's format characters (general category Cf): invisible, they can
 * make two texts look the same (a zero-width space in a revision) or
 * reorder what a terminal shows (bidirectional controls).  From Unicode
 * 15's UnicodeData.txt.
 */
static const unsigned long format_chars[][2] = {
	{ 0x00ad, 0x00ad }, { 0x0600, 0x0605 }, { 0x061c, 0x061c },
	{ 0x06dd, 0x06dd }, { 0x070f, 0x070f }, { 0x0890, 0x0891 },
	{ 0x08e2, 0x08e2 }, { 0x180e, 0x180e }, { 0x200b, 0x200f },
	{ 0x202a, 0x202e }, { 0x2060, 0x2064 }, { 0x2066, 0x206f },
	{ 0xfeff, 0xfeff }, { 0xfff9, 0xfffb }, { 0x110bd, 0x110bd },
	{ 0x110cd, 0x110cd }, { 0x13430, 0x1343f }, { 0x1bca0, 0x1bca3 },
	{ 0x1d173, 0x1d17a }, { 0xe0001, 0xe0001 }, { 0xe0020, 0xe007f },
};

static int
is_format(unsigned long cp)
{
	size_t i;

	for (i = 0; i < sizeof(format_chars) / sizeof(format_chars[0]); i++)
		if (cp >= format_chars[i][0] && cp <= format_chars[i][1])
			return 1;
	return 0;
}

int
text_scan(const char *s, unsigned long *cp_out, size_t *at, size_t *esc_out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t esc = 0;

	while (*p != '\0') {
		unsigned c = *p;
		int n = 0;
		unsigned long cp;

		*at = (size_t)(p - (const unsigned char *)s);
		if (c < 0x80) {
			if ((c < 0x20 && c != '\t' && c != '\n' &&
			    c != '\r') || c == 0x7f) {
				*cp_out = c;
				return TEXT_CONTROL;
			}
			esc += 1 + (c == '\\' || c == '\t' || c == '\n' ||
			    c == '\r');
			p++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			n = 1, cp = c & 0x1f;
		else if (c >= 0xe0 && c <= 0xef)
			n = 2, cp = c & 0x0f;
		else if (c >= 0xf0 && c <= 0xf4)
			n = 3, cp = c & 0x07;
		else
			return TEXT_UTF8;
		for (int i = 1; i <= n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return TEXT_UTF8;
			cp = cp << 6 | (p[i] & 0x3f);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return TEXT_UTF8;
		*cp_out = cp;
		if (cp <= 0x9f)
			return TEXT_CONTROL;
		if (is_format(cp))
			return TEXT_FORMAT;
		p += n + 1;
		esc += (size_t)n + 1;
	}
	if (esc_out != NULL)
		*esc_out = esc;
	return TEXT_OK;
}

int
text_say(int r, unsigned long cp, size_t at, struct aduan_err *err)
{
	switch (r) {
	case TEXT_CONTROL:
		return err_set(err, ADUAN_E_USAGE, _("control character U+%04lX "
		    "at byte %zu is not allowed"), cp, at);
	case TEXT_FORMAT:
		return err_set(err, ADUAN_E_USAGE, _("invisible or format "
		    "character U+%04lX at byte %zu is not allowed"), cp, at);
	case TEXT_UTF8:
		return err_set(err, ADUAN_E_USAGE, _("not valid UTF-8 at byte "
		    "%zu"), at);
	}
	return 0;
}

int
aduan_text_check(const char *s, size_t max, struct aduan_err *err)
{
	unsigned long cp = 0;
	size_t at = 0, esc = 0;
	int r;

	if ((r = text_scan(s, &cp, &at, &esc)) != TEXT_OK)
		return text_say(r, cp, at, err);
	if (esc > max)
		return err_set(err, ADUAN_E_USAGE, _("too long (%zu bytes; "
		    "at most %zu)"), esc, max);
	return 0;
}

size_t
text_escape(const char *s, char *out, size_t cap)
{
	size_t n = 0;

	for (; *s != '\0'; s++) {
		const char *e = NULL;

		switch (*s) {
		case '\\': e = "\\\\"; break;
		case '\t': e = "\\t"; break;
		case '\n': e = "\\n"; break;
		case '\r': e = "\\r"; break;
		}
		if (n + 2 >= cap)
			return 0;
		if (e != NULL) {
			out[n++] = e[0];
			out[n++] = e[1];
		} else
			out[n++] = *s;
	}
	return n;
}

int
ascii_casecmp(const char *a, const char *b)
{
	int x, y;

	do {
		x = (unsigned char)*a++;
		y = (unsigned char)*b++;
		x += x >= 'A' && x <= 'Z' ? 'a' - 'A' : 0;
		y += y >= 'A' && y <= 'Z' ? 'a' - 'A' : 0;
	} while (x == y && x != '\0');
	return x - y;
}

int
text_unescape(char *s)
{
	char *w;

	/* Most text has no escape: nothing moves until the first. */
	while ((unsigned char)*s >= 0x20 && *s != 0x7f && *s != '\\')
		s++;
	for (w = s; *s != '\0'; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return -1;
		if (*s != '\\') {
			*w++ = *s;
			continue;
		}
		switch (*++s) {
		case '\\': *w++ = '\\'; break;
		case 't': *w++ = '\t'; break;
		case 'n': *w++ = '\n'; break;
		case 'r': *w++ = '\r'; break;
		default: return -1;
		}
	}
	*w = '\0';
	return 0;
}

const char *
id_year(const char *s)
{
	size_t k;

	if (s[0] < 'A' || s[0] > 'Z')
		return s;
	for (k = 1; k < 7 && ((s[k] >= 'A' && s[k] <= 'Z') ||
	    (s[k] >= '0' && s[k] <= '9')); k++)
		;
	return k >= 2 && k <= 6 && s[k] == '-' ? s + k + 1 : NULL;
}

int
aduan_id_check(const char *whole, struct aduan_err *err)
{
	size_t len = strnlen(whole, ADUAN_ID_MAX + 1), i;
	const char *s = id_year(whole);
	int year = 0;

	/* An office's code before it, KRG-2026-0042, or none. */
	if (len > ADUAN_ID_MAX || s == NULL)
		goto bad;
	len -= (size_t)(s - whole);
	if (len < 9 || len > 13 || s[4] != '-')
		goto bad;
	for (i = 0; i < len; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			goto bad;
	for (i = 0; i < 4; i++)
		year = year * 10 + (s[i] - '0');
	/* Zero-padded to four digits, no more padding than that. */
	if (year < 1970 || (len > 9 && s[5] == '0') ||
	    strspn(s + 5, "0") == len - 5)
		goto bad;
	return 0;
bad:
	len = strnlen(whole, 41);
	return err_set(err, ADUAN_E_USAGE, _("'%.40s%s' is not a case ID; an "
	    "ID looks like 2026-0042 (year, hyphen, number), or KRG-2026-0042 "
	    "with the office's code"), whole, len > 40 ? "..." : "");
}
