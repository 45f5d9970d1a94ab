/*
 * checkpoint.c - a witness kept outside the case logs: the head (number
 * of events, size, hash of the last line) of every case, as it was when a
 * checkpoint was taken.  A chain inside a file cannot show that the file
 * was cut after its last good line, or rewritten whole with new hashes;
 * its head, written down elsewhere, can.
 *
 *   DATA/checkpoint.log   line 1: "aduan-checkpoint 1" TAB hash
 *                         then:   seq TAB taken TAB id TAB events TAB size
 *                                 TAB head [TAB open|closed] TAB hash
 *
 * chained as the case logs are (aduan-log(5)).  A checkpoint appends a
 * line only for the cases whose size changed since their last line, under
 * an exclusive flock of the file, then fsync (a take that fails is cut
 * back to where it began, under the same lock).  It never
 * launders: a log whose noted head is no longer in it (cut, rewritten) is
 * not noted again but named, and its old head kept.  A case it saw open
 * and finds gone from open/ is looked for in closed/, so that the cron run
 * witnesses each case as it closes.  The file is made with the first case
 * of a data directory: a missing one was removed.
 *
 * Snapshots keep the cron run's reading in proportion to the open cases,
 * not to the file's history: when the lines since the last snapshot
 * outnumber twice the open cases (and 64), the cron run appends
 *
 *                         seq TAB taken TAB "snapshot" TAB n TAB hash
 *
 * then a line for each of the n open cases, its head as noted (an old
 * head kept never-laundered stays as it was), kept in a spool file
 * until the take knows n.  The heads read are sorted in runs and merged
 * in the scan's order (heads.c), so that neither a take nor verify holds
 * one for each case.  The cron run reads from
 * the last snapshot line on, found from the end of the file; verify and
 * aduan checkpoint read the whole file, snapshots as any line.
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

#define CP_MAGIC "aduan-checkpoint 1"
#define CP_NAME "checkpoint.log"
#define CP_SNAP "snapshot"
/* The longest line of the file, with room: a snapshot line is whole in
   any window of the file this long that ends after it. */
#define CP_LINE_MAX 512

struct head {
	char id[ADUAN_ID_MAX + 1];
	long events;
	long long size;
	char hash[65];
	int closed;		/* seen in closed/ */
};

struct aduan_checkpoint {
	/*
	 * The cron run's reading: the stored hashes trusted (verify checks
	 * the witness's own chain), and given only, the heads of those IDs
	 * alone kept, the logs its scan saw change.
	 */
	int trust;
	char (*only)[ADUAN_ID_MAX + 2];
	size_t nonly;
	int filter;		/* only is given */
	/*
	 * The heads, handed out in ID order from sorted runs (heads.c), in
	 * a memory that does not grow with the cases; asked in the scan's
	 * order, which is the same.
	 */
	struct heads *hs;
	long seq;
	long snap;		/* the seq of the last snapshot line, or 0 */
	char last[65];		/* the chain hash of the last line */
	int fd;
};

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(a, b);
}

/*
 * The offset of the last snapshot line of the file on fd, size bytes
 * long, read back from its end in windows that overlap by a line; 0 when
 * it has none.
 */
static off_t
last_snapshot(int fd, off_t size)
{
	static const char pat[] = "\t" CP_SNAP "\t";
	char buf[65536];
	off_t end = size, start;
	const char *p, *q, *hit;
	ssize_t n;

	for (;;) {
		start = end > (off_t)sizeof(buf) ? end - (off_t)sizeof(buf) : 0;
		if ((n = pread(fd, buf, (size_t)(end - start), start)) !=
		    end - start)
			return 0;
		for (hit = NULL, p = buf; (q = memmem(p, (size_t)(buf + n - p),
		    pat, sizeof(pat) - 1)) != NULL; p = q + 1)
			hit = q;
		if (hit != NULL) {
			for (q = hit; q > buf && q[-1] != '\n'; q--)
				;
			if (q > buf || start == 0)
				return start + (q - buf);
			/* Its start is in the window before. */
		}
		if (start == 0)
			return 0;
		end = start + CP_LINE_MAX;
	}
}

/* The decimal the field s starts with, as aduan writes it (atoll's). */
static long long
decimal(const char *s)
{
	long long v = 0;

	for (; *s >= '0' && *s <= '9' && v < LLONG_MAX / 10 - 9; s++)
		v = v * 10 + (*s - '0');
	return v;
}

/*
 * Read the file on fd from its offset on, checking its chain (from the
 * header: at offset 0) or trusting it (the cron run, from a snapshot).
 */
static int
load(struct aduan_checkpoint *cp, int fd, struct aduan_err *err)
{
	char *line = NULL, *f[8], hash[65];
	size_t cap = 0;
	ssize_t len;
	long lineno = 0, owed = 0;	/* heads a snapshot line promised */
	FILE *in;
	int dfd, n, mid = lseek(fd, 0, SEEK_CUR) > 0;

	if (mid)
		lineno = 1;	/* past the header: its snapshot is line 2 */
	if ((dfd = dup(fd)) == -1 || (in = fdopen(dfd, "r")) == NULL)
		return err_set(err, ADUAN_E_IO, _("cannot read the checkpoint: "
		    "%s"), strerror(errno));
	while ((len = getline(&line, &cap, in)) > 0) {
		char *tab;
		struct head h;

		lineno++;
		if (line[len - 1] != '\n' || (tab = strrchr(line, '\t')) ==
		    NULL || strlen(tab + 1) != 65)
			goto bad;
		line[--len] = '\0';
		if (cp->trust)
			memcpy(hash, tab + 1, 65);
		else
			line_hash(lineno == 1 ? NULL : cp->last, line,
			    (size_t)(tab - line), hash);
		if (memcmp(hash, tab + 1, 65) != 0)
			goto bad;
		memcpy(cp->last, hash, 65);
		*tab = '\0';
		if (lineno == 1) {
			if (strcmp(line, CP_MAGIC) != 0)
				goto bad;
			continue;
		}
		for (n = 0, f[0] = line; n < 7 && f[n] != NULL; n++)
			if ((f[n + 1] = strchr(f[n], '\t')) != NULL)
				*f[n + 1]++ = '\0';
		if (n == 4 && strcmp(f[2], CP_SNAP) == 0) {
			if (owed > 0 || (owed = atol(f[3])) < 0)
				goto bad;
			cp->seq = cp->snap = atol(f[0]);
			continue;
		}
		/* A snapshot's heads are the open cases', each a line. */
		if (owed > 0 && (n != 7 || f[6][0] != 'o'))
			goto bad;
		owed -= owed > 0;
		if ((n != 6 && n != 7) || aduan_id_check(f[2], NULL) == -1 ||
		    strlen(f[5]) != 64 || (n == 7 && strcmp(f[6], "open") != 0 &&
		    strcmp(f[6], "closed") != 0))
			goto bad;
		memset(&h, 0, sizeof(h));
		h.closed = n == 7 && f[6][0] == 'c';
		memcpy(h.id, f[2], strlen(f[2]) + 1);	/* checked: it fits */
		h.events = (long)decimal(f[3]);
		h.size = decimal(f[4]);
		memcpy(h.hash, f[5], 65);
		cp->seq = (long)decimal(f[0]);
		if (cp->filter && (cp->nonly == 0 || bsearch(h.id, cp->only,
		    cp->nonly, sizeof(*cp->only), cmp_name) == NULL))
			continue;
		if ((n = heads_add(cp->hs, h.id, h.events, h.size, h.closed,
		    h.hash, (uint32_t)lineno)) != 0) {
			if (n == -2)
				goto bad;
			fclose(in);
			free(line);
			return err_set(err, ADUAN_E_IO, _("out of memory"));
		}
	}
	fclose(in);
	free(line);
	if (owed > 0) {
		lineno++;
		goto bad_closed;
	}
	lseek(fd, 0, SEEK_END);
	if (heads_done(cp->hs) == -1)
		return heads_failed(err);
	return 0;
bad:
	fclose(in);
	free(line);
bad_closed:
	if (mid)
		return err_set(err, ADUAN_E_CORRUPT, _("checkpoint.log: line %ld "
		    "from its last snapshot does not verify; the witness itself "
		    "was altered"), lineno - 1);
	return err_set(err, ADUAN_E_CORRUPT, _("checkpoint.log: line %ld does "
	    "not verify; the witness itself was altered"), lineno);
}

/* Open and read the checkpoint; with write, locked for a new one. */
static struct aduan_checkpoint *
cp_open(struct aduan_store *st, int write, int cron, int filter,
    char (*only)[ADUAN_ID_MAX + 2], size_t nonly, struct aduan_err *err)
{
	struct aduan_checkpoint *cp;
	struct stat sb;

	if ((cp = calloc(1, sizeof(*cp))) == NULL) {
		err_set(err, ADUAN_E_IO, _("out of memory"));
		return NULL;
	}
	cp->only = only;
	cp->nonly = nonly;
	cp->trust = cron;
	cp->filter = filter;
	/* verify keeps the heads it is never asked for: missing logs. */
	if ((cp->hs = heads_new(!write && !cron)) == NULL) {
		free(cp);
		err_set(err, ADUAN_E_IO, _("out of memory"));
		return NULL;
	}
	cp->fd = open_beneath(st->dirfd, CP_NAME, write ? O_RDWR | O_APPEND |
	    O_CREAT : O_RDONLY, 0660);
	if (cp->fd == -1 && errno == ENOENT) {
		/* Made with the first case: a missing one was removed. */
		err_at(err, ADUAN_E_NOTFOUND, CP_NAME, 0, 0, _("the witness of "
		    "the case heads is missing: it was removed"));
		aduan_checkpoint_close(cp);
		return NULL;
	}
	if (cp->fd == -1 || lock_wait(cp->fd, write ? LOCK_EX : LOCK_SH,
	    st->wait) == -1 || check_plain(cp->fd, &sb) == -1) {
		err_set(err, errno == EWOULDBLOCK ? ADUAN_E_LOCKED :
		    ADUAN_E_IO, _("cannot open the checkpoint: %s"),
		    strerror(errno));
		aduan_checkpoint_close(cp);
		return NULL;
	}
	if (write)
		fchmod(cp->fd, 0660);
	if (cron && sb.st_size > 0)
		lseek(cp->fd, last_snapshot(cp->fd, sb.st_size), SEEK_SET);
	/* An empty file (a new one) reads as no heads. */
	if (load(cp, cp->fd, err) == -1) {
		aduan_checkpoint_close(cp);
		return NULL;
	}
	return cp;
}

struct aduan_checkpoint *
aduan_checkpoint_open(struct aduan_store *st, struct aduan_err *err)
{
	return cp_open(st, 0, 0, 0, NULL, 0, err);
}

void
aduan_checkpoint_close(struct aduan_checkpoint *cp)
{
	if (cp == NULL)
		return;
	if (cp->fd != -1)
		close(cp->fd);
	heads_free(cp->hs);
	free(cp);
}

int
checkpoint_head(struct aduan_checkpoint *cp, const char *id,
    long *events, const char **hash)
{
	return heads_get(cp->hs, id, events, NULL, NULL, hash);
}

int
checkpoint_drain(struct aduan_checkpoint *cp)
{
	return heads_drain(cp->hs);
}

const char *
checkpoint_id_at(const struct aduan_checkpoint *cp, size_t i, int *met,
    long *events)
{
	return heads_at(cp->hs, i, met, events);
}

struct taking {
	struct aduan_store *st;
	struct aduan_checkpoint *cp;
	char *out;
	size_t len, cap;
	time_t now;
	long utcoff;
	int added;
	struct aduan_err *err;
	int failed;
	int flush;		/* out may be written as it fills */
	size_t flushed;		/* bytes of it written so */
	/*
	 * The heads a snapshot would hold, each open case's as the take
	 * leaves it, in a file of its own (none to be had: no snapshot).
	 */
	int spooling;
	FILE *spool;
	size_t nspool;
	void (*skipped)(const struct aduan_err *, void *);
	void *arg;
};

/* A take writes what it adds in whole lines, about this much at a time. */
#define CP_CHUNK 65536

/* A log the checkpoint does not note: said, and the others go on. */
static int
skip(struct taking *t, const char *id, const char *why)
{
	struct aduan_err e;

	if (why != NULL) {
		err_case(&e, ADUAN_E_CORRUPT, id, "%s", why);
		err_hint(&e, ADUAN_HINT_VERIFY, 0);
	} else
		e = *t->err;
	if (t->skipped != NULL)
		t->skipped(&e, t->arg);
	return 0;
}

static int emit_head(struct taking *, const struct head *);
static int take_sized(struct taking *, const char *, int, long long);

static int
take_one(const char *id, int closed, void *arg)
{
	return take_sized(arg, id, closed, -1);
}

/*
 * Head h, as the take leaves it, for the snapshot if one is due; a spool
 * that cannot be made or written ends the spooling (no snapshot).
 */
static void
spool(struct taking *t, const struct head *h)
{
	int fd;

	if (!t->spooling || h->closed)
		return;
	if (t->spool == NULL && ((fd = io_tmpfile()) == -1 ||
	    (t->spool = fdopen(fd, "w+")) == NULL)) {
		if (fd != -1)
			close(fd);
		t->spooling = 0;
		return;
	}
	if (fwrite(h, sizeof(*h), 1, t->spool) != 1)
		t->spooling = 0;
	t->nspool++;
}

/*
 * One case: if its log changed since its last line, note its head.  size
 * is the log's as the caller just saw it, or -1 to look.
 */
static int
take_sized(struct taking *t, const char *id, int closed, long long size)
{
	char name[ADUAN_ID_MAX + 8], at[65] = "";
	struct head oldh, h, *old = NULL;
	const struct head *kept;
	struct aduan_event ev;
	struct aduan_log *l;
	struct stat sb;
	const char *hash;
	long seq;
	long long end;
	int r;

	memset(&oldh, 0, sizeof(oldh));
	if ((r = heads_get(t->cp->hs, id, &oldh.events, &oldh.size,
	    &oldh.closed, &hash)) == -1) {
		heads_failed(t->err);
		return t->failed = -1;
	}
	if (r == 1) {
		old = &oldh;
		snprintf(old->id, sizeof(old->id), "%s", id);
		memcpy(old->hash, hash, 65);
	}
	/* Unless noted anew, the snapshot keeps the old head, as noted. */
	kept = old;
	snprintf(name, sizeof(name), "%s.log", id);
	if (size < 0 && fstatat(closed ? t->st->closedfd : t->st->openfd, name,
	    &sb, AT_SYMLINK_NOFOLLOW) == 0)
		size = (long long)sb.st_size;
	if (size >= 0 && old != NULL && old->size == size &&
	    old->closed == closed)
		goto done;
	if ((l = log_open(t->st, id, ADUAN_READ, NULL, t->err)) == NULL) {
		if (t->err->cat != ADUAN_E_CORRUPT)
			return t->failed = -1;
		skip(t, id, NULL);
		goto done;
	}
	while ((r = log_next(l, &ev, t->err)) == 1)
		if (old != NULL && ev.seq == old->events)
			log_head(l, &seq, &end, at);
	memset(&h, 0, sizeof(h));
	snprintf(h.id, sizeof(h.id), "%s", id);
	log_head(l, &h.events, &h.size, h.hash);
	h.closed = closed;
	log_close(l);
	if (r == -1 && t->err->cat != ADUAN_E_CORRUPT)
		return t->failed = -1;
	if (r == -1) {	/* a broken chain is not witnessed: verify says where */
		skip(t, id, NULL);
		goto done;
	}
	/* Never launder: what was noted must still be in the log. */
	if (old != NULL && (h.events < old->events || strcmp(at, old->hash))) {
		skip(t, id, _("the log no longer holds the head the checkpoint "
		    "noted (cut or rewritten); it is not noted again"));
		goto done;
	}
	if (old != NULL && old->events == h.events &&
	    strcmp(old->hash, h.hash) == 0 && old->closed == closed)
		goto done;
	if (emit_head(t, &h) == -1)
		return t->failed = -1;
	t->added++;
	kept = &h;
done:
	if (kept != NULL)
		spool(t, kept);
	return 0;
}

/* A line of body, n bytes, chained and added to what the take writes. */
static int
emit(struct taking *t, const char *body, size_t n)
{
	char hash[65];

	line_hash(t->cp->last, body, n, hash);
	if (t->flush && t->len + n + 80 > CP_CHUNK && t->len > 0) {
		/* Held under the exclusive lock: no reader sees it yet. */
		if (write_all(&t->st->seam, t->cp->fd, t->out, t->len) == -1)
			return err_set(t->err, ADUAN_E_IO, _("cannot write the "
			    "checkpoint: %s"), strerror(errno));
		t->flushed += t->len;
		t->len = 0;
	}
	if (t->len + n + 80 > t->cap) {
		void *p = realloc(t->out, t->cap = t->cap * 2 + n + 80);

		if (p == NULL)
			return err_set(t->err, ADUAN_E_IO, _("out of memory"));
		t->out = p;
	}
	t->len += (size_t)sprintf(t->out + t->len, "%s\t%s\n", body, hash);
	memcpy(t->cp->last, hash, 65);
	t->cp->seq++;
	return 0;
}

/* The line of head h. */
static int
emit_head(struct taking *t, const struct head *h)
{
	char body[256], when[32];
	int n;

	n = snprintf(body, sizeof(body), "%ld\t%s\t%s\t%ld\t%lld\t%s\t%s",
	    t->cp->seq + 1, aduan_time_fmt(t->now, t->utcoff, when), h->id,
	    h->events, h->size, h->hash, h->closed ? "closed" : "open");
	return emit(t, body, (size_t)n);
}

/*
 * The cron run's snapshot, when the lines since the last one outnumber
 * twice the open cases and 64: a line saying how many, then the head of
 * each open case the take met, as noted, read back from the spool.  With
 * no spool to be had, the snapshot waits for a run that has one.
 */
static int
snapshot(struct taking *t)
{
	struct aduan_checkpoint *cp = t->cp;
	char body[128], when[32];
	struct head h;
	size_t i, n = t->nspool;
	int k;

	if (!t->spooling || cp->seq - cp->snap <= 2 * (long)n + 64)
		return 0;
	if (t->spool != NULL && (fflush(t->spool) == EOF ||
	    fseek(t->spool, 0, SEEK_SET) == -1))
		return err_set(t->err, ADUAN_E_IO, _("cannot read the heads "
		    "back for the snapshot: %s"), strerror(errno));
	k = snprintf(body, sizeof(body), "%ld\t%s\t" CP_SNAP "\t%zu",
	    cp->seq + 1, aduan_time_fmt(t->now, t->utcoff, when), n);
	if (emit(t, body, (size_t)k) == -1)
		return -1;
	cp->snap = cp->seq;
	for (i = 0; i < n; i++) {
		if (fread(&h, sizeof(h), 1, t->spool) != 1)
			return err_set(t->err, ADUAN_E_IO, _("cannot read the "
			    "heads back for the snapshot: %s"), strerror(errno));
		if (emit_head(t, &h) == -1)
			return -1;
	}
	return 0;
}

/* The header of a new checkpoint file into t->out. */
static int
header(struct taking *t)
{
	char hash[65];

	line_hash(NULL, CP_MAGIC, strlen(CP_MAGIC), hash);
	if ((t->out = malloc(t->cap = 4096)) == NULL)
		return -1;
	t->len = (size_t)sprintf(t->out, "%s\t%s\n", CP_MAGIC, hash);
	memcpy(t->cp->last, hash, 65);
	return 0;
}

int
checkpoint_note(struct aduan_store *st, const char *id, long events,
    long long end, const char *head, time_t now, long utcoff,
    struct aduan_err *err)
{
	struct aduan_checkpoint cp;
	char tail[1024], body[256], when[32], hash[65], *nl, *tab;
	struct stat sb;
	ssize_t n;
	int r, k;

	memset(&cp, 0, sizeof(cp));
	if ((cp.fd = open_beneath(st->dirfd, CP_NAME, O_RDWR | O_APPEND, 0)) ==
	    -1 || lock_wait(cp.fd, LOCK_EX, st->wait) == -1 ||
	    check_plain(cp.fd, &sb) == -1) {
		r = errno;
		if (cp.fd != -1)
			close(cp.fd);
		return r == ENOENT ? 0 : err_set(err, ADUAN_E_IO, _("cannot "
		    "open the checkpoint: %s"), strerror(r));
	}
	/* The chain goes on from the last line: only the tail is read. */
	n = pread(cp.fd, tail, sizeof(tail) - 1, sb.st_size > (off_t)sizeof(
	    tail) - 1 ? sb.st_size - (off_t)sizeof(tail) + 1 : 0);
	if (n <= 0 || tail[n - 1] != '\n') {
		close(cp.fd);
		return err_set(err, ADUAN_E_CORRUPT, _("checkpoint.log: its last "
		    "line is not whole"));
	}
	tail[n - 1] = '\0';
	nl = strrchr(tail, '\n');
	nl = nl ? nl + 1 : tail;
	tab = strrchr(nl, '\t');
	cp.seq = strchr(nl, '\t') == tab ? 0 : atol(nl);
	if (tab == NULL || strlen(tab + 1) != 64) {
		close(cp.fd);
		return err_set(err, ADUAN_E_CORRUPT, _("checkpoint.log: its last "
		    "line is not whole"));
	}
	memcpy(cp.last, tab + 1, 65);
	k = snprintf(body, sizeof(body), "%ld\t%s\t%s\t%ld\t%lld\t%s\tclosed",
	    cp.seq + 1, aduan_time_fmt(now, utcoff, when), id, events, end,
	    head);
	line_hash(cp.last, body, (size_t)k, hash);
	k = snprintf(tail, sizeof(tail), "%s\t%s\n", body, hash);
	r = write_all(&st->seam, cp.fd, tail, (size_t)k) == -1 ||
	    io_fsync(&st->seam, cp.fd) == -1 ? -1 : 0;
	if (r == -1) {
		(void)ftruncate(cp.fd, sb.st_size);
		err_set(err, ADUAN_E_IO, _("cannot write the checkpoint: %s"),
		    strerror(errno));
	}
	close(cp.fd);
	return r;
}

int
checkpoint_init(struct aduan_store *st, struct aduan_err *err)
{
	struct taking t;
	struct stat sb;
	int r = 0;

	memset(&t, 0, sizeof(t));
	if (faccessat(st->dirfd, CP_NAME, F_OK, AT_SYMLINK_NOFOLLOW) == 0)
		return 0;
	if ((t.cp = cp_open(st, 1, 0, 0, NULL, 0, err)) == NULL)
		return -1;
	if (fstat(t.cp->fd, &sb) == 0 && sb.st_size == 0 && (header(&t) == -1 ||
	    write_all(&st->seam, t.cp->fd, t.out, t.len) == -1 ||
	    io_fsync(&st->seam, t.cp->fd) == -1 ||
	    io_fsync(&st->seam, st->dirfd) == -1))
		r = err_set(err, ADUAN_E_IO, _("cannot write the checkpoint: "
		    "%s; nothing was recorded"), strerror(errno));
	free(t.out);
	aduan_checkpoint_close(t.cp);
	return r;
}

/* The IDs of the open cases, collected by a scan. */
struct ids {
	char (*ids)[ADUAN_ID_MAX + 2];
	size_t n, cap;
};

static int
collect(const char *id, int closed, void *arg)
{
	struct ids *o = arg;

	(void)closed;
	if (o->n == o->cap) {
		void *p = realloc(o->ids, (o->cap = o->cap ? o->cap * 2 : 256) *
		    sizeof(*o->ids));

		if (p == NULL)
			return -1;
		o->ids = p;
	}
	snprintf(o->ids[o->n++], sizeof(*o->ids), "%s", id);
	return 0;
}

/*
 * A take: of every case (all), or of the open ones: those listed again
 * (seen NULL), or the nseen of seen, of nopen open cases in all (nopen is
 * nseen when seen are all of them).
 */
static int
take(struct aduan_store *st, int all, const struct aduan_seen *seen,
    size_t nseen, size_t nopen, time_t now, long utcoff, int *added,
    void (*skipped)(const struct aduan_err *, void *), void *arg,
    struct aduan_err *err)
{
	struct ids open = { NULL, 0, 0 };
	struct taking t;
	struct stat sb;
	size_t i;
	int r = 0;

	memset(&t, 0, sizeof(t));
	t.st = st;
	t.now = now;
	t.utcoff = utcoff;
	t.err = err;
	t.skipped = skipped;
	t.arg = arg;
	/*
	 * The cron run (open cases only) reads the witness from its last
	 * snapshot, trusting its stored hashes (verify checks the witness's
	 * chain); given the cases that changed, it keeps their heads alone.
	 * A case that closes is noted as it closes (checkpoint_note).
	 */
	for (i = 0; i < nseen; i++)
		if (collect(seen[i].id, 0, &open) == -1) {
			free(open.ids);
			return err_set(err, ADUAN_E_IO, _("out of memory"));
		}
	if (open.n > 0)
		qsort(open.ids, open.n, sizeof(*open.ids), cmp_name);
	if ((t.cp = cp_open(st, 1, !all, seen != NULL, open.ids, open.n,
	    err)) == NULL) {
		free(open.ids);
		return -1;
	}
	/*
	 * Given some of the open cases, the others unchanged since a take:
	 * when a snapshot is due, which holds them all, every one is taken.
	 */
	if (seen != NULL && nopen > nseen &&
	    t.cp->seq - t.cp->snap > 2 * (long)nopen + 64) {
		aduan_checkpoint_close(t.cp);
		free(open.ids);
		return take(st, 0, NULL, 0, 0, now, utcoff, added, skipped,
		    arg, err);
	}
	if (fstat(t.cp->fd, &sb) == 0 && sb.st_size == 0 && header(&t) == -1) {
		aduan_checkpoint_close(t.cp);
		free(open.ids);
		return err_set(err, ADUAN_E_IO, _("out of memory"));
	}
	t.flush = 1;
	t.spooling = !all && (seen == NULL || nopen == nseen);
	if (seen == NULL)
		r = aduan_store_scan(st, all, take_one, &t, err);
	for (i = 0; i < nseen && r == 0 && t.failed == 0; i++)
		r = take_sized(&t, seen[i].id, 0, seen[i].size);
	if (r == 0 && t.failed == 0 && !all && (seen == NULL ||
	    nopen == nseen) && snapshot(&t) == -1)
		t.failed = -1;
	if (r == 0 && t.failed == 0 && t.len + t.flushed > 0 &&
	    (write_all(&st->seam, t.cp->fd, t.out, t.len) == -1 ||
	    io_fsync(&st->seam, t.cp->fd) == -1)) {
		err_set(err, ADUAN_E_IO, _("cannot write the checkpoint: %s"),
		    strerror(errno));
		r = -1;
	}
	/* Nothing of a take that failed stays. */
	if ((r != 0 || t.failed) && t.flushed + t.len > 0)
		(void)ftruncate(t.cp->fd, sb.st_size);
	*added = t.added;
	free(t.out);
	if (t.spool != NULL)
		fclose(t.spool);
	aduan_checkpoint_close(t.cp);
	free(open.ids);
	return r != 0 || t.failed ? -1 : 0;
}

int
aduan_checkpoint_take(struct aduan_store *st, int all, time_t now,
    long utcoff, int *added, void (*skipped)(const struct aduan_err *,
    void *), void *arg, struct aduan_err *err)
{
	return take(st, all, NULL, 0, 0, now, utcoff, added, skipped, arg,
	    err);
}

int
aduan_checkpoint_take_seen(struct aduan_store *st,
    const struct aduan_seen *seen, size_t n, size_t nopen, time_t now,
    long utcoff, int *added, struct aduan_err *err)
{
	static const struct aduan_seen none;

	return take(st, 0, n > 0 ? seen : &none, n, nopen < n ? n : nopen,
	    now, utcoff, added, NULL, NULL, err);
}

int
aduan_checkpoint_stamp(struct aduan_store *st, char *buf, size_t cap)
{
	struct stat sb;
	int r;

	if (fstatat(st->dirfd, CP_NAME, &sb, AT_SYMLINK_NOFOLLOW) == -1 ||
	    !S_ISREG(sb.st_mode))
		return -1;
	r = snprintf(buf, cap, "checkpoint\t%jx\t%jx\t%jd",
	    (uintmax_t)sb.st_dev, (uintmax_t)sb.st_ino, (intmax_t)sb.st_size);
	return r < 0 || (size_t)r >= cap ? -1 : 0;
}

int
aduan_checkpoint_since(struct aduan_store *st, const char *stamp)
{
	char now[96], *a, *b;
	size_t k;

	/* The same device and inode, then a size no smaller. */
	if (aduan_checkpoint_stamp(st, now, sizeof(now)) == -1 ||
	    (a = strrchr(stamp, '\t')) == NULL ||
	    (b = strrchr(now, '\t')) == NULL ||
	    (k = (size_t)(a - stamp)) != (size_t)(b - now) ||
	    memcmp(stamp, now, k) != 0)
		return 0;
	return strlen(a + 1) < strlen(b + 1) || (strlen(a + 1) ==
	    strlen(b + 1) && strcmp(a + 1, b + 1) <= 0);
}
