/*
 * log.c - one case log: the text rules, the line format, the chain hash,
 * the torn-tail aware reader and the append protocol.  The format is
 * aduan-log(5); in short:
 *
 *   line 1   aduan-log 1 TAB id TAB sop-number TAB sop-revision TAB hash
 *   line n   seq TAB recorded TAB happened TAB by TAB step TAB event
 *            [TAB key=value]... TAB hash
 *
 * with backslash, TAB, LF and CR escaped as \\ \t \n \r, and
 * h(0) = SHA-256(body(0) LF), h(n) = SHA-256(hex(h(n-1)) TAB body(n) LF).
 *
 * Append protocol: the log is opened beneath the data directory with no
 * symlink followed, flock(LOCK_EX) is taken with a bounded wait, the file is
 * read to its end under the lock (last seq, last hash, torn tail), then all
 * new lines go in one write (short writes and EINTR retried; on failure
 * the file is cut back to its old size), then fsync; success is reported
 * only after fsync.  A torn tail is sealed in place by the next append:
 * terminated by TAB LF if it has no LF (so that it can never read as an
 * event) and named by a "seal" event; never cut off.
 * Readers hold flock(LOCK_SH) while they read.
 */
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <nettle/sha2.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

#define MAGIC "aduan-log"
#define FORMAT 1
#define BUFCAP (2 * ADUAN_LINE_MAX)

struct aduan_log {
	struct aduan_store *store;
	int fd;
	int closed;		/* lives in closed/ */
	int mode;
	char id[ADUAN_ID_MAX + 1];
	char *nomor;
	char *revisi;
	char *buf;		/* read buffer, cap bytes, grown to BUFCAP */
	size_t cap;
	size_t start, end;	/* unread bytes are buf[start..end) */
	long long off;		/* file offset of buf[start] */
	long long size;		/* the size when locked; -1 for a writer */
	int eof;
	long line;		/* lines read */
	long seq;		/* seq of the last good line */
	char hash[65];		/* hash of the last good line */
	long long good_end;	/* offset after the last good line */
	int bad;		/* a bad line is pending */
	int bad_tab;		/* it ends in the TAB LF of a seal */
	long long bad_off;
	long bad_line;
	int torn;
	long long torn_off, torn_len;
	int torn_lf;		/* the torn fragment ends with LF */
	int copied;		/* the header names another case */
	struct aduan_kv kv[ADUAN_KV_MAX];
};

/* ---- text ---- */

int
aduan_text_check(const char *s, size_t max, const char *what,
    struct aduan_err *err)
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
				return err_set(err, ADUAN_E_USAGE, _("%s: "
				    "control character U+%04X at byte %zu is "
				    "not allowed"), what, c,
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
			return err_set(err, ADUAN_E_USAGE, _("%s: control "
			    "character U+%04lX at byte %zu is not allowed"),
			    what, cp, (size_t)(p - (const unsigned char *)s));
		p += n + 1;
		esc += (size_t)n + 1;
	}
	if (esc > max)
		return err_set(err, ADUAN_E_USAGE, _("%s: too long (%zu bytes; "
		    "at most %zu)"), what, esc, max);
	return 0;
bad:
	return err_set(err, ADUAN_E_USAGE, _("%s: not valid UTF-8 at byte "
	    "%zu"), what, (size_t)(p - (const unsigned char *)s));
}

/* Escape s onto out (room for cap bytes); returns bytes written or 0. */
static size_t
escape(const char *s, char *out, size_t cap)
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

/* Unescape s in place; -1 on an unknown escape or a raw control byte. */
static int
unescape(char *s)
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

/* ---- times ---- */

static int
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
	/* A day inside the years 1970-9999 in any zone, to write back. */
	if (*t < 86400 || *t > days_from_civil(9999, 12, 30) * 86400L)
		goto bad;
	return 0;
bad:
	return err_set(err, ADUAN_E_USAGE, _("cannot read the time '%.60s'; "
	    "write it as 2026-03-02 09:15 (local time) or "
	    "2026-03-02T09:15:00+07:00"), s);
}

const char *
aduan_time_fmt(time_t t, long utcoff, char buf[32])
{
	long long l = (long long)t + utcoff;
	long day = (long)(l >= 0 ? l / 86400 : (l - 86399) / 86400);
	long sec = (long)(l - (long long)day * 86400);
	long a = utcoff < 0 ? -utcoff : utcoff;
	int y, m, d;

	char tmp[96];

	civil_from_days(day, &y, &m, &d);
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02dT%02ld:%02ld:%02ld%c%02ld:%02ld", y,
	    m, d, sec / 3600, sec / 60 % 60, sec % 60, utcoff < 0 ? '-' : '+',
	    a / 3600, a / 60 % 60);
	tmp[31] = '\0';
	memcpy(buf, tmp, 32);
	return buf;
}

/* ---- lines and hashes ---- */

void
hexhash(const char *prev, const char *body, size_t n, char out[65])
{
	static const char hx[] = "0123456789abcdef";
	struct sha256_ctx c;
	uint8_t dig[SHA256_DIGEST_SIZE];
	int i;

	sha256_init(&c);
	if (prev != NULL) {
		sha256_update(&c, 64, (const uint8_t *)prev);
		sha256_update(&c, 1, (const uint8_t *)"\t");
	}
	sha256_update(&c, n, (const uint8_t *)body);
	sha256_update(&c, 1, (const uint8_t *)"\n");
	sha256_digest(&c, SHA256_DIGEST_SIZE, dig);
	for (i = 0; i < SHA256_DIGEST_SIZE; i++) {
		out[2 * i] = hx[dig[i] >> 4];
		out[2 * i + 1] = hx[dig[i] & 15];
	}
	out[64] = '\0';
}

/* Append the escaped s and a TAB to buf at *n; 0 or -1 if it overflows. */
static int
put_field(char *buf, size_t cap, size_t *n, const char *s, int esc)
{
	size_t len;

	if (esc) {
		if ((len = escape(s, buf + *n, cap - *n)) == 0 && *s != '\0')
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
	hexhash(prev, buf, n - 1, hash);
	memcpy(buf + n, hash, 64);
	buf[n + 64] = '\n';
	return n + 65;
}

size_t
log_header_line(char *buf, size_t cap, const char *id, const char *nomor,
    const char *revisi, char hash[65])
{
	size_t n = 0;
	char magic[32];

	snprintf(magic, sizeof(magic), "%s %d", MAGIC, FORMAT);
	if (put_field(buf, cap, &n, magic, 0) == -1 ||
	    put_field(buf, cap, &n, id, 0) == -1 ||
	    put_field(buf, cap, &n, nomor, 1) == -1 ||
	    put_field(buf, cap, &n, revisi, 1) == -1)
		return 0;
	return seal_line(buf, cap, n, NULL, hash);
}

size_t
log_event_line(char *buf, size_t cap, const char prev[65], long seq,
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
		if (strcmp(ev->kv[i].key, key) == 0)
			return ev->kv[i].val;
	return NULL;
}

/* ---- opening and locking ---- */

int
open_beneath(int dirfd, const char *name, int flags, mode_t mode)
{
	struct open_how how;
	int fd;

	memset(&how, 0, sizeof(how));
	how.flags = (unsigned long long)(flags | O_NOFOLLOW | O_CLOEXEC |
	    O_NONBLOCK);
	how.mode = (flags & O_CREAT) ? mode : 0;
	how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS;
	fd = (int)syscall(SYS_openat2, dirfd, name, &how, sizeof(how));
	if (fd == -1 && errno == ENOSYS)
		fd = openat(dirfd, name, flags | O_NOFOLLOW | O_CLOEXEC |
		    O_NONBLOCK, mode);
	/* O_NONBLOCK stays: it changes nothing for a regular file. */
	return fd;
}

int
check_plain(int fd, struct stat *sb)
{
	if (fstat(fd, sb) == -1)
		return -1;
	if (!S_ISREG(sb->st_mode)) {
		errno = EINVAL;
		return -1;
	}
	if (sb->st_nlink != 1) {
		errno = EMLINK;
		return -1;
	}
	return 0;
}

/*
 * The one piece of static state in libaduan: a signal handler cannot be
 * given an argument, and it only says that the wait is over.
 */
static volatile sig_atomic_t alarm_rang;

static void
on_alarm(int sig)
{
	(void)sig;
	alarm_rang = 1;
}

int
lock_wait(int fd, int op, int seconds)
{
	struct sigaction sa, old;
	struct itimerval it, oit;
	int r, e;

#ifdef ADUAN_UNSAFE
	/* The negative control of the stress tests: no lock at all. */
	(void)fd; (void)op; (void)seconds; (void)sa; (void)old; (void)it;
	(void)oit; (void)r; (void)e;
	return 0;
#endif
	if (flock(fd, op | LOCK_NB) == 0)
		return 0;
	if (errno != EWOULDBLOCK || seconds <= 0)
		return -1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	alarm_rang = 0;
	sigaction(SIGALRM, &sa, &old);
	memset(&it, 0, sizeof(it));
	it.it_value.tv_sec = seconds;
	setitimer(ITIMER_REAL, &it, &oit);
	while ((r = flock(fd, op)) == -1 && errno == EINTR && !alarm_rang)
		;
	e = errno;
	memset(&it, 0, sizeof(it));
	setitimer(ITIMER_REAL, &it, NULL);
	sigaction(SIGALRM, &old, NULL);
	if (r == -1 && e == EINTR)
		e = EWOULDBLOCK;
	errno = e;
	return r;
}

int
io_fault(struct aduan_store *st)
{
	if (st == NULL || st->fault_at <= 0 || ++st->io_calls != st->fault_at)
		return 0;
	if (st->fault_errno == 0)
		raise(SIGKILL);
	errno = st->fault_errno;
	return -1;
}

void
aduan_store_fault(struct aduan_store *st, long n, int err)
{
	st->io_calls = 0;
	st->fault_at = n;
	st->fault_errno = err;
}

int
write_all(struct aduan_store *st, int fd, const char *buf, size_t n)
{
	while (n > 0) {
		ssize_t w = io_fault(st) == -1 ? -1 : write(fd, buf, n);

		if (w == -1 && errno == EINTR)
			continue;
		if (w == -1)
			return -1;
		if (w == 0) {
			errno = EIO;
			return -1;
		}
		buf += w;
		n -= (size_t)w;
	}
	return 0;
}

int
io_fsync(struct aduan_store *st, int fd)
{
	if (io_fault(st) == -1)
		return -1;
	return fsync(fd);
}

/* ---- reading ---- */

/*
 * The next line: *p and *len (without LF), *lf whether it ended with LF,
 * *at its offset.  A line longer than the limit (ADUAN_LINE_MAX bytes, its
 * LF included) comes back with *len set to SIZE_MAX, skipped when it did
 * not fit the buffer.  Returns 1, 0 at the end, -1 on error.
 */
static int
read_line(struct aduan_log *l, char **p, size_t *len, int *lf,
    long long *at)
{
	size_t skipped = 0;
	char *nl;
	ssize_t r;

	*at = l->off;
	for (;;) {
		nl = memchr(l->buf + l->start, '\n', l->end - l->start);
		if (nl != NULL || l->eof) {
			size_t n = nl ? (size_t)(nl - l->buf) - l->start :
			    l->end - l->start;

			if (n == 0 && nl == NULL && skipped == 0)
				return 0;
			*p = l->buf + l->start;
			/*
			 * Over the bound even when the buffer happened to hold
			 * it whole: a longer line is never valid, wherever the
			 * reads fell.
			 */
			*len = skipped || n >= ADUAN_LINE_MAX ? SIZE_MAX : n;
			*lf = nl != NULL;
			l->start += n + (nl != NULL);
			l->off += (long long)(n + (nl != NULL));
			l->buf[l->start - (nl != NULL)] = '\0';
			if (nl == NULL)
				l->buf[l->end] = '\0';
			return 1;
		}
		if (l->end - l->start >= ADUAN_LINE_MAX) {
			/* Too long: drop what we hold and go on to the LF. */
			skipped += l->end - l->start;
			l->off += (long long)(l->end - l->start);
			l->start = l->end = 0;
		}
		if (l->start > 0) {
			memmove(l->buf, l->buf + l->start, l->end - l->start);
			l->end -= l->start;
			l->start = 0;
		}
		if (l->end == l->cap - 1 && l->start == 0 && l->cap < BUFCAP) {
			/* Most logs fit the first few KiB; grow when not. */
			char *nb = realloc(l->buf, BUFCAP);

			if (nb == NULL)
				return -1;
			l->buf = nb;
			l->cap = BUFCAP;
		}
		/*
		 * Under a shared lock no writer can grow the file: once its
		 * size is read, that is the end, without one more read.
		 */
		if (l->size >= 0 && l->off + (long long)(l->end - l->start) >=
		    l->size) {
			l->eof = 1;
			continue;
		}
		r = read(l->fd, l->buf + l->end, l->cap - 1 - l->end);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1)
			return -1;
		if (r == 0)
			l->eof = 1;
		l->end += (size_t)r;
	}
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

static int
parse_time_field(const char *s, time_t *t)
{
	struct aduan_err e;

	if (strlen(s) != 25 || s[10] != 'T')
		return -1;
	return aduan_time_parse(s, 0, t, &e);
}

/*
 * Check and parse an event line chained to l->hash.  The line is split in
 * place.  0 and ev filled, or -1 when the line is bad.
 */
static int
parse_event(struct aduan_log *l, char *s, size_t len, char hash[65],
    struct aduan_event *ev)
{
	char *f[ADUAN_KV_MAX + 8], *tab;
	int n, i;
	long seq = 0;

	if (len < 66 || memchr(s, '\0', len) != NULL ||
	    (tab = strrchr(s, '\t')) == NULL || strlen(tab + 1) != 64)
		return -1;
	hexhash(l->hash, s, (size_t)(tab - s), hash);
	if (strcmp(hash, tab + 1) != 0)
		return -1;
	*tab = '\0';
	n = split(s, f, ADUAN_KV_MAX + 6);
	if (n < 6 || n > ADUAN_KV_MAX + 6)
		return -1;
	for (const char *p = f[0]; *p != '\0'; p++)
		if (*p < '0' || *p > '9' || seq > 1000000000L)
			return -1;
		else
			seq = seq * 10 + (*p - '0');
	if (seq != l->seq + 1 || f[0][0] == '0')
		return -1;
	memset(ev, 0, sizeof(*ev));
	ev->seq = seq;
	if (parse_time_field(f[1], &ev->recorded) == -1 ||
	    parse_time_field(f[2], &ev->happened) == -1 ||
	    unescape(f[3]) == -1)
		return -1;
	ev->by = f[3];
	if (strcmp(f[4], "-") == 0)
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
		if (unescape(eq + 1) == -1)
			return -1;
		l->kv[i - 6].key = f[i];
		l->kv[i - 6].val = eq + 1;
	}
	ev->kv = l->kv;
	ev->nkv = n - 6;
	return 0;
}

static int
read_header(struct aduan_log *l, struct aduan_err *err)
{
	char *p, *f[6], magic[32], hash[65];
	size_t len;
	int lf, n;
	long long at;

	n = read_line(l, &p, &len, &lf, &at);
	if (n == -1)
		return err_set(err, ADUAN_E_IO, _("%s: cannot read the log: "
		    "%s"), l->id, strerror(errno));
	if (n == 0 || !lf || len == SIZE_MAX || memchr(p, '\0', len))
		return err_set(err, ADUAN_E_CORRUPT, _("%s: line 1: not an "
		    "aduan case log header"), l->id);
	l->line = 1;
	n = split(p, f, 5);
	snprintf(magic, sizeof(magic), "%s %d", MAGIC, FORMAT);
	if (n >= 1 && strncmp(f[0], MAGIC " ", sizeof(MAGIC)) == 0 &&
	    strcmp(f[0], magic) != 0)
		return err_set(err, ADUAN_E_CORRUPT, _("%s: line 1: written in "
		    "log format '%s', which this aduan cannot read"), l->id,
		    f[0]);
	if (n != 5 || strcmp(f[0], magic) != 0 || strlen(f[4]) != 64)
		return err_set(err, ADUAN_E_CORRUPT, _("%s: line 1: not an "
		    "aduan case log header"), l->id);
	for (int i = 1; i < 4; i++)
		f[i][-1] = '\t';
	hexhash(NULL, p, (size_t)(f[4] - 1 - p), hash);
	for (int i = 1; i < 4; i++)
		f[i][-1] = '\0';
	if (strcmp(hash, f[4]) != 0)
		return err_set(err, ADUAN_E_CORRUPT, _("%s: line 1: the header "
		    "does not verify (altered)"), l->id);
	if (strcmp(f[1], l->id) != 0) {
		l->copied = 1;
		return err_set(err, ADUAN_E_CORRUPT, _("%s: line 1: this is "
		    "the log of case %.16s, copied over this one"), l->id,
		    f[1]);
	}
	if (unescape(f[2]) == -1 || unescape(f[3]) == -1 ||
	    (l->nomor = strdup(f[2])) == NULL ||
	    (l->revisi = strdup(f[3])) == NULL)
		return err_set(err, ADUAN_E_CORRUPT, _("%s: line 1: not an "
		    "aduan case log header"), l->id);
	memcpy(l->hash, hash, 65);
	l->good_end = l->off;
	return 0;
}

int
aduan_log_next(struct aduan_log *l, struct aduan_event *ev,
    struct aduan_err *err)
{
	char *p, hash[65];
	size_t len;
	int lf, r;
	long long at;

	for (;;) {
		if ((r = read_line(l, &p, &len, &lf, &at)) == -1)
			return err_set(err, ADUAN_E_IO, _("%s: cannot read the "
			    "log: %s"), l->id, strerror(errno));
		if (r == 0) {
			if (l->bad) {
				l->torn = 1;
				l->torn_off = l->bad_off;
				l->torn_len = l->off - l->bad_off;
			}
			return 0;
		}
		l->line++;
		if (lf && len != SIZE_MAX &&
		    parse_event(l, p, len, hash, ev) == 0) {
			if (l->bad && !(strcmp(ev->event, "seal") == 0 &&
			    aduan_event_get(ev, "offset") != NULL &&
			    atoll(aduan_event_get(ev, "offset")) ==
			    l->bad_off && aduan_event_get(ev, "length") &&
			    atoll(aduan_event_get(ev, "length")) ==
			    at - l->bad_off))
				goto corrupt;
			l->bad = 0;
			l->seq = ev->seq;
			memcpy(l->hash, hash, 65);
			l->good_end = l->off;
			ev->line = l->line;
			return 1;
		}
		/*
		 * A torn region may hold more than one line only when the
		 * lines before its last end in the TAB LF that sealing adds
		 * (a fragment terminated, then a torn seal): never so for an
		 * altered line.  It ends at the end of the file (torn) or at
		 * the seal that names it.
		 */
		if (l->bad && !l->bad_tab)
			goto corrupt;
		if (!l->bad) {
			l->bad = 1;
			l->bad_off = at;
			l->bad_line = l->line;
		}
		l->torn_lf = lf;
		l->bad_tab = lf && len != SIZE_MAX && len > 0 &&
		    p[len - 1] == '\t';
	}
corrupt:
	return err_set(err, ADUAN_E_CORRUPT, _("%s: line %ld does not verify "
	    "(altered, or a line was removed, inserted or moved); run "
	    "'aduan verify %s'"), l->id, l->bad_line, l->id);
}

int
aduan_log_seek_tail(struct aduan_log *l, struct aduan_err *err)
{
	struct stat sb;
	long long from, at;
	char *a, *b, *tab, *p;
	ssize_t n;
	long seq = 0;

	if (fstat(l->fd, &sb) == -1)
		return err_set(err, ADUAN_E_IO, _("%s: cannot read the log: "
		    "%s"), l->id, strerror(errno));
	if ((long long)sb.st_size - l->off <= 4LL * ADUAN_LINE_MAX)
		return 0;
	if (l->cap < BUFCAP) {
		char *nb = realloc(l->buf, BUFCAP);

		if (nb == NULL)
			return 0;
		l->buf = nb;
		l->cap = BUFCAP;
	}
	from = (long long)sb.st_size - (BUFCAP - 1);
	n = pread(l->fd, l->buf, BUFCAP - 1, from);
	if (n != BUFCAP - 1)
		return 0;
	l->buf[n] = '\0';
	/* The anchor: the first whole line of the window. */
	if ((a = memchr(l->buf, '\n', (size_t)n)) == NULL ||
	    (b = memchr(a + 1, '\n', (size_t)(l->buf + n - a - 1))) == NULL)
		return 0;
	*b = '\0';
	if ((tab = strrchr(a + 1, '\t')) == NULL || strlen(tab + 1) != 64)
		return 0;
	for (p = a + 1; *p >= '0' && *p <= '9' && seq < 1000000000L; p++)
		seq = seq * 10 + (*p - '0');
	if (*p != '\t' || seq == 0)
		return 0;
	at = from + (b + 1 - l->buf);
	if (lseek(l->fd, at, SEEK_SET) == -1)
		return 0;
	memcpy(l->hash, tab + 1, 65);
	l->seq = seq;
	l->off = l->good_end = at;
	l->start = l->end = 0;
	l->eof = 0;
	l->line = 0;
	return 0;
}

void
log_head(const struct aduan_log *l, long *seq, long long *end, char hash[65])
{
	*seq = l->seq;
	*end = l->good_end;
	memcpy(hash, l->hash, 65);
}

int
aduan_log_torn(const struct aduan_log *l, long long *off, long long *len)
{
	if (!l->torn)
		return 0;
	*off = l->torn_off;
	*len = l->torn_len;
	return 1;
}

const char *
aduan_log_id(const struct aduan_log *l)
{
	return l->id;
}

const char *
aduan_log_sop(const struct aduan_log *l)
{
	return l->nomor;
}

const char *
aduan_log_revisi(const struct aduan_log *l)
{
	return l->revisi;
}

int
aduan_log_in_closed(const struct aduan_log *l)
{
	return l->closed;
}

/*
 * aduan_log_open, saying in *what, when the log is corrupt, how: "link",
 * "copied" or "header" (for aduan verify, which must not read it from a
 * message that may be translated).
 */
static struct aduan_log *
log_open(struct aduan_store *st, const char *id, enum aduan_lockmode mode,
    const char **what, struct aduan_err *err)
{
	struct aduan_log *l;
	char name[ADUAN_ID_MAX + 8];
	int flags = mode == ADUAN_WRITE ? O_RDWR | O_APPEND : O_RDONLY;
	struct stat sb;

	*what = "link";
	if (aduan_id_check(id, err) == -1)
		return NULL;
	if ((l = calloc(1, sizeof(*l))) == NULL ||
	    (l->buf = malloc(l->cap = 8192)) == NULL) {
		free(l);
		err_set(err, ADUAN_E_IO, _("out of memory"));
		return NULL;
	}
	snprintf(l->id, sizeof(l->id), "%s", id);
	snprintf(name, sizeof(name), "%s.log", id);
	l->store = st;
	l->mode = mode;
	l->fd = open_beneath(st->openfd, name, flags, 0);
	if (l->fd == -1 && errno == ENOENT) {
		l->closed = 1;
		l->fd = open_beneath(st->closedfd, name, flags, 0);
	}
	if (l->fd == -1) {
		if (errno == ENOENT)
			err_set(err, ADUAN_E_NOTFOUND, _("%s: no such case; "
			    "'aduan list' shows the cases"), id);
		else if (errno == ELOOP || errno == EMLINK ||
		    errno == EINVAL || errno == EXDEV || errno == EISDIR ||
		    errno == ENXIO)
			err_set(err, ADUAN_E_CORRUPT, _("%s: the log is not a "
			    "plain file of the data directory (a link or a "
			    "special file); refusing to use it"), id);
		else
			err_set(err, ADUAN_E_IO, _("%s: cannot open the log: "
			    "%s"), id, strerror(errno));
		goto fail;
	}
	if (lock_wait(l->fd, mode == ADUAN_WRITE ? LOCK_EX : LOCK_SH,
	    st->wait) == -1) {
		if (errno == EWOULDBLOCK)
			err_set(err, ADUAN_E_LOCKED, mode == ADUAN_WRITE ?
			    _("%s: the case is busy (another command holds it "
			    "for over %d s); nothing was recorded; try again") :
			    _("%s: the case is being written (for over %d s); "
			    "try again"), id, st->wait);
		else
			err_set(err, ADUAN_E_IO, _("%s: cannot lock the log: "
			    "%s"), id, strerror(errno));
		goto fail;
	}
	/* Checked under the lock, where its size is also the end. */
	if (check_plain(l->fd, &sb) == -1)
		goto notplain;
	l->size = mode == ADUAN_READ ? (long long)sb.st_size : -1;
	if (read_header(l, err) == -1) {
		*what = l->copied ? "copied" : "header";
		goto fail;
	}
	return l;
notplain:
	if (errno == EINVAL || errno == EMLINK)
		err_set(err, ADUAN_E_CORRUPT, _("%s: the log is not a plain "
		    "file of the data directory (a link or a special file); "
		    "refusing to use it"), id);
	else
		err_set(err, ADUAN_E_IO, _("%s: cannot read the log: %s"), id,
		    strerror(errno));
fail:
	aduan_log_close(l);
	return NULL;
}

struct aduan_log *
aduan_log_open(struct aduan_store *st, const char *id,
    enum aduan_lockmode mode, struct aduan_err *err)
{
	const char *what;

	return log_open(st, id, mode, &what, err);
}

void
aduan_log_close(struct aduan_log *l)
{
	if (l == NULL)
		return;
	if (l->fd != -1)
		close(l->fd);
	free(l->nomor);
	free(l->revisi);
	free(l->buf);
	free(l);
}

/* ---- appending ---- */

/* The seal event for a torn tail: its kv written into kv/vals. */
static int
torn_seal(struct aduan_log *l, char add_lf, struct aduan_kv kv[3],
    char vals[3][80], struct aduan_err *err)
{
	static const char hx[] = "0123456789abcdef";
	struct sha256_ctx c;
	uint8_t dig[SHA256_DIGEST_SIZE], chunk[8192];
	long long left = l->torn_len, pos = l->torn_off;
	ssize_t r;
	int i;

	sha256_init(&c);
	while (left > 0) {
		r = pread(l->fd, chunk, left < (long long)sizeof(chunk) ?
		    (size_t)left : sizeof(chunk), pos);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			return err_set(err, ADUAN_E_IO, _("%s: cannot read the "
			    "torn tail: %s"), l->id, r == 0 ? "short file" :
			    strerror(errno));
		sha256_update(&c, (size_t)r, chunk);
		left -= r;
		pos += r;
	}
	if (add_lf)
		sha256_update(&c, 2, (const uint8_t *)"\t\n");
	sha256_digest(&c, SHA256_DIGEST_SIZE, dig);
	snprintf(vals[0], 80, "%lld", l->torn_off);
	snprintf(vals[1], 80, "%lld", l->torn_len + (add_lf ? 2 : 0));
	for (i = 0; i < SHA256_DIGEST_SIZE; i++) {
		vals[2][2 * i] = hx[dig[i] >> 4];
		vals[2][2 * i + 1] = hx[dig[i] & 15];
	}
	vals[2][64] = '\0';
	kv[0].key = "offset";
	kv[1].key = "length";
	kv[2].key = "sha256";
	for (i = 0; i < 3; i++)
		kv[i].val = vals[i];
	return 0;
}

int
aduan_log_append(struct aduan_log *l, const struct aduan_event *evs, int n,
    time_t now, long utcoff, struct aduan_err *err)
{
	char *out, hash[65], prev[65], vals[3][80];
	struct aduan_kv kv[3];
	struct aduan_event seal;
	size_t cap, len = 0, k;
	long seq = l->seq;
	struct stat st;
	int i;

	if (l->mode != ADUAN_WRITE || !l->eof)
		return err_set(err, ADUAN_E_IO, _("%s: log not read to its "
		    "end under an exclusive lock"), l->id);
	cap = (size_t)(n + 1) * ADUAN_LINE_MAX + 1;
	if ((out = malloc(cap)) == NULL)
		return err_set(err, ADUAN_E_IO, _("out of memory"));
	memcpy(prev, l->hash, 65);
	if (l->torn) {
		int add_lf = !l->torn_lf;

		if (torn_seal(l, (char)add_lf, kv, vals, err) == -1)
			goto fail;
		/*
		 * TAB LF, not LF alone: a fragment that lacks only its LF
		 * must not turn into an event that nobody confirmed.
		 */
		if (add_lf) {
			out[len++] = '\t';
			out[len++] = '\n';
		}
		memset(&seal, 0, sizeof(seal));
		seal.happened = now;
		seal.by = n > 0 ? evs[0].by : "aduan";
		seal.event = "seal";
		seal.kv = kv;
		seal.nkv = 3;
		if ((k = log_event_line(out + len, cap - len, prev, ++seq, now,
		    &seal, utcoff, hash)) == 0)
			goto toolong;
		len += k;
		memcpy(prev, hash, 65);
	}
	for (i = 0; i < n; i++) {
		if ((k = log_event_line(out + len, cap - len, prev, ++seq, now,
		    &evs[i], utcoff, hash)) == 0)
			goto toolong;
		len += k;
		memcpy(prev, hash, 65);
	}
	if (fstat(l->fd, &st) == -1) {
		err_set(err, ADUAN_E_IO, _("%s: cannot read the log: %s"),
		    l->id, strerror(errno));
		goto fail;
	}
	if (write_all(l->store, l->fd, out, len) == -1) {
		int e = errno;

		/* Cut back what went in, so that nothing half is left. */
		while (ftruncate(l->fd, st.st_size) == -1 && errno == EINTR)
			;
		err_set(err, ADUAN_E_IO, _("%s: cannot write the log: %s; "
		    "nothing was recorded"), l->id, strerror(e));
		goto fail;
	}
	if (io_fsync(l->store, l->fd) == -1) {
		err_set(err, ADUAN_E_IO, _("%s: the disk did not confirm the "
		    "write (%s); the event is NOT confirmed as recorded"),
		    l->id, strerror(errno));
		goto fail;
	}
	free(out);
	l->seq = seq;
	memcpy(l->hash, prev, 65);
	l->torn = 0;
	l->good_end = (long long)st.st_size + (long long)len;
	return 0;
toolong:
	err_set(err, ADUAN_E_USAGE, _("%s: the event is too long for one "
	    "line (at most %d bytes)"), l->id, ADUAN_LINE_MAX);
fail:
	free(out);
	return -1;
}

int
aduan_log_move_closed(struct aduan_log *l, struct aduan_err *err)
{
	struct aduan_store *st = l->store;
	char name[ADUAN_ID_MAX + 8];
	int lk, r;

	if (l->closed)
		return 0;
	snprintf(name, sizeof(name), "%s.log", l->id);
	/* The allocator lock: a move never races the choice of a number. */
	lk = openat(st->seqfd, ".lock", O_RDWR | O_CREAT | O_CLOEXEC |
	    O_NOFOLLOW, 0660);
	if (lk == -1 || lock_wait(lk, LOCK_EX, st->wait) == -1) {
		r = errno;
		if (lk != -1)
			close(lk);
		return err_set(err, r == EWOULDBLOCK ? ADUAN_E_LOCKED :
		    ADUAN_E_IO, _("%s: cannot take the allocator lock: %s"),
		    l->id, strerror(r));
	}
	r = io_fault(st) == -1 ? -1 : renameat2(st->openfd, name,
	    st->closedfd, name, RENAME_NOREPLACE);
	if (r == -1 && errno != ENOENT) {
		r = errno;
		close(lk);
		return err_set(err, ADUAN_E_IO, _("%s: cannot move the log to "
		    "closed/: %s"), l->id, strerror(r));
	}
	close(lk);
	if (io_fsync(st, st->closedfd) == -1 || io_fsync(st, st->openfd) == -1)
		return err_set(err, ADUAN_E_IO, _("%s: cannot sync the data "
		    "directory: %s"), l->id, strerror(errno));
	l->closed = 1;
	return 0;
}

/* ---- verification ---- */

/* The seq at the start of a raw line, or -1. */
static long
raw_seq(const char *p, size_t len)
{
	long seq = 0;
	size_t i;

	for (i = 0; i < len && p[i] >= '0' && p[i] <= '9' && seq < 1000000000L;
	    i++)
		seq = seq * 10 + (p[i] - '0');
	return i == 0 || i == len || p[i] != '\t' ? -1 : seq;
}

/* The stored hash at the end of a raw line into out, or -1. */
static int
raw_hash(const char *p, size_t len, char out[65])
{
	if (len < 65 || p[len - 65] != '\t')
		return -1;
	memcpy(out, p + len - 64, 64);
	out[64] = '\0';
	return strspn(out, "0123456789abcdef") == 64 ? 0 : -1;
}

int
aduan_log_verify(struct aduan_store *st, const char *id, long want_events,
    const char *want_head, struct aduan_verdict *v, struct aduan_err *err)
{
	struct aduan_log *l;
	struct aduan_event ev;
	char (*seen)[65] = NULL, h[65];
	const char *what, *msg;
	size_t nseen = 0, cap = 0;
	long long toff = 0, tlen = 0;
	int r;

	memset(v, 0, sizeof(*v));
	if ((l = log_open(st, id, ADUAN_READ, &what, err)) == NULL) {
		if (err->cat != ADUAN_E_CORRUPT)
			return -1;
		v->what = what;
		v->line = strcmp(what, "link") == 0 ? 0 : 1;
		/* The case and the line are said before the detail. */
		msg = err->msg;
		if (strncmp(msg, id, strlen(id)) == 0 &&
		    strncmp(msg + strlen(id), ": ", 2) == 0)
			msg += strlen(id) + 2;
		if (strncmp(msg, "line 1: ", 8) == 0)
			msg += 8;
		snprintf(v->detail, sizeof(v->detail), "%.200s", msg);
		return 0;
	}
	/* Keep every stored hash, to tell a duplicated line. */
	while ((r = aduan_log_next(l, &ev, err)) == 1) {
		if (nseen == cap) {
			void *p = realloc(seen, (cap = cap ? cap * 2 : 64) *
			    sizeof(*seen));

			if (p == NULL) {
				free(seen);
				aduan_log_close(l);
				return err_set(err, ADUAN_E_IO,
				    _("out of memory"));
			}
			seen = p;
		}
		memcpy(seen[nseen++], l->hash, 65);
		v->events++;
		v->sealed += strcmp(ev.event, "seal") == 0;
		if (want_head != NULL && ev.seq == want_events &&
		    strcmp(l->hash, want_head) != 0 && v->what == NULL) {
			v->line = l->line;
			v->what = "rewritten";
			snprintf(v->detail, sizeof(v->detail), _("event %ld is "
			    "not the one the checkpoint saw: the file was "
			    "rewritten"), ev.seq);
		}
	}
	if (r == -1 && err->cat != ADUAN_E_CORRUPT) {
		free(seen);
		aduan_log_close(l);
		return -1;
	}
	if (r == -1 || aduan_log_torn(l, &toff, &tlen)) {
		/* Read the bad line again to say what happened to it. */
		long expect = l->seq + 1, seq;
		char *p = "";
		size_t len = 0, i;
		int lf = 0, torn = r == 0, toolong = 0;
		long long at;

		v->line = l->bad_line;
		if (lseek(l->fd, l->bad_off, SEEK_SET) != -1) {
			l->off = l->bad_off;
			l->start = l->end = 0;
			l->eof = 0;
			l->size = -1;
			if (read_line(l, &p, &len, &lf, &at) != 1 ||
			    (toolong = len == SIZE_MAX))
				len = 0;
		}
		seq = raw_seq(p, len);
		if (torn && (!lf || memchr(p, '\0', len) != NULL || seq < 0 ||
		    raw_hash(p, len, h) == -1)) {
			v->what = "torn";
			snprintf(v->detail, sizeof(v->detail), _("%lld bytes at "
			    "byte %lld do not make an event: a write that did "
			    "not finish"), tlen, toff);
		} else if (seq < 0 || raw_hash(p, len, h) == -1) {
			v->what = "inserted";
			if (toolong)
				snprintf(v->detail, sizeof(v->detail), _("not "
				    "an event line: longer than %d bytes"),
				    ADUAN_LINE_MAX);
			else
				snprintf(v->detail, sizeof(v->detail), _("not "
				    "an event line: inserted, or altered "
				    "beyond reading"));
		} else if (seq == expect) {
			v->what = "altered";
			snprintf(v->detail, sizeof(v->detail), _("event %ld was "
			    "altered (its hash does not match)"), seq);
		} else if (seq > expect) {
			v->what = "removed";
			snprintf(v->detail, sizeof(v->detail), _("event %ld "
			    "comes where %ld should: removed, or moved later"),
			    seq, expect);
		} else {
			for (i = 0; i < nseen && strcmp(seen[i], h) != 0; i++)
				;
			v->what = i < nseen ? "duplicated" : "reordered";
			snprintf(v->detail, sizeof(v->detail), i < nseen ?
			    _("event %ld appears again after event %ld") :
			    _("event %ld comes after event %ld: moved"), seq,
			    expect - 1);
		}
	}
	if (v->what == NULL && want_head != NULL && l->seq < want_events) {
		v->line = l->line + 1;
		v->what = "cut";
		snprintf(v->detail, sizeof(v->detail), _("the log ends at event "
		    "%ld, but the checkpoint saw %ld: its tail was cut off"),
		    l->seq, want_events);
	}
	v->ok = v->what == NULL;
	v->lines = l->line;
	free(seen);
	aduan_log_close(l);
	return 0;
}
