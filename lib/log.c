/*
 * log.c - one case log, read and appended (aduan-log(5), INTERNALS).
 *
 * Reading: the log is opened beneath the data directory with no symlink
 * followed (store_open_log), flock(LOCK_SH) is held while it is read, its
 * size under the lock is its end, and each line must verify against the
 * chain (line.c).  Only a last line without its LF can be a write that did
 * not finish (a torn tail): it is never parsed as an event; any other line
 * that does not verify is corruption.  LOG_PEEK reads with no lock: what it
 * reads is the log as it was at some moment, but it may end in the line
 * being written, so a log that does not read whole is read again locked
 * (verify.c).
 *
 * Appending: flock(LOCK_EX) with a bounded wait; the file is read to its
 * end under the lock (last seq, last hash, torn tail), then all new lines
 * go in one write (short writes and EINTR retried; on failure the file is
 * cut back to its old size), then fsync; success is reported only after
 * fsync.  A torn tail is sealed in place by the next append: terminated by
 * TAB LF (so that it can never read as an event) and named by a "seal"
 * event; never cut off.
 *
 * Creating: the header and the first events are encoded here too and the
 * file made whole by store_new_case, so that every byte of every log is
 * written by this file.
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <nettle/sha2.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

#define BUFCAP (2 * ADUAN_LINE_MAX)
#define LOG_BUF0 8192		/* a log's first buffer: most logs fit */

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
	struct stat sb;		/* the file as it was when locked */
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
	struct aduan_kv kv[ADUAN_KV_MAX];
};

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

static int
read_header(struct aduan_log *l, struct aduan_verdict *v,
    struct aduan_err *err)
{
	struct line_header h;
	char *p;
	size_t len;
	int lf, r;
	long long at;

	if ((r = read_line(l, &p, &len, &lf, &at)) == -1)
		return err_case(err, ADUAN_E_IO, l->id, _("cannot read the log: "
		    "%s"), strerror(errno));
	l->line = 1;
	if (v != NULL)
		v->line = 1;
	r = r == 0 || !lf || len == SIZE_MAX ? LINE_BAD :
	    line_parse_header(p, len, &h);
	if (r == LINE_BAD_FORMAT) {
		if (v != NULL) {
			v->fault = ADUAN_FORMAT;
			snprintf(v->format, sizeof(v->format), "%s", h.format);
		}
		return err_case(err, ADUAN_E_CORRUPT, l->id, _("line 1: "
		    "written in log format '%s', which this aduan cannot "
		    "read"), h.format);
	}
	if (r != LINE_OK) {
		if (v != NULL) {
			v->fault = ADUAN_HEADER;
			v->altered = r == LINE_BAD_HASH;
		}
		return err_case(err, ADUAN_E_CORRUPT, l->id, r == LINE_BAD_HASH ?
		    _("line 1: the header does not verify (altered)") :
		    _("line 1: not an aduan case log header"));
	}
	if (strcmp(h.id, l->id) != 0) {
		if (v != NULL) {
			v->fault = ADUAN_COPIED;
			snprintf(v->other, sizeof(v->other), "%.16s", h.id);
		}
		return err_case(err, ADUAN_E_CORRUPT, l->id, _("line 1: this is "
		    "the log of case %.16s, copied over this one"), h.id);
	}
	if ((l->nomor = strdup(h.nomor)) == NULL ||
	    (l->revisi = strdup(h.revisi)) == NULL)
		return err_set(err, ADUAN_E_IO, _("out of memory"));
	memcpy(l->hash, h.hash, 65);
	l->good_end = l->off;
	return 0;
}

int
log_next(struct aduan_log *l, struct aduan_event *ev, struct aduan_err *err)
{
	char *p, hash[65];
	size_t len;
	int lf, r;
	long long at;

	for (;;) {
		if ((r = read_line(l, &p, &len, &lf, &at)) == -1)
			return err_case(err, ADUAN_E_IO, l->id,
			    _("cannot read the log: %s"), strerror(errno));
		if (r == 0) {
			/*
			 * Only a last line without its LF can be a write that
			 * did not finish: a whole line that does not verify
			 * was altered, and is never sealed away.
			 */
			if (l->bad && l->torn_lf)
				goto corrupt;
			if (l->bad) {
				l->torn = 1;
				l->torn_off = l->bad_off;
				l->torn_len = l->off - l->bad_off;
			}
			return 0;
		}
		l->line++;
		if (lf && len != SIZE_MAX &&
		    line_parse_event(p, len, l->hash, l->seq + 1, l->kv, ev,
		    hash) == 0) {
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
	err_set(err, ADUAN_E_CORRUPT, _("line %ld does not verify (altered, "
	    "or a line was removed, inserted or moved)"), l->bad_line);
	err_id(err, l->id);
	return err_hint(err, ADUAN_HINT_VERIFY, 0);
}

int
log_torn(const struct aduan_log *l, long long *off, long long *len)
{
	if (!l->torn)
		return 0;
	*off = l->torn_off;
	*len = l->torn_len;
	return 1;
}

void
log_head(const struct aduan_log *l, long *seq, long long *end, char hash[65])
{
	*seq = l->seq;
	*end = l->good_end;
	memcpy(hash, l->hash, 65);
}

long
log_lines(const struct aduan_log *l)
{
	return l->line;
}

int
log_bad_line(struct aduan_log *l, char **p, size_t *len, long *line,
    int *lf)
{
	long long at;

	*line = l->bad_line;
	*p = "";
	*len = 0;
	*lf = 0;
	if (lseek(l->fd, l->bad_off, SEEK_SET) == -1)
		return -1;
	l->off = l->bad_off;
	l->start = l->end = 0;
	l->eof = 0;
	l->size = -1;
	return read_line(l, p, len, lf, &at) == 1 ? 0 : -1;
}

const struct stat *
log_stat(const struct aduan_log *l)
{
	return &l->sb;
}

int
log_closed(const struct aduan_log *l)
{
	return l->closed;
}

const char *
log_id(const struct aduan_log *l)
{
	return l->id;
}

const char *
log_nomor(const struct aduan_log *l)
{
	return l->nomor;
}

const char *
log_revisi(const struct aduan_log *l)
{
	return l->revisi;
}

struct aduan_log *
log_open_in(struct aduan_store *st, const char *id, enum aduan_lockmode mode,
    int where, struct aduan_verdict *v, struct aduan_err *err)
{
	struct aduan_log *l;
	struct stat sb;

	if (aduan_id_check(id, err) == -1)
		return NULL;
	/* A scan's logs take turns with one, its buffer kept. */
	if ((l = st->spare) != NULL)
		st->spare = NULL;
	else if ((l = malloc(sizeof(*l))) != NULL &&
	    (l->buf = malloc(LOG_BUF0)) == NULL) {
		free(l);
		l = NULL;
	}
	if (l == NULL) {
		err_set(err, ADUAN_E_IO, _("out of memory"));
		return NULL;
	}
	{
		char *buf = l->buf;

		/* All but the kv array, which each event fills. */
		memset(l, 0, offsetof(struct aduan_log, kv));
		l->buf = buf;
		l->cap = LOG_BUF0;
	}
	memcpy(l->id, id, strnlen(id, ADUAN_ID_MAX) + 1);
	l->store = st;
	l->mode = mode;
	l->fd = store_open_log_in(st, id, mode == ADUAN_WRITE ? O_RDWR |
	    O_APPEND : O_RDONLY, where, &l->closed, err);
	if (l->fd == -1) {
		if (v != NULL && err->cat == ADUAN_E_CORRUPT)
			v->fault = ADUAN_LINK;
		goto fail;
	}
	if (mode != LOG_PEEK && lock_wait(l->fd, mode == ADUAN_WRITE ?
	    LOCK_EX : LOCK_SH, st->wait) == -1) {
		if (errno == EWOULDBLOCK)
			err_case(err, ADUAN_E_LOCKED, id, mode == ADUAN_WRITE ?
			    _("the case is busy (another command holds it for "
			    "over %d s); nothing was recorded; try again") :
			    _("the case is being written (for over %d s); try "
			    "again"), st->wait);
		else
			err_case(err, ADUAN_E_IO, id, _("cannot lock the log: "
			    "%s"), strerror(errno));
		goto fail;
	}
	/* Checked under the lock, where its size is also the end. */
	if (check_plain(l->fd, &sb) == -1) {
		if (errno == EINVAL || errno == EMLINK) {
			if (v != NULL)
				v->fault = ADUAN_LINK;
			err_case(err, ADUAN_E_CORRUPT, id, _("the log is not a "
			    "plain file of the data directory (a link or a "
			    "special file); refusing to use it"));
		} else
			err_case(err, ADUAN_E_IO, id, _("cannot read the log: "
			    "%s"), strerror(errno));
		goto fail;
	}
	l->size = mode != ADUAN_WRITE ? (long long)sb.st_size : -1;
	l->sb = sb;
	if (read_header(l, v, err) == -1)
		goto fail;
	return l;
fail:
	log_close(l);
	return NULL;
}

void
log_close(struct aduan_log *l)
{
	if (l == NULL)
		return;
	if (l->fd != -1)
		close(l->fd);
	free(l->nomor);
	free(l->revisi);
	if (l->cap == LOG_BUF0 && l->store != NULL && l->store->spare == NULL) {
		l->store->spare = l;
		return;
	}
	free(l->buf);
	free(l);
}

void
log_close_spare(struct aduan_store *st)
{
	if (st->spare != NULL) {
		free(st->spare->buf);
		free(st->spare);
		st->spare = NULL;
	}
}

/* ---- appending and creating ---- */

/* The seal event for a torn tail: its kv written into kv/vals. */
static int
torn_seal(struct aduan_log *l, char add_lf, struct aduan_kv kv[3],
    char vals[3][80], struct aduan_err *err)
{
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
			return err_case(err, ADUAN_E_IO, l->id, _("cannot read the "
			    "torn tail: %s"), r == 0 ? "short file" :
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
	hex_put(dig, SHA256_DIGEST_SIZE, vals[2]);
	kv[0].key = "offset";
	kv[1].key = "length";
	kv[2].key = "sha256";
	for (i = 0; i < 3; i++)
		kv[i].val = vals[i];
	return 0;
}

int
log_append(struct aduan_log *l, const struct aduan_event *evs, int n,
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
		return err_case(err, ADUAN_E_IO, l->id, _("log not read to its "
		    "end under an exclusive lock"));
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
		if ((k = line_event(out + len, cap - len, prev, ++seq, now,
		    &seal, utcoff, hash)) == 0)
			goto toolong;
		len += k;
		memcpy(prev, hash, 65);
	}
	for (i = 0; i < n; i++) {
		if ((k = line_event(out + len, cap - len, prev, ++seq, now,
		    &evs[i], utcoff, hash)) == 0)
			goto toolong;
		len += k;
		memcpy(prev, hash, 65);
	}
	if (fstat(l->fd, &st) == -1) {
		err_case(err, ADUAN_E_IO, l->id, _("cannot read the log: %s"),
		    strerror(errno));
		goto fail;
	}
	if (write_all(&l->store->seam, l->fd, out, len) == -1) {
		int e = errno;

		/* Cut back what went in, so that nothing half is left. */
		while (ftruncate(l->fd, st.st_size) == -1 && errno == EINTR)
			;
		err_case(err, ADUAN_E_IO, l->id, _("cannot write the log: %s; "
		    "nothing was recorded"), strerror(e));
		goto fail;
	}
	if (io_fsync(&l->store->seam, l->fd) == -1) {
		err_case(err, ADUAN_E_IO, l->id, _("the disk did not confirm "
		    "the write (%s); the event is NOT confirmed as recorded"),
		    strerror(errno));
		goto fail;
	}
	free(out);
	l->seq = seq;
	memcpy(l->hash, prev, 65);
	l->torn = 0;
	l->good_end = (long long)st.st_size + (long long)len;
	return 0;
toolong:
	err_case(err, ADUAN_E_USAGE, l->id, _("the event is too long for "
	    "one line (at most %d bytes)"), ADUAN_LINE_MAX);
fail:
	free(out);
	return -1;
}

/* What log_create encodes for each number the store tries. */
struct encoding {
	const char *nomor, *revisi;
	const struct aduan_event *evs;
	int n;
	time_t now;
	long utcoff;
};

static size_t
encode_case(void *arg, const char *id, char *buf, size_t cap)
{
	const struct encoding *e = arg;
	char hash[65];
	size_t len, k;
	int i;

	if ((len = line_header(buf, cap < ADUAN_LINE_MAX ? cap :
	    ADUAN_LINE_MAX, id, e->nomor, e->revisi, hash)) == 0)
		return 0;
	for (i = 0; i < e->n; i++) {
		if ((k = line_event(buf + len, cap - len, hash, i + 1, e->now,
		    &e->evs[i], e->utcoff, hash)) == 0)
			return 0;
		len += k;
	}
	return len;
}

int
log_create(struct aduan_store *st, int year, const char *nomor,
    const char *revisi, const struct aduan_event *evs, int n, time_t now,
    long utcoff, char id[ADUAN_ID_MAX + 1], struct aduan_err *err)
{
	struct encoding e = { nomor, revisi, evs, n, now, utcoff };

	return store_new_case(st, year, encode_case, &e,
	    (size_t)(n + 1) * ADUAN_LINE_MAX, id, err);
}
