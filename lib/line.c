/*
 * line.c - the line format of a case log and its chain hash
 * (aduan-log(5)):
 *
 *   line 1   aduan-log 1 TAB id TAB sop-number TAB sop-revision TAB hash
 *   line n   seq TAB recorded TAB happened TAB by TAB step TAB event
 *            [TAB key=value]... TAB hash
 *
 * with h(0) = SHA-256(body(0) LF) and h(n) = SHA-256(hex(h(n-1)) TAB
 * body(n) LF), where body is the line up to the TAB before its hash.
 * Building and checking a line live here together, so that what is
 * written is what is read.
 */
#include <nettle/sha2.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

void
line_hash(const char *prev, const char *body, size_t n, char out[65])
{
	struct sha256_ctx c;
	uint8_t dig[SHA256_DIGEST_SIZE];

	sha256_init(&c);
	if (prev != NULL) {
		uint8_t head[65];

		memcpy(head, prev, 64);
		head[64] = '\t';
		sha256_update(&c, 65, head);
	}
	sha256_update(&c, n, (const uint8_t *)body);
	sha256_update(&c, 1, (const uint8_t *)"\n");
	sha256_digest(&c, SHA256_DIGEST_SIZE, dig);
	hex_put(dig, SHA256_DIGEST_SIZE, out);
}

/* Append the escaped s and a TAB to buf at *n; 0 or -1 if it overflows. */
static int
put_field(char *buf, size_t cap, size_t *n, const char *s, int esc)
{
	size_t len;

	if (esc) {
		if ((len = text_escape(s, buf + *n, cap - *n)) == 0 && *s != '\0')
			return -1;
	} else {
		len = strlen(s);
		if (*n + len + 1 >= cap)
			return -1;
		memcpy(buf + *n, s, len);
	}
	*n += len;
	if (*n + 1 >= cap)
		return -1;
	buf[(*n)++] = '\t';
	return 0;
}

/* Close a body ending in TAB with its hash and LF. */
static size_t
seal_line(char *buf, size_t cap, size_t n, const char *prev, char hash[65])
{
	if (n + 65 >= cap)
		return 0;
	line_hash(prev, buf, n - 1, hash);
	memcpy(buf + n, hash, 64);
	buf[n + 64] = '\n';
	return n + 65;
}

size_t
line_header(char *buf, size_t cap, const char *id, const char *nomor,
    const char *revisi, char hash[65])
{
	size_t n = 0;
	static const char magic[] = LOG_MAGIC " " LOG_FORMAT;

	if (put_field(buf, cap, &n, magic, 0) == -1 ||
	    put_field(buf, cap, &n, id, 0) == -1 ||
	    put_field(buf, cap, &n, nomor, 1) == -1 ||
	    put_field(buf, cap, &n, revisi, 1) == -1)
		return 0;
	return seal_line(buf, cap, n, NULL, hash);
}

size_t
line_event(char *buf, size_t cap, const char prev[65], long seq,
    time_t recorded, const struct aduan_event *ev, long utcoff,
    char hash[65])
{
	char num[32], rt[32], ht[32], kv[ADUAN_VALUE_MAX + 64];
	size_t n = 0;
	int i;

	if (cap > ADUAN_LINE_MAX)
		cap = ADUAN_LINE_MAX;
	snprintf(num, sizeof(num), "%ld", seq);
	if (put_field(buf, cap, &n, num, 0) == -1 ||
	    put_field(buf, cap, &n, aduan_time_fmt(recorded, utcoff, rt),
	    0) == -1 ||
	    put_field(buf, cap, &n, aduan_time_fmt(ev->happened, utcoff, ht),
	    0) == -1 ||
	    put_field(buf, cap, &n, ev->by, 1) == -1)
		return 0;
	if (ev->step > 0)
		snprintf(num, sizeof(num), "%d", ev->step);
	else
		snprintf(num, sizeof(num), "-");
	if (put_field(buf, cap, &n, num, 0) == -1 ||
	    put_field(buf, cap, &n, ev->event, 0) == -1)
		return 0;
	for (i = 0; i < ev->nkv; i++) {
		size_t kl = strlen(ev->kv[i].key);

		if (kl + 2 > sizeof(kv))
			return 0;
		memcpy(kv, ev->kv[i].key, kl);
		kv[kl] = '=';
		if (strlen(ev->kv[i].val) > ADUAN_VALUE_MAX)
			return 0;
		if (n + kl + 1 >= cap)
			return 0;
		memcpy(buf + n, kv, kl + 1);
		n += kl + 1;
		if (put_field(buf, cap, &n, ev->kv[i].val, 1) == -1)
			return 0;
	}
	return seal_line(buf, cap, n, prev, hash);
}

const char *
aduan_event_get(const struct aduan_event *ev, const char *key)
{
	int i;

	for (i = 0; i < ev->nkv; i++)
		if (ev->kv[i].key[0] == key[0] &&
		    strcmp(ev->kv[i].key, key) == 0)
			return ev->kv[i].val;
	return NULL;
}

/*
 * Eight bytes at a time over a field of a line: whether any of the eight
 * at p is a NUL or TAB (tabs set), or, for text, below 0x20, DEL or a
 * backslash.  Only for a field that the line's hash field follows: the
 * eight bytes read never go past the line.
 */
#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL
#define ZERO_IN(v) (((v) - ONES) & ~(v) & HIGHS)

static int
plain8(const char *p, int tabs)
{
	uint64_t v;

	memcpy(&v, p, 8);
	if (tabs)
		return !(ZERO_IN(v) | ZERO_IN(v ^ (ONES * '\t')));
	return !(((v - ONES * 0x20) & ~v & HIGHS) | ZERO_IN(v ^ (ONES * 0x7f)) |
	    ZERO_IN(v ^ (ONES * '\\')));
}

/* text_unescape of a field the hash field follows, past its plain bytes. */
static int
field_unescape(char *s)
{
	while (plain8(s, 0))
		s += 8;
	return text_unescape(s);
}

/* Split at TABs into f (at most max); returns the count. */
static int
split(char *s, char **f, int max)
{
	int n = 0;

	f[n++] = s;
	for (; *s != '\0'; s++)
		if (*s == '\t') {
			if (n == max)
				return max + 1;
			*s = '\0';
			f[n++] = s + 1;
		}
	return n;
}

/* split of an event's body, which its hash field follows. */
static int
split_body(char *s, char **f, int max)
{
	int n = 0;

	f[n++] = s;
	for (;;) {
		while (plain8(s, 1))
			s += 8;
		for (; *s != '\0' && *s != '\t'; s++)
			;
		if (*s == '\0')
			return n;
		if (n == max)
			return max + 1;
		*s++ = '\0';
		f[n++] = s;
	}
}

static int
parse_time_field(const char *s, time_t *t)
{
	struct aduan_err e;

	if (strlen(s) != 25 || s[10] != 'T')
		return -1;
	/* As aduan writes it, read straight; anything else as before. */
	if (time_parse_written(s, t) == 0)
		return 0;
	return aduan_time_parse(s, 0, t, &e);
}

int
line_parse_event(char *s, size_t len, const char prev[65], long want,
    struct aduan_kv *kv, struct aduan_event *ev, char hash[65])
{
	char *f[ADUAN_KV_MAX + 8], *tab;
	int n, i;
	long seq = 0;

	/* The hash is the last field: a TAB, then 64 bytes with none. */
	if (len < 66 || memchr(s, '\0', len) != NULL ||
	    s[len - 65] != '\t' || memchr(s + len - 64, '\t', 64) != NULL)
		return -1;
	tab = s + len - 65;
	line_hash(prev, s, (size_t)(tab - s), hash);
	if (memcmp(hash, tab + 1, 64) != 0)
		return -1;
	*tab = '\0';
	n = split_body(s, f, ADUAN_KV_MAX + 6);
	if (n < 6 || n > ADUAN_KV_MAX + 6)
		return -1;
	for (const char *p = f[0]; *p != '\0'; p++)
		if (*p < '0' || *p > '9' || seq > 1000000000L)
			return -1;
		else
			seq = seq * 10 + (*p - '0');
	if (seq != want || f[0][0] == '0')
		return -1;
	memset(ev, 0, sizeof(*ev));
	ev->seq = seq;
	if (parse_time_field(f[1], &ev->recorded) == -1 ||
	    parse_time_field(f[2], &ev->happened) == -1 ||
	    field_unescape(f[3]) == -1)
		return -1;
	ev->by = f[3];
	if (f[4][0] == '-' && f[4][1] == '\0')
		ev->step = 0;
	else if ((ev->step = digits(f[4], (int)strlen(f[4]))) <= 0 ||
	    strlen(f[4]) > 3)
		return -1;
	ev->event = f[5];
	for (i = 6; i < n; i++) {
		char *eq = strchr(f[i], '=');

		if (eq == NULL || eq == f[i])
			return -1;
		*eq = '\0';
		if (field_unescape(eq + 1) == -1)
			return -1;
		kv[i - 6].key = f[i];
		kv[i - 6].val = eq + 1;
	}
	ev->kv = kv;
	ev->nkv = n - 6;
	return 0;
}

int
line_parse_header(char *p, size_t len, struct line_header *h)
{
	static const char magic[] = LOG_MAGIC " " LOG_FORMAT;
	char *f[6];
	int n, i;

	memset(h, 0, sizeof(*h));
	if (memchr(p, '\0', len) != NULL)
		return LINE_BAD;
	n = split(p, f, 5);
	if (n >= 1 && strncmp(f[0], LOG_MAGIC " ", sizeof(LOG_MAGIC)) == 0 &&
	    strcmp(f[0], magic) != 0) {
		snprintf(h->format, sizeof(h->format), "%.31s", f[0]);
		return LINE_BAD_FORMAT;
	}
	if (n != 5 || strcmp(f[0], magic) != 0 || strlen(f[4]) != 64)
		return LINE_BAD;
	for (i = 1; i < 4; i++)
		f[i][-1] = '\t';
	line_hash(NULL, p, (size_t)(f[4] - 1 - p), h->hash);
	for (i = 1; i < 4; i++)
		f[i][-1] = '\0';
	if (memcmp(h->hash, f[4], 64) != 0)
		return LINE_BAD_HASH;
	if (field_unescape(f[2]) == -1 || field_unescape(f[3]) == -1)
		return LINE_BAD;
	h->id = f[1];
	h->nomor = f[2];
	h->revisi = f[3];
	return LINE_OK;
}

long
line_raw_seq(const char *p, size_t len)
{
	long seq = 0;
	size_t i;

	for (i = 0; i < len && p[i] >= '0' && p[i] <= '9' && seq < 1000000000L;
	    i++)
		seq = seq * 10 + (p[i] - '0');
	return i == 0 || i == len || p[i] != '\t' ? -1 : seq;
}

int
line_raw_hash(const char *p, size_t len, char out[65])
{
	if (len < 65 || p[len - 65] != '\t')
		return -1;
	memcpy(out, p + len - 64, 64);
	out[64] = '\0';
	return strspn(out, "0123456789abcdef") == 64 ? 0 : -1;
}
