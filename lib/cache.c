/*
 * cache.c - what the overdue scan worked out of each open case,
 * remembered for the next scan (aduan-overdue(1), FILES).
 *
 * Trust: a case's line is used again only while its log is the same file
 * (inode), of one link, with the same size and the same modification and
 * status-change times as fstatat gives them.  The status-change time is
 * set by the kernel at every write, rename or chmod, and no one but root
 * can set it back (by setting the system clock): a log changed in any way
 * is read again.  A line is not written for a log changed in the last
 * tenth of a second, whose times a second change could leave as they
 * were.  The
 * file lives in the user's own cache directory ($XDG_CACHE_HOME/aduan,
 * else ~/.cache/aduan), a folder the user owns that no one else may
 * write: another clerk cannot plant what this user's scan believes.  A
 * folder or file not so is not used.  The cache holds no record: missing,
 * cut or wrong in form it is ignored and made again, and nothing that
 * checks the records (verify, the seals, the checkpoint's chain) reads
 * it.
 *
 * A file for each kind of scan ("scan", the overdue scan's; "recap"),
 * named by the kind and the data directory's device and inode:
 *
 *   aduan-cache 2 TAB version TAB sop-hash LF      (the 2 grows with
 *                                                   what replay works out)
 *   id TAB o|c TAB ino TAB size TAB mtime TAB ctime [TAB field]... LF
 *
 * a line a case, o for open/ and c for closed/, numbers in decimal, times
 * as seconds.nanoseconds, then the fields the scan keeps (its payload);
 * the lines in the scan's order, so that the old file is read and the
 * new one written as two streams beside the scan: its memory is a line's,
 * whatever the cases.  The SOP's hash stands for every rule replay
 * followed; a case run under another revision is not remembered.
 *
 * The overdue scan's last field says whether a cron run's checkpoint take
 * went after the log was so (1, else 0): such a log has its head in the
 * checkpoint, and the next cron run leaves it out of its take while the
 * checkpoint file is the one the note "noted-DEV-INO" names, not shorter
 * (aduan_checkpoint_since).  A note is a file of one line beside the
 * caches, under the same rules.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

#define CACHE_MAGIC "aduan-cache 2"
#define CACHE_LINE 8192
#define CACHE_BUF 65536
/*
 * A scan in the directory's order (anyorder) meets its cases as the last
 * one met them while the folder is unchanged; a case that moved or went
 * shows as a line passed over, found among the next WINDOW.
 */
#define WINDOW 32
/*
 * A log changed this recently (nanoseconds) is not remembered: a file's
 * times are the kernel's clock at its last tick, a few milliseconds old,
 * and a second change within that tick could leave them as they were.
 */
#define RACY 100000000LL

struct aduan_cache {
	struct aduan_store *store;
	const struct aduan_sop *sop;
	char path[PATH_MAX];
	char tmp[PATH_MAX];
	char header[128];
	struct timespec t0;	/* lines for logs changed since t0 - RACY wait */
	int in, out;		/* the old file, the new one; -1 when none */
	char ibuf[CACHE_BUF];	/* unread bytes ibuf[istart..iend) */
	size_t istart, iend;
	int ieof;		/* nothing more is read of it */
	char line[CACHE_LINE];	/* the old file's line last read, or "" */
	char hit[CACHE_LINE];	/* what cache_find found last */
	size_t linelen;
	off_t linepos;		/* where it starts in the old file */
	int anyorder;		/* the scan's order is the directory's */
	int noting;		/* lines met are marked noted (the cron run) */
	struct pending {	/* the old file's lines read, not yet used */
		char line[CACHE_LINE];
		size_t len;
		off_t pos;
	} *win;
	int nwin, wfirst;
	off_t ipos;		/* the old file's offset of ibuf[istart] */
	char obuf[CACHE_BUF];
	size_t olen;
	int changed;		/* the new file differs from the old */
	int failed;		/* the new file cannot be written whole */
};

static char base[PATH_MAX - 128];	/* "" while the caches are off */

void
aduan_cache_enable(const char *dir)
{
	if (dir != NULL && dir[0] == '/' && strlen(dir) < sizeof(base))
		memcpy(base, dir, strlen(dir) + 1);
}

int
cache_on(void)
{
	return base[0] != '\0';
}

/* The user's cache folder for aduan, made if missing; 0 or -1. */
int
cache_dir(char *buf, size_t n)
{
	static int made;	/* this process made or found it */
	struct stat sb;
	int r;

	if (base[0] == '\0')
		return -1;
	r = snprintf(buf, n, "%s/aduan", base);
	if (r < 0 || (size_t)r >= n)
		return -1;
	if (!made) {
		(void)mkdir(base, 0700);
		if (mkdir(buf, 0700) == -1 && errno != EEXIST)
			return -1;
		made = 1;
	}
	/* The user's alone: no one else plants what the scan believes. */
	if (lstat(buf, &sb) == -1 || !S_ISDIR(sb.st_mode) ||
	    sb.st_uid != geteuid() || (sb.st_mode & 077) != 0)
		return -1;
	return 0;
}

/* The next line of the old file into c->line; 0 at its end or fault. */
static int
next_line(struct aduan_cache *c)
{
	char *lf;
	ssize_t r;

	c->line[0] = '\0';
	c->linelen = 0;
	c->linepos = c->ipos;
	if (c->in == -1 || c->ieof)
		return 0;
	for (;;) {
		lf = memchr(c->ibuf + c->istart, '\n', c->iend - c->istart);
		if (lf != NULL)
			break;
		if (c->iend - c->istart >= CACHE_LINE)
			goto done;
		memmove(c->ibuf, c->ibuf + c->istart, c->iend - c->istart);
		c->iend -= c->istart;
		c->istart = 0;
		if ((r = read(c->in, c->ibuf + c->iend, sizeof(c->ibuf) -
		    c->iend)) <= 0)
			goto done;
		c->iend += (size_t)r;
	}
	c->linelen = (size_t)(lf - (c->ibuf + c->istart));
	if (c->linelen >= CACHE_LINE)
		goto done;
	memcpy(c->line, c->ibuf + c->istart, c->linelen);
	c->line[c->linelen] = '\0';
	c->linepos = c->ipos;
	c->istart += c->linelen + 1;
	c->ipos += (off_t)c->linelen + 1;
	return 1;
done:
	/* Its end, or a line cut or too long: the rest is not used. */
	c->ieof = 1;
	return 0;
}

static void
put_bytes(struct aduan_cache *c, const char *p, size_t n)
{
	ssize_t w;
	size_t off = 0;

	if (c->out == -1 || c->failed)
		return;
	if (c->olen + n > sizeof(c->obuf)) {
		while (off < c->olen)
			if ((w = write(c->out, c->obuf + off, c->olen - off)) <=
			    0) {
				c->failed = 1;
				return;
			} else
				off += (size_t)w;
		c->olen = 0;
	}
	memcpy(c->obuf + c->olen, p, n);
	c->olen += n;
}

/*
 * The new file, made at the first change: until then it would be the old
 * one's first lines, copied now.  Its header when there was no old file.
 */
static void
changed(struct aduan_cache *c)
{
	char buf[CACHE_BUF];
	off_t off = 0, end;
	ssize_t r;

	c->changed = 1;
	if (c->out != -1 || c->failed)
		return;
	if ((c->out = mkstemp(c->tmp)) == -1) {
		c->failed = 1;
		return;
	}
	/* The old lines used so far: those before the first pending one. */
	end = c->nwin > 0 ? c->win[c->wfirst].pos : c->linepos;
	if (c->in == -1 || end == 0) {
		put_bytes(c, c->header, strlen(c->header));
		put_bytes(c, "\n", 1);
		return;
	}
	while (off < end && !c->failed) {
		size_t n = (size_t)(end - off) < sizeof(buf) ?
		    (size_t)(end - off) : sizeof(buf);

		if ((r = pread(c->in, buf, n, off)) <= 0)
			c->failed = 1;
		else {
			put_bytes(c, buf, (size_t)r);
			off += r;
		}
	}
}

/* The window of pending old lines filled from the old file. */
static void
fill(struct aduan_cache *c)
{
	int max = c->anyorder ? WINDOW : 1;
	struct pending *p;

	while (c->nwin < max && next_line(c)) {
		p = &c->win[(c->wfirst + c->nwin++) % max];
		memcpy(p->line, c->line, c->linelen + 1);
		p->len = c->linelen;
		p->pos = c->linepos;
	}
}

/* The first pending line used or passed over. */
static void
drop(struct aduan_cache *c)
{
	c->wfirst = (c->wfirst + 1) % (c->anyorder ? WINDOW : 1);
	c->nwin--;
	fill(c);
}

/* Whether pending line p is case id's (n bytes). */
static int
line_of(const struct pending *p, const char *id, size_t n)
{
	return p->len > n && p->line[n] == '\t' && memcmp(p->line, id, n) ==
	    0;
}

struct aduan_cache *
aduan_cache_open(struct aduan_store *st, const struct aduan_sop *sop,
    const char *version, const char *kind, int anyorder)
{
	struct aduan_cache *c;
	struct stat sb, db;
	char dir[PATH_MAX - 64], sha[65];
	int n;

	if (fstat(st->dirfd, &db) == -1 || cache_dir(dir, sizeof(dir)) == -1 ||
	    (c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	c->store = st;
	c->sop = sop;
	c->anyorder = anyorder;
	if ((c->win = calloc(anyorder ? WINDOW : 1, sizeof(*c->win))) ==
	    NULL) {
		free(c);
		return NULL;
	}
	clock_gettime(CLOCK_REALTIME, &c->t0);
	revision_sha(sop, sha);
	snprintf(c->header, sizeof(c->header), "%s\t%s\t%s", CACHE_MAGIC,
	    version, sha);
	snprintf(c->path, sizeof(c->path), "%s/%.16s-%jx-%jx", dir, kind,
	    (uintmax_t)db.st_dev, (uintmax_t)db.st_ino);
	n = snprintf(c->tmp, sizeof(c->tmp), "%s.XXXXXX", c->path);
	if (n < 0 || (size_t)n >= sizeof(c->tmp)) {
		free(c->win);
		free(c);
		return NULL;
	}
	c->out = -1;
	/* The old file, if it is this user's own and of this SOP. */
	c->in = open(c->path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (c->in != -1 && (fstat(c->in, &sb) == -1 || !S_ISREG(sb.st_mode) ||
	    sb.st_uid != geteuid() || (sb.st_mode & 077) != 0)) {
		close(c->in);
		c->in = -1;
	}
	if (!next_line(c) || strcmp(c->line, c->header) != 0) {
		if (c->in != -1)
			close(c->in);
		c->in = -1;
		c->changed = 1;
	}
	fill(c);
	return c;
}

/* Parse a decimal at *p up to its TAB or the end; 0 or -1. */
static int
num(const char **p, intmax_t *v)
{
	const char *s = *p;
	int neg = *s == '-';
	intmax_t x = 0;

	s += neg;
	if (*s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (x > (INTMAX_MAX - 9) / 10)
			return -1;
		x = x * 10 + (*s - '0');
	}
	*v = neg ? -x : x;
	*p = s;
	return 0;
}

/* seconds.nanoseconds at *p; 0 or -1. */
static int
stamp(const char **p, struct timespec *ts)
{
	intmax_t s, ns;

	if (num(p, &s) == -1 || **p != '.')
		return -1;
	(*p)++;
	if (num(p, &ns) == -1)
		return -1;
	ts->tv_sec = (time_t)s;
	ts->tv_nsec = (long)ns;
	return 0;
}

int
cache_num(const char **p, long long *v)
{
	intmax_t x;

	if (**p != '\t')
		return -1;
	(*p)++;
	if (num(p, &x) == -1)
		return -1;
	*v = (long long)x;
	return 0;
}

static int
same_file(const struct stat *a, const struct stat *b)
{
	return a->st_ino == b->st_ino && a->st_size == b->st_size &&
	    a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	    a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
	    a->st_ctim.tv_sec == b->st_ctim.tv_sec &&
	    a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

const char *
cache_find(struct aduan_cache *c, const char *id, int closed,
    struct stat *sb)
{
	char name[ADUAN_ID_MAX + 8];
	size_t n = strnlen(id, ADUAN_ID_MAX);
	int max = c != NULL && c->anyorder ? WINDOW : 1, i, j;
	struct pending *p;
	struct stat want;
	const char *q;
	intmax_t v;

	if (c == NULL)
		return NULL;
	if (c->anyorder) {
		/* Among the next lines; those before it are passed over. */
		for (j = 0; j < c->nwin; j++)
			if (line_of(&c->win[(c->wfirst + j) % max], id, n))
				break;
		if (j == c->nwin)
			return NULL;
		for (i = 0; i < j; i++) {
			changed(c);
			drop(c);
		}
	} else
		/* In the scan's order: lines of cases gone are dropped. */
		for (;;) {
			char at[ADUAN_ID_MAX + 1];
			char *tab;

			if (c->nwin == 0)
				return NULL;
			p = &c->win[c->wfirst];
			if (line_of(p, id, n))
				break;
			tab = strchr(p->line, '\t');
			if (tab != NULL && (size_t)(tab - p->line) <=
			    ADUAN_ID_MAX) {
				memcpy(at, p->line, (size_t)(tab - p->line));
				at[tab - p->line] = '\0';
				if (store_cmp_id(at, id) > 0)
					return NULL;
			}
			changed(c);
			drop(c);
		}
	p = &c->win[c->wfirst];
	memset(&want, 0, sizeof(want));
	memcpy(name, id, n);
	memcpy(name + n, ".log", 5);
	q = p->line + n;
	if (q[0] != '\t' || q[1] != (closed ? 'c' : 'o') || q[2] != '\t')
		goto miss;
	q += 3;
	if (num(&q, &v) == -1 || (want.st_ino = (ino_t)v, *q++ != '\t') ||
	    num(&q, &v) == -1 || (want.st_size = (off_t)v, *q++ != '\t') ||
	    stamp(&q, &want.st_mtim) == -1 || *q++ != '\t' ||
	    stamp(&q, &want.st_ctim) == -1)
		goto miss;
	if (fstatat(closed ? c->store->closedfd : c->store->openfd, name, sb,
	    AT_SYMLINK_NOFOLLOW) == -1 || !S_ISREG(sb->st_mode) ||
	    sb->st_nlink != 1 || !same_file(sb, &want))
		goto miss;
	memcpy(c->hit, q, p->len - (size_t)(q - p->line) + 1);
	/* The cron run's take goes after it: its line says so from now. */
	if (c->noting && p->len > 2 && memcmp(p->line + p->len - 2, "\t0",
	    2) == 0) {
		changed(c);
		p->line[p->len - 1] = '1';
	}
	if (c->out != -1) {
		put_bytes(c, p->line, p->len);
		put_bytes(c, "\n", 1);
	}
	drop(c);
	return c->hit;
miss:
	changed(c);
	drop(c);
	return NULL;
}

/* A decimal into p; its length. */
static size_t
fmt_num(char *p, intmax_t v)
{
	char t[24];
	uintmax_t u = v < 0 ? -(uintmax_t)v : (uintmax_t)v;
	size_t n = 0, k = 0;

	do
		t[n++] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		p[k++] = '-';
	while (n > 0)
		p[k++] = t[--n];
	return k;
}

size_t
cache_put_num(char *p, long long v)
{
	p[0] = '\t';
	return 1 + fmt_num(p + 1, (intmax_t)v);
}

/* Whether t is less than RACY before t0 (or after it). */
static int
recent(const struct timespec *t, const struct timespec *t0)
{
	long long d = ((long long)t0->tv_sec - (long long)t->tv_sec) *
	    1000000000LL + (t0->tv_nsec - t->tv_nsec);

	return d < RACY;
}

void
cache_keep(struct aduan_cache *c, const char *id,
    const struct aduan_case *cs, const char *payload, size_t plen)
{
	const struct stat *sb;
	char line[96];
	size_t n;
	int closed;

	if (c == NULL)
		return;
	changed(c);
	sb = case_file(cs, &closed);
	/* Only what is sure to read the same next time. */
	if (aduan_case_sop(cs) != c->sop || recent(&sb->st_ctim, &c->t0) ||
	    recent(&sb->st_mtim, &c->t0) || payload == NULL ||
	    plen + sizeof(line) >= CACHE_LINE)
		return;
	n = strnlen(id, ADUAN_ID_MAX);
	memcpy(line, id, n);
	line[n++] = '\t';
	line[n++] = closed ? 'c' : 'o';
	n += cache_put_num(line + n, (long long)sb->st_ino);
	n += cache_put_num(line + n, (long long)sb->st_size);
	n += cache_put_num(line + n, (long long)sb->st_mtim.tv_sec);
	line[n++] = '.';
	n += fmt_num(line + n, (intmax_t)sb->st_mtim.tv_nsec);
	n += cache_put_num(line + n, (long long)sb->st_ctim.tv_sec);
	line[n++] = '.';
	n += fmt_num(line + n, (intmax_t)sb->st_ctim.tv_nsec);
	put_bytes(c, line, n);
	put_bytes(c, payload, plen);
	put_bytes(c, "\n", 1);
}

/* ---- the overdue scan's: the wait of each open case ---- */

int
aduan_cache_get(struct aduan_cache *c, const char *id, struct aduan_wait *w)
{
	struct stat sb;
	const char *p = cache_find(c, id, 0, &sb);
	long long v[5];
	int i;

	if (p == NULL)
		return 0;
	for (i = 0; i < 5; i++)
		if (cache_num(&p, &v[i]) == -1)
			return 0;
	if (*p != '\0' || v[0] < 0 || v[0] > 999 || v[4] < 0 || v[4] > 1)
		return 0;
	memset(w, 0, sizeof(*w));
	w->sop = c->sop;
	w->next = (int)v[0];
	w->start = (time_t)v[1];
	w->flagged_for = (time_t)v[2];
	w->warned_for = (time_t)v[3];
	w->size = (long long)sb.st_size;
	w->noted = (int)v[4];
	return 1;
}

void
aduan_cache_put(struct aduan_cache *c, const char *id,
    const struct aduan_case *cs, int noted)
{
	struct aduan_wait w;
	char p[128];
	size_t n = 0;
	long long off, len;
	int closed;

	if (c == NULL)
		return;
	aduan_case_wait(cs, &w);
	(void)case_file(cs, &closed);
	if (closed || aduan_case_torn(cs, &off, &len)) {
		cache_keep(c, id, cs, NULL, 0);
		return;
	}
	n += cache_put_num(p + n, w.next);
	n += cache_put_num(p + n, (long long)w.start);
	n += cache_put_num(p + n, (long long)w.flagged_for);
	n += cache_put_num(p + n, (long long)w.warned_for);
	n += cache_put_num(p + n, noted != 0);
	cache_keep(c, id, cs, p, n);
}

void
aduan_cache_noting(struct aduan_cache *c)
{
	if (c != NULL)
		c->noting = 1;
}

void
aduan_cache_close(struct aduan_cache *c, int whole)
{
	ssize_t w;
	size_t off = 0;

	if (c == NULL)
		return;
	/* Old lines left over are of cases the scan no longer met. */
	if (whole && (c->nwin > 0 || (c->in != -1 && next_line(c))))
		changed(c);
	if (c->out == -1) {
		if (c->in != -1)
			close(c->in);
		free(c->win);
		free(c);
		return;
	}
	while (!c->failed && off < c->olen)
		if ((w = write(c->out, c->obuf + off, c->olen - off)) <= 0)
			c->failed = 1;
		else
			off += (size_t)w;
	if (close(c->out) == -1)
		c->failed = 1;
	/* Kept only when it says all the scan saw. */
	if (!whole || c->failed || rename(c->tmp, c->path) == -1)
		(void)unlink(c->tmp);
	if (c->in != -1)
		close(c->in);
	free(c->win);
	free(c);
}

/* ---- the notes ---- */

/* The path of kind's note for the store's data directory; 0 or -1. */
static int
note_path(struct aduan_store *st, const char *kind, char *buf, size_t n)
{
	char dir[PATH_MAX - 64];
	struct stat db;
	int r;

	if (fstat(st->dirfd, &db) == -1 || cache_dir(dir, sizeof(dir)) == -1)
		return -1;
	r = snprintf(buf, n, "%s/%.16s-%jx-%jx", dir, kind,
	    (uintmax_t)db.st_dev, (uintmax_t)db.st_ino);
	return r < 0 || (size_t)r >= n ? -1 : 0;
}

int
aduan_cache_note_get(struct aduan_store *st, const char *kind, char *buf,
    size_t cap)
{
	char path[PATH_MAX];
	struct stat sb;
	ssize_t n;
	int fd;

	if (cap == 0 || note_path(st, kind, path, sizeof(path)) == -1 ||
	    (fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC)) == -1)
		return -1;
	n = fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode) || sb.st_nlink != 1 ||
	    sb.st_uid != geteuid() || (sb.st_mode & 077) != 0 ? -1 :
	    read(fd, buf, cap - 1);
	close(fd);
	if (n <= 0 || buf[n - 1] != '\n')
		return -1;
	buf[n - 1] = '\0';
	return memchr(buf, '\n', (size_t)n - 1) == NULL &&
	    memchr(buf, '\0', (size_t)n - 1) == NULL ? 0 : -1;
}

void
aduan_cache_note_put(struct aduan_store *st, const char *kind,
    const char *line)
{
	char path[PATH_MAX], tmp[PATH_MAX];
	size_t len = strlen(line);
	int fd, ok;

	if (note_path(st, kind, path, sizeof(path)) == -1 ||
	    snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path) >= (int)sizeof(tmp) ||
	    (fd = mkstemp(tmp)) == -1)
		return;
	ok = write(fd, line, len) == (ssize_t)len && write(fd, "\n", 1) == 1;
	if (close(fd) == -1 || !ok || rename(tmp, path) == -1)
		(void)unlink(tmp);
}
