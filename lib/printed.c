/*
 * printed.c - the letters printed, as records (aduan-log(5)): a letter's
 * number, taken once from the register of the data directory; the
 * "surat" event that records each printing of it in its case's log; the
 * letter a printed file is, found by its SHA-256 among those events; and
 * the SHA-256 itself.  What a letter says, and the office's format of its
 * number, are letter.c's.
 *
 *   DATA/seq/.lock        the allocator lock (store.c)
 *   DATA/seq/surat-YEAR   the last letter number given out in YEAR: a
 *                         hint, ten digits and LF, never synced
 *   DATA/surat/YEAR-NNNN  the register: a file (0660) for each number
 *                         given out in YEAR, the year of the letter's
 *                         date, NNNN zero-padded to at least four
 *                         digits; one line, ID TAB jenis TAB kunci LF
 *
 * Numbering: the caller holds the case's log locked for an append
 * (ADUAN_WRITE) from before the case's surat events are read, to tell
 * whether the letter was printed before, until its own is written.  A
 * letter printed before keeps the number and date of its first printing.
 * One that was not takes, under the allocator lock (flock LOCK_EX, the
 * store's bounded wait; always after the log's lock, never before it),
 * the number after the hint whose file does not exist in surat/, by
 * making that file whole (io_new_file: synced, linked never over a name,
 * the next number on EEXIST, surat/ synced; surat/ itself made on first
 * use, the data directory synced); then the hint is written and the lock
 * released (store_take_number).  The surat event is appended after that,
 * synced with the log (case_append).  A crash in between leaves a gap in
 * the register, a file that no surat event names, never a number given
 * twice.
 *
 * A surat event is of the letter's step, dated as its first printing
 * (HAPPENED), and holds surat-jenis, surat-nomor, surat-register (the
 * name of its file in surat/), surat-kunci (SEQ.N: the step's last done
 * event when first printed, the value's place from 1, else 1),
 * surat-untuk for a letter made for each value of a field, and
 * surat-sha256, the hash of the PDF.  A printing that gives the bytes of
 * the letter's last is not recorded again; other bytes are a new event
 * with the same kunci, nomor and register.  On a closed case the event
 * follows the close, the log stays in closed/ and its head is noted in
 * checkpoint.log (case.c).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

/* ---- the register of numbers (DATA/surat/) ---- */

long
printed_take(struct aduan_store *st, const struct aduan_case *c,
    struct aduan_letter_view *v, int year, struct aduan_err *err)
{
	char ys[16], line[256];
	long num;
	int dfd, len;

	snprintf(ys, sizeof(ys), "%04d", year % 10000);
	if ((dfd = io_subdir(st->dirfd, "surat", 1)) == -1)
		return store_subdir_err(st->dirfd, st->dir, "surat", errno,
		    err);
	len = snprintf(line, sizeof(line), "%s\t%s\t%s\n", aduan_case_id(c),
	    v->kind->jenis, v->key);
	if (len < 0 || (size_t)len >= sizeof(line)) {
		close(dfd);
		return err_set(err, ADUAN_E_CONFIG, _("jenis '%s': too long "
		    "for the register"), v->kind->jenis);
	}
	num = store_take_number(st, dfd, ys, line, (size_t)len, err);
	close(dfd);
	if (num <= 0)
		return -1;
	snprintf(v->reg, sizeof(v->reg), "%04d-%04ld", year % 10000,
	    num % 100000000L);
	return num;
}

/* ---- the surat events of a case ---- */

int
printed_recall(const struct aduan_case *c, struct aduan_letter_view *v)
{
	const struct aduan_event *e, *first = NULL, *last = NULL;
	const char *j, *k, *no, *reg, *sha;
	int i;

	for (i = 0; i < aduan_case_nevents(c); i++) {
		e = aduan_case_event(c, i);
		if (strcmp(e->event, "surat") != 0 ||
		    (j = aduan_event_get(e, ADUAN_LETTER_JENIS)) == NULL ||
		    strcmp(j, v->kind->jenis) != 0 ||
		    (k = aduan_event_get(e, ADUAN_LETTER_KEY)) == NULL ||
		    strcmp(k, v->key) != 0)
			continue;
		if (first == NULL)
			first = e;
		last = e;
	}
	if (last == NULL)
		return 0;
	/* The number and date are the first printing's, the hash the last's. */
	no = aduan_event_get(first, ADUAN_LETTER_NOMOR);
	reg = aduan_event_get(first, ADUAN_LETTER_REG);
	sha = aduan_event_get(last, ADUAN_LETTER_SHA);
	snprintf(v->nomor, sizeof(v->nomor), "%s", no ? no : "");
	snprintf(v->reg, sizeof(v->reg), "%s", reg ? reg : "");
	snprintf(v->sha, sizeof(v->sha), "%s", sha ? sha : "");
	v->tanggal = first->happened;
	v->printed = last;
	return 1;
}

int
aduan_letter_record(struct aduan_case *c, const struct aduan_letter *l,
    const char *sha, const char *by, time_t now, time_t clock, int drill,
    struct aduan_err *err)
{
	const struct aduan_letter_view *v = aduan_letter_view(l);
	long utcoff = aduan_cal_utcoff(aduan_sop_cal(aduan_case_sop(c)));
	struct aduan_kv kv[8];
	struct aduan_event ev;
	char dn[32];
	int n = 0;

	if (v->printed != NULL && strcmp(v->sha, sha) == 0)
		return 0;
	kv[n].key = ADUAN_LETTER_JENIS;
	kv[n++].val = v->kind->jenis;
	kv[n].key = ADUAN_LETTER_NOMOR;
	kv[n++].val = v->nomor;
	kv[n].key = ADUAN_LETTER_REG;
	kv[n++].val = v->reg;
	kv[n].key = ADUAN_LETTER_KEY;
	kv[n++].val = v->key;
	if (v->untuk != NULL) {
		kv[n].key = ADUAN_LETTER_UNTUK;
		kv[n++].val = v->untuk;
	}
	kv[n].key = ADUAN_LETTER_SHA;
	kv[n++].val = sha;
	if (drill) {
		kv[n].key = ADUAN_DRILL_KEY;
		kv[n++].val = aduan_time_fmt(now, utcoff, dn);
	}
	memset(&ev, 0, sizeof(ev));
	ev.step = v->kind->step;
	ev.event = "surat";
	ev.by = by;
	/* A letter printed again keeps its date: the first printing's. */
	ev.happened = v->tanggal;
	ev.kv = kv;
	ev.nkv = n;
	if (case_append(c, &ev, 1, clock ? clock : now, err) == -1)
		return -1;
	return v->printed != NULL ? 2 : 1;
}

/* ---- which letter a printed file is ---- */

struct find {
	const struct aduan_sop *sop;
	struct aduan_store *st;
	const char *sha;
	struct aduan_letter_match *m;
	struct aduan_err *err;
};

static int
find_one(const char *id, int closed, void *arg)
{
	struct find *f = arg;
	struct aduan_case *c;
	struct aduan_err e;
	const struct aduan_event *ev;
	const char *s, *jenis, *key;
	int i, j;

	(void)closed;
	aduan_err_clear(&e);
	if ((c = aduan_case_load(f->st, f->sop, id, ADUAN_READ, &e)) == NULL)
		return 0;
	for (i = 0; i < aduan_case_nevents(c); i++) {
		ev = aduan_case_event(c, i);
		if (strcmp(ev->event, "surat") != 0 ||
		    (s = aduan_event_get(ev, ADUAN_LETTER_SHA)) == NULL ||
		    strcmp(s, f->sha) != 0)
			continue;
		memset(f->m, 0, sizeof(*f->m));
		snprintf(f->m->id, sizeof(f->m->id), "%s", id);
		f->m->seq = ev->seq;
		f->m->line = ev->line;
		f->m->step = ev->step;
		f->m->happened = ev->happened;
		f->m->recorded = ev->recorded;
#define COPY(dst, key) snprintf(dst, sizeof(dst), "%s", \
    (s = aduan_event_get(ev, key)) ? s : "")
		COPY(f->m->jenis, ADUAN_LETTER_JENIS);
		COPY(f->m->nomor, ADUAN_LETTER_NOMOR);
		COPY(f->m->untuk, ADUAN_LETTER_UNTUK);
#undef COPY
		snprintf(f->m->by, sizeof(f->m->by), "%s", ev->by);
		jenis = aduan_event_get(ev, ADUAN_LETTER_JENIS);
		key = aduan_event_get(ev, ADUAN_LETTER_KEY);
		/*
		 * Superseded when the letter's last printing is of other
		 * bytes (the case or the template changed since).
		 */
		for (j = i + 1; j < aduan_case_nevents(c); j++) {
			const struct aduan_event *x = aduan_case_event(c, j);
			const char *xj = aduan_event_get(x, ADUAN_LETTER_JENIS);
			const char *xk = aduan_event_get(x, ADUAN_LETTER_KEY);
			const char *xs = aduan_event_get(x, ADUAN_LETTER_SHA);

			if (strcmp(x->event, "surat") == 0 && xj && xk &&
			    jenis && key && strcmp(xj, jenis) == 0 &&
			    strcmp(xk, key) == 0)
				f->m->superseded = xs != NULL &&
				    strcmp(xs, f->sha) == 0 ? 0 : x->seq;
		}
		aduan_case_free(c);
		return 1;
	}
	aduan_case_free(c);
	return 0;
}

int
aduan_letter_find(struct aduan_store *st, const struct aduan_sop *sop,
    const char *sha, struct aduan_letter_match *m, struct aduan_err *err)
{
	struct find f = { sop, st, sha, m, err };

	return aduan_store_scan(st, ADUAN_SCAN_CLOSED, find_one, &f, err);
}

/* ---- the SHA-256 of a printed file ---- */

/* The digest of c in hex into out. */
static void
hex_digest(struct sha256_ctx *c, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char d[SHA256_DIGEST_SIZE];
	int i;

	sha256_digest(c, sizeof(d), d);
	for (i = 0; i < SHA256_DIGEST_SIZE; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[64] = '\0';
}

void
aduan_sha256(const void *p, size_t n, char out[65])
{
	struct sha256_ctx c;

	sha256_init(&c);
	sha256_update(&c, n, p);
	hex_digest(&c, out);
}

int
aduan_sha256_file(const char *path, char out[65], struct aduan_err *err)
{
	unsigned char buf[65536];
	struct sha256_ctx c;
	struct stat sb;
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1)
		return err_at(err, errno == ENOENT ? ADUAN_E_NOTFOUND :
		    ADUAN_E_IO, path, 0, 0, _("cannot open: %s"),
		    strerror(errno));
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return err_at(err, ADUAN_E_USAGE, path, 0, 0, _("not a plain "
		    "file"));
	}
	sha256_init(&c);
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			err_at(err, ADUAN_E_IO, path, 0, 0, _("cannot read: %s"),
			    strerror(errno));
			close(fd);
			return -1;
		}
		sha256_update(&c, (size_t)n, buf);
	}
	close(fd);
	hex_digest(&c, out);
	return 0;
}
