/*
 * text.c - what text may be stored and how the log escapes it
 * (aduan-log(5)): values are valid UTF-8 with no control character but
 * TAB, LF and CR, which are written \t, \n and \r, with \\ for a
 * backslash, and no bidirectional control; a case ID is YYYY-NNNN.
 */
#include <string.h>

#include "internal.h"


int
aduan_text_check(const char *s, size_t max, struct aduan_err *err)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t esc = 0;

	while (*p != '\0') {
		unsigned c = *p;
		int n = 0;
		unsigned long cp;

		if (c < 0x80) {
			if ((c < 0x20 && c != '\t' && c != '\n' &&
			    c != '\r') || c == 0x7f)
				return err_set(err, ADUAN_E_USAGE, 
				    _("control character U+%04X at byte %zu is "
				    "not allowed"), c,
				    (size_t)(p - (const unsigned char *)s));
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
			goto bad;
		for (int i = 1; i <= n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				goto bad;
			cp = cp << 6 | (p[i] & 0x3f);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			goto bad;
		if (cp <= 0x9f || (cp >= 0x202a && cp <= 0x202e) ||
		    (cp >= 0x2066 && cp <= 0x2069))
			return err_set(err, ADUAN_E_USAGE, _("control "
			    "character U+%04lX at byte %zu is not allowed"),
			    cp, (size_t)(p - (const unsigned char *)s));
		p += n + 1;
		esc += (size_t)n + 1;
	}
	if (esc > max)
		return err_set(err, ADUAN_E_USAGE, _("too long (%zu bytes; "
		    "at most %zu)"), esc, max);
	return 0;
bad:
	return err_set(err, ADUAN_E_USAGE, _("not valid UTF-8 at byte "
	    "%zu"), (size_t)(p - (const unsigned char *)s));
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
text_unescape(char *s)
{
	char *w = s;

	for (; *s != '\0'; s++) {
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

int
aduan_id_check(const char *s, struct aduan_err *err)
{
	size_t len = strnlen(s, ADUAN_ID_MAX + 1), i;
	int year = 0;

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
	return err_set(err, ADUAN_E_USAGE, _("'%.40s%s' is not a case ID; an "
	    "ID looks like 2026-0042 (year, hyphen, number)"), s,
	    len > 40 ? "..." : "");
}
