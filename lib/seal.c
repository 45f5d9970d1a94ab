/*
 * seal.c - forward-secure seals of the case logs (aduan-seal(8),
 * aduan-log(5)), after the secure audit logs of Schneier and Kelsey and
 * systemd-journald's Forward Secure Sealing.
 *
 * A sealing directory, out of the clerks' reach, holds:
 *
 *   SEAL/key        "aduan-seal-key 1" TAB epoch TAB key LF, a fixed 95
 *                   bytes, mode 0600: the key of the current epoch only
 *   SEAL/seals.log  line 1: "aduan-seal 1" TAB t0 TAB length TAB key-id
 *                           TAB hash
 *                   then:   seq TAB epoch TAB time TAB kind TAB id TAB dir
 *                           TAB events TAB size TAB head TAB mac
 *
 * Time is cut into epochs of length seconds from t0.  The key of epoch 0
 * is the verification key, printed once at setup and never stored; the
 * key of epoch e+1 is HMAC-SHA256(key(e), "aduan-seal evolve"), and each
 * run overwrites the stored key in place with the key of its epoch, so
 * that the keys of past epochs are gone from the machine.  A seal line
 * of epoch e carries HMAC-SHA256(key(e), prev TAB body), prev being the
 * mac of the line before (the header's hash for the first): it can be
 * made only with the key of its own epoch, and lines cannot be dropped,
 * moved or changed without the chain breaking.  kind "case" witnesses
 * the head of one case log (its events, its size and the hash of its
 * last event, and whether it is in open/ or closed/); kind "set" the
 * digest of every case's witnessed head (id TAB dir TAB events TAB head
 * LF, sorted by ID), so that a log removed or moved is seen.
 *
 * A seal never re-witnesses a log whose witnessed head is no longer in
 * it, nor a log moved back to open/ or to closed/ without a new event:
 * it keeps the old seal and names the case.  Only a holder of the
 * verification key can check the macs (aduan_seal_open with a key).
 */
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <nettle/hmac.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

#define SEAL_MAGIC "aduan-seal 1"
#define KEY_MAGIC "aduan-seal-key 1"
#define KEY_LEN 95		/* magic, TAB, 12 digits, TAB, 64 hex, LF */
#define EVOLVE "aduan-seal evolve"

/* The latest seal of one case. */
struct sealed {
	char id[ADUAN_ID_MAX + 1];
	int closed;
	long events;
	long long size;
	char head[65];
	long epoch;
	time_t at;
	int seen;		/* met by the current run */
	int met;		/* its log verified (aduan_verify) */
};

struct aduan_seal {
	int dirfd;
	int logfd;
	char path[PATH_MAX];	/* of seals.log, for messages */
	time_t t0;
	long len;
	char keyid[17];
	struct sealed *c;
	size_t n, cap;
	long seq;
	char last[65];		/* the mac of the last line */
	long epoch;		/* of the last line */
	time_t at;
	long set_epoch;		/* the last set seal */
	time_t set_at;
	long set_n;
	char set_digest[65];
	uint8_t key[32];	/* with a verification key: the current one */
	long key_epoch;
	int keyed;
};

/* The key of the next epoch; the old one is overwritten. */
static void
evolve(uint8_t key[32])
{
	struct hmac_sha256_ctx h;

	hmac_sha256_set_key(&h, 32, key);
	hmac_sha256_update(&h, strlen(EVOLVE), (const uint8_t *)EVOLVE);
	hmac_sha256_digest(&h, 32, key);
}

/* The id of a verification key, kept in the header to match it. */
static void
key_id(const uint8_t k0[32], char out[17])
{
	struct sha256_ctx c;
	uint8_t d[SHA256_DIGEST_SIZE];

	sha256_init(&c);
	sha256_update(&c, 13, (const uint8_t *)"aduan-seal id");
	sha256_update(&c, 32, k0);
	sha256_digest(&c, sizeof(d), d);
	hex_put(d, 8, out);
}

static void
mac(const uint8_t key[32], const char *prev, const char *body, size_t n,
    char out[65])
{
	struct hmac_sha256_ctx h;
	uint8_t d[SHA256_DIGEST_SIZE];

	hmac_sha256_set_key(&h, 32, key);
	hmac_sha256_update(&h, strlen(prev), (const uint8_t *)prev);
	hmac_sha256_update(&h, 1, (const uint8_t *)"\t");
	hmac_sha256_update(&h, n, (const uint8_t *)body);
	hmac_sha256_digest(&h, sizeof(d), d);
	hex_put(d, sizeof(d), out);
}

static int
cmp_sealed(const void *a, const void *b)
{
	return strcmp(((const struct sealed *)a)->id,
	    ((const struct sealed *)b)->id);
}

static struct sealed *
find(const struct aduan_seal *s, const char *id)
{
	struct sealed key;

	memcpy(key.id, id, strnlen(id, ADUAN_ID_MAX));
	key.id[strnlen(id, ADUAN_ID_MAX)] = '\0';
	return s->n ? bsearch(&key, s->c, s->n, sizeof(*s->c), cmp_sealed) :
	    NULL;
}

/* Remember the seal of a case; IDs come in order within a run. */
static int
remember(struct aduan_seal *s, const struct sealed *v, int sorted)
{
	struct sealed *old = sorted ? find(s, v->id) : NULL;

	if (old != NULL) {
		*old = *v;
		return 0;
	}
	if (s->n == s->cap) {
		void *p = realloc(s->c, (s->cap = s->cap ? s->cap * 2 : 256) *
		    sizeof(*s->c));

		if (p == NULL)
			return -1;
		s->c = p;
	}
	s->c[s->n++] = *v;
	return 0;
}

/* Sort the seals by ID, the last of each ID kept. */
static void
settle(struct aduan_seal *s)
{
	size_t i, j;

	if (s->n == 0)
		return;
	/* A stable order: later lines win, so sort indexes by (id, line). */
	for (i = 0; i < s->n; i++)
		s->c[i].seen = (int)i;
	qsort(s->c, s->n, sizeof(*s->c), cmp_sealed);
	for (i = 0, j = 0; i < s->n; i++) {
		if (j > 0 && strcmp(s->c[j - 1].id, s->c[i].id) == 0) {
			if (s->c[i].seen > s->c[j - 1].seen)
				s->c[j - 1] = s->c[i];
			continue;
		}
		s->c[j++] = s->c[i];
	}
	s->n = j;
	for (i = 0; i < s->n; i++)
		s->c[i].seen = 0;
}

static long
num(const char *s, int *bad)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end != '\0' || v < 0)
		*bad = 1;
	return v;
}

/*
 * Read seals.log on fd; with a key, check every mac with the key of its
 * own epoch.  0, or -1 with ADUAN_E_CORRUPT naming the line.
 */
static int
load(struct aduan_seal *s, FILE *in, const uint8_t *k0,
    struct aduan_err *err)
{
	char *line = NULL, *f[12], m[65];
	size_t cap = 0;
	ssize_t len;
	long lineno = 0, epoch;
	int n, bad;
	struct sealed v;

	while ((len = getline(&line, &cap, in)) > 0) {
		lineno++;
		bad = 0;
		if (line[len - 1] != '\n')
			goto bad;
		line[--len] = '\0';
		for (n = 0, f[0] = line; n < 10 && f[n] != NULL; n++)
			if ((f[n + 1] = strchr(f[n], '\t')) != NULL)
				*f[n + 1]++ = '\0';
		if (lineno == 1) {
			uint8_t d[SHA256_DIGEST_SIZE];
			struct sha256_ctx c;

			if (n != 5 || strcmp(f[0], SEAL_MAGIC) != 0)
				goto bad;
			s->t0 = num(f[1], &bad);
			s->len = num(f[2], &bad);
			if (bad || s->len <= 0 || strlen(f[3]) != 16)
				goto bad;
			snprintf(s->keyid, sizeof(s->keyid), "%s", f[3]);
			for (n = 1; n < 4; n++)
				f[n][-1] = '\t';
			sha256_init(&c);
			sha256_update(&c, strlen(line), (const uint8_t *)line);
			sha256_digest(&c, sizeof(d), d);
			hex_put(d, sizeof(d), s->last);
			if (strcmp(s->last, f[4]) != 0)
				goto bad;
			if (k0 != NULL) {
				char id[17];

				key_id(k0, id);
				if (strcmp(id, s->keyid) != 0) {
					free(line);
					return err_at(err, ADUAN_E_USAGE,
					    s->path, 0, 0, _("this is not the "
					    "verification key of these seals"));
				}
				memcpy(s->key, k0, 32);
				s->key_epoch = 0;
				s->keyed = 1;
			}
			continue;
		}
		if (n != 10 || f[10] != NULL || strlen(f[9]) != 64 ||
		    strlen(f[8]) != 64)
			goto bad;
		memset(&v, 0, sizeof(v));
		if (num(f[0], &bad) != s->seq + 1)
			goto bad;
		epoch = num(f[1], &bad);
		v.at = (time_t)num(f[2], &bad);
		v.events = num(f[6], &bad);
		v.size = num(f[7], &bad);
		/* A seal of an epoch before the last, or made outside its own. */
		if (bad || epoch < s->epoch || v.at < s->t0 + epoch * s->len ||
		    v.at >= s->t0 + (epoch + 1) * s->len)
			goto bad;
		for (n = 1; n < 9; n++)
			f[n][-1] = '\t';
		if (s->keyed) {
			while (s->key_epoch < epoch) {
				evolve(s->key);
				s->key_epoch++;
			}
			mac(s->key, s->last, line, (size_t)(f[9] - 1 - line), m);
			if (strcmp(m, f[9]) != 0)
				goto bad;
		}
		for (n = 1; n < 9; n++)
			f[n][-1] = '\0';
		memcpy(s->last, f[9], 65);
		s->seq++;
		s->epoch = epoch;
		s->at = v.at;
		if (strcmp(f[3], "set") == 0) {
			s->set_epoch = epoch;
			s->set_at = v.at;
			s->set_n = v.events;
			memcpy(s->set_digest, f[8], 65);
			continue;
		}
		if (strcmp(f[3], "case") != 0 ||
		    aduan_id_check(f[4], NULL) == -1 ||
		    (strcmp(f[5], "open") != 0 && strcmp(f[5], "closed") != 0))
			goto bad;
		snprintf(v.id, sizeof(v.id), "%s", f[4]);
		v.closed = f[5][0] == 'c';
		memcpy(v.head, f[8], 65);
		v.epoch = epoch;
		if (remember(s, &v, 0) == -1) {
			free(line);
			return err_set(err, ADUAN_E_IO, _("out of memory"));
		}
	}
	free(line);
	settle(s);
	if (lineno == 0)
		return err_at(err, ADUAN_E_CORRUPT, s->path, 0, 0, _("empty: the "
		    "seals were removed"));
	return 0;
bad:
	free(line);
	return err_at(err, ADUAN_E_CORRUPT, s->path, (int)lineno, 0,
	    s->keyed ? _("this line does not verify: altered, moved, or made "
	    "with the key of another epoch") : _("not a seal line"));
}

/* Open the sealing directory dir; with write, lock seals.log for a run. */
static struct aduan_seal *
seal_open(const char *dir, int write, const uint8_t *k0,
    struct aduan_err *err)
{
	struct aduan_seal *s;
	struct stat sb;
	FILE *in;
	int fd;

	if ((s = calloc(1, sizeof(*s))) == NULL) {
		err_set(err, ADUAN_E_IO, _("out of memory"));
		return NULL;
	}
	s->logfd = -1;
	snprintf(s->path, sizeof(s->path), "%s/seals.log", dir);
	if ((s->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1 ||
	    (s->logfd = open_beneath(s->dirfd, "seals.log", write ? O_RDWR |
	    O_APPEND : O_RDONLY, 0)) == -1) {
		err_at(err, errno == ENOENT ? ADUAN_E_CONFIG : ADUAN_E_IO,
		    errno == ENOENT && s->dirfd != -1 ? s->path : dir, 0, 0,
		    errno == ENOENT ? _("no seals here: sealing is not set up, "
		    "or the seals were removed") : _("cannot open: %s"),
		    strerror(errno));
		goto fail;
	}
	if (lock_wait(s->logfd, write ? LOCK_EX : LOCK_SH, 10) == -1 ||
	    check_plain(s->logfd, &sb) == -1) {
		err_at(err, ADUAN_E_CORRUPT, s->path, 0, 0, _("not a plain file, "
		    "or busy: %s"), strerror(errno));
		goto fail;
	}
	if ((fd = dup(s->logfd)) == -1 || (in = fdopen(fd, "r")) == NULL) {
		err_set(err, ADUAN_E_IO, _("out of memory"));
		goto fail;
	}
	if (load(s, in, k0, err) == -1) {
		fclose(in);
		goto fail;
	}
	fclose(in);
	return s;
fail:
	aduan_seal_close(s);
	return NULL;
}

void
aduan_seal_close(struct aduan_seal *s)
{
	if (s == NULL)
		return;
	if (s->logfd != -1)
		close(s->logfd);
	if (s->dirfd != -1)
		close(s->dirfd);
	free(s->c);
	memset(s->key, 0, sizeof(s->key));
	free(s);
}

/* Parse a verification key "KEY-T0-LENGTH"; 0 or -1. */
static int
parse_vkey(const char *v, uint8_t k0[32], time_t *t0, long *len)
{
	char buf[128], *a, *b;
	int bad = 0;

	if (strlen(v) >= sizeof(buf))
		return -1;
	strcpy(buf, v);
	if ((a = strchr(buf, '-')) == NULL || (b = strchr(a + 1, '-')) == NULL)
		return -1;
	*a++ = '\0';
	*b++ = '\0';
	*t0 = (time_t)num(a, &bad);
	*len = num(b, &bad);
	return bad || *len <= 0 || hex_get(buf, k0, 32) == -1 ? -1 : 0;
}

struct aduan_seal *
aduan_seal_open(const char *dir, const char *vkey, struct aduan_err *err)
{
	struct aduan_seal *s;
	uint8_t k0[32];
	time_t t0;
	long len;

	if (vkey != NULL && parse_vkey(vkey, k0, &t0, &len) == -1) {
		err_set(err, ADUAN_E_USAGE, _("not a verification key: it is "
		    "printed by the setup as 64 hex digits, the start and the "
		    "epoch length, joined by '-'"));
		err_field(err, "key");
		return NULL;
	}
	s = seal_open(dir, 0, vkey ? k0 : NULL, err);
	memset(k0, 0, sizeof(k0));
	if (s != NULL && vkey != NULL && (s->t0 != t0 || s->len != len)) {
		err_at(err, ADUAN_E_USAGE, s->path, 0, 0, _("this is not the "
		    "verification key of these seals"));
		aduan_seal_close(s);
		return NULL;
	}
	return s;
}

void
aduan_seal_last(const struct aduan_seal *s, long *seals, time_t *at,
    time_t *set_at)
{
	*seals = s->seq;
	*at = s->at;
	*set_at = s->set_at;
}

int
seal_head(struct aduan_seal *s, const char *id, long *events,
    const char **head, int *closed, time_t *at)
{
	struct sealed *v = find(s, id);

	if (v == NULL)
		return 0;
	v->met = 1;
	*events = v->events;
	*head = v->head;
	*closed = v->closed;
	*at = v->at;
	return 1;
}

const char *
seal_id_at(const struct aduan_seal *s, size_t i, int *met)
{
	if (i >= s->n)
		return NULL;
	*met = s->c[i].met;
	return s->c[i].id;
}

/* ---- setting up and sealing ---- */

/* Write the key of epoch e over the stored one, in place, and sync. */
static int
store_key(int fd, long e, const uint8_t key[32])
{
	char buf[KEY_LEN + 1], h[65];

	hex_put(key, 32, h);
	snprintf(buf, sizeof(buf), "%s\t%012ld\t%s\n", KEY_MAGIC, e, h);
	memset(h, 0, sizeof(h));
	if (pwrite(fd, buf, KEY_LEN, 0) != KEY_LEN || fsync(fd) == -1) {
		memset(buf, 0, sizeof(buf));
		return -1;
	}
	memset(buf, 0, sizeof(buf));
	return 0;
}

int
aduan_seal_setup(const char *dir, time_t now, long len, char *vkey,
    size_t n, struct aduan_err *err)
{
	uint8_t k0[32], k[32];
	char h[65], head[256], hash[65];
	struct sha256_ctx c;
	uint8_t d[SHA256_DIGEST_SIZE];
	int dfd, kfd = -1, lfd = -1, r = -1;
	long e;

	if (len < 1 || len > 86400L * 366)
		return err_set(err, ADUAN_E_USAGE, _("an epoch is from 1 second "
		    "to a year"));
	if (mkdir(dir, 0755) == -1 ? errno != EEXIST : chmod(dir, 0755) == -1)
		return err_at(err, ADUAN_E_IO, dir, 0, 0, _("cannot make the "
		    "sealing directory: %s"), strerror(errno));
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return err_at(err, ADUAN_E_IO, dir, 0, 0, _("cannot open: %s"),
		    strerror(errno));
	if (getrandom(k0, sizeof(k0), 0) != (ssize_t)sizeof(k0)) {
		err_set(err, ADUAN_E_IO, _("no random key to be had: %s"),
		    strerror(errno));
		goto out;
	}
	kfd = openat(dfd, "key", O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0600);
	lfd = kfd == -1 ? -1 : openat(dfd, "seals.log", O_RDWR | O_CREAT |
	    O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (kfd == -1 || lfd == -1) {
		err_at(err, errno == EEXIST ? ADUAN_E_REFUSED : ADUAN_E_IO, dir,
		    0, 0, errno == EEXIST ? _("sealing is set up here already; "
		    "its seals are kept, never made anew") : _("cannot create "
		    "the sealing state: %s"), strerror(errno));
		if (kfd != -1 && lfd == -1)
			unlinkat(dfd, "key", 0);
		goto out;
	}
	fchmod(kfd, 0600);
	fchmod(lfd, 0644);
	/*
	 * Epoch 0, the verification key's, is the one before now's, already
	 * over: the key stored is that of epoch 1, and k0 is never stored.
	 */
	memcpy(k, k0, sizeof(k));
	evolve(k);
	e = (now > 0 ? (long)(now / len) : 1) - 1;
	key_id(k0, h);
	snprintf(head, sizeof(head), "%s\t%lld\t%ld\t%s", SEAL_MAGIC,
	    (long long)e * len, len, h);
	sha256_init(&c);
	sha256_update(&c, strlen(head), (const uint8_t *)head);
	sha256_digest(&c, sizeof(d), d);
	hex_put(d, sizeof(d), hash);
	if (store_key(kfd, 1, k) == -1 || dprintf(lfd, "%s\t%s\n", head,
	    hash) < 0 || fsync(lfd) == -1 || fsync(dfd) == -1) {
		err_set(err, ADUAN_E_IO, _("cannot write the sealing state: %s"),
		    strerror(errno));
		goto out;
	}
	hex_put(k0, 32, h);
	snprintf(vkey, n, "%s-%lld-%ld", h, (long long)e * len, len);
	r = 0;
out:
	memset(k0, 0, sizeof(k0));
	memset(k, 0, sizeof(k));
	memset(h, 0, sizeof(h));
	if (kfd != -1)
		close(kfd);
	if (lfd != -1)
		close(lfd);
	close(dfd);
	return r;
}

/* A run of the sealer. */
struct run {
	struct aduan_seal *s;
	struct aduan_store *st;
	uint8_t key[32];
	long epoch;
	time_t now;
	char *out;
	size_t len, cap;
	int sealed, refused;
	void (*report)(const char *, const struct aduan_err *, void *);
	void *arg;
	struct aduan_err *err;
	int failed;
};

/* Append one seal line to the run's output. */
static int
emit(struct run *r, const char *kind, const char *id, const char *dir,
    long events, long long size, const char *head)
{
	char body[512], m[65];
	int n;

	n = snprintf(body, sizeof(body), "%ld\t%ld\t%lld\t%s\t%s\t%s\t%ld\t%lld"
	    "\t%s", r->s->seq + 1, r->epoch, (long long)r->now, kind, id, dir,
	    events, size, head);
	mac(r->key, r->s->last, body, (size_t)n, m);
	if (r->len + (size_t)n + 80 > r->cap) {
		void *p = realloc(r->out, r->cap = r->cap * 2 + (size_t)n + 80);

		if (p == NULL)
			return -1;
		r->out = p;
	}
	r->len += (size_t)sprintf(r->out + r->len, "%s\t%s\n", body, m);
	memcpy(r->s->last, m, 65);
	r->s->seq++;
	return 0;
}

/* A case the run will not seal: said, and the old seal kept. */
static int
refuse(struct run *r, const char *id, const char *fmt, long a, long b)
{
	struct aduan_err e;

	err_case(&e, ADUAN_E_CORRUPT, id, fmt, a, b);
	err_hint(&e, ADUAN_HINT_VERIFY, 0);
	r->refused++;
	if (r->report != NULL)
		r->report(id, &e, r->arg);
	return 0;
}

static int
seal_one(const char *id, int closed, void *arg)
{
	struct run *r = arg;
	struct sealed *old = find(r->s, id), v;
	struct aduan_event ev;
	struct aduan_log *l;
	char name[ADUAN_ID_MAX + 8], at_old[65] = "";
	struct stat sb;
	long seq;
	long long end;
	int rr;

	if (old != NULL)
		old->seen = 1;
	snprintf(name, sizeof(name), "%s.log", id);
	/*
	 * Unchanged since its seal (the same size, and no change of any kind
	 * since: ctime cannot be set back): not read again.
	 */
	if (old != NULL && old->closed == closed &&
	    fstatat(closed ? r->st->closedfd : r->st->openfd, name, &sb,
	    AT_SYMLINK_NOFOLLOW) == 0 && (long long)sb.st_size == old->size &&
	    sb.st_ctime < old->at)
		return 0;
	if ((l = log_open(r->st, id, ADUAN_READ, NULL, r->err)) == NULL) {
		if (r->err->cat != ADUAN_E_CORRUPT)
			return r->failed = -1;
		refuse(r, id, _("the log does not verify; the seal of it is "
		    "kept"), 0, 0);
		return 0;
	}
	memset(&v, 0, sizeof(v));
	while ((rr = log_next(l, &ev, r->err)) == 1)
		if (old != NULL && ev.seq == old->events)
			log_head(l, &seq, &end, at_old);
	snprintf(v.id, sizeof(v.id), "%s", id);
	log_head(l, &v.events, &end, v.head);
	v.size = end;
	v.closed = closed;
	if (log_torn(l, &end, &(long long){ 0 }))
		v.size = end;
	log_close(l);
	if (rr == -1 && r->err->cat != ADUAN_E_CORRUPT)
		return r->failed = -1;
	if (rr == -1)
		return refuse(r, id, _("the log does not verify; the seal of "
		    "it is kept"), 0, 0);
	if (old != NULL && (v.events < old->events ||
	    strcmp(at_old, old->head) != 0))
		return refuse(r, id, _("the log no longer holds event %ld as "
		    "it was sealed (%ld events now); the seal of it is kept"),
		    old->events, v.events);
	if (old != NULL && old->closed && !closed)
		return refuse(r, id, _("the log was moved back to open/; the "
		    "seal of it is kept"), 0, 0);
	if (old != NULL && !old->closed && closed && v.events == old->events)
		return refuse(r, id, _("the log was moved to closed/ with no "
		    "event closing it; the seal of it is kept"), 0, 0);
	if (old != NULL && old->closed == closed && old->events == v.events &&
	    old->size == v.size)
		return 0;
	if (emit(r, "case", id, closed ? "closed" : "open", v.events, v.size,
	    v.head) == -1)
		return r->failed = -1;
	v.epoch = r->epoch;
	v.at = r->now;
	v.seen = 1;
	r->sealed++;
	if (old != NULL)
		*old = v;
	else if (remember(r->s, &v, 0) == -1)
		return r->failed = -1;
	return 0;
}

int
aduan_seal_run(struct aduan_store *st, const char *dir, time_t now,
    int *sealed, int *refused,
    void (*report)(const char *, const struct aduan_err *, void *),
    void *arg, struct aduan_err *err)
{
	struct run r;
	char buf[KEY_LEN + 1], digest[65], line[256];
	struct sha256_ctx c;
	uint8_t d[SHA256_DIGEST_SIZE];
	long kepoch;
	size_t i;
	int kfd = -1, ret = -1, bad = 0;

	memset(&r, 0, sizeof(r));
	r.st = st;
	r.now = now;
	r.report = report;
	r.arg = arg;
	r.err = err;
	if ((r.s = seal_open(dir, 1, NULL, err)) == NULL)
		return -1;
	if ((kfd = open_beneath(r.s->dirfd, "key", O_RDWR, 0)) == -1 ||
	    pread(kfd, buf, KEY_LEN, 0) != KEY_LEN) {
		err_at(err, ADUAN_E_CONFIG, dir, 0, 0, _("cannot read the "
		    "sealing key: %s"), strerror(errno ? errno : EIO));
		goto out;
	}
	buf[KEY_LEN - 1] = '\0';
	buf[sizeof(KEY_MAGIC) - 1] = buf[sizeof(KEY_MAGIC) + 12] = '\0';
	kepoch = num(buf + sizeof(KEY_MAGIC), &bad);
	if (strcmp(buf, KEY_MAGIC) != 0 || bad ||
	    hex_get(buf + sizeof(KEY_MAGIC) + 13, r.key, 32) == -1) {
		err_at(err, ADUAN_E_CORRUPT, dir, 0, 0, _("the sealing key is "
		    "damaged"));
		goto out;
	}
	memset(buf, 0, sizeof(buf));
	r.epoch = now < r.s->t0 ? -1 : (long)((now - r.s->t0) / r.s->len);
	if (r.epoch < kepoch || r.epoch < r.s->epoch) {
		err_at(err, ADUAN_E_CONFIG, dir, 0, 0, _("the clock is before "
		    "the last seal; nothing was sealed"));
		goto out;
	}
	/* The key of this epoch, written over the older one. */
	for (; kepoch < r.epoch; kepoch++)
		evolve(r.key);
	if (store_key(kfd, r.epoch, r.key) == -1) {
		err_at(err, ADUAN_E_IO, dir, 0, 0, _("cannot write the sealing "
		    "key: %s"), strerror(errno));
		goto out;
	}
	if (aduan_store_scan(st, 1, seal_one, &r, err) == -1 || r.failed)
		goto out;
	for (i = 0; i < r.s->n; i++)
		if (!r.s->c[i].seen)
			refuse(&r, r.s->c[i].id, _("the sealed log is gone from "
			    "the data directory; its seal is kept"), 0, 0);
	/* The set of every case as it is sealed now. */
	if (r.s->n > 0)
		qsort(r.s->c, r.s->n, sizeof(*r.s->c), cmp_sealed);
	sha256_init(&c);
	for (i = 0; i < r.s->n; i++) {
		int k = snprintf(line, sizeof(line), "%s\t%s\t%ld\t%s\n",
		    r.s->c[i].id, r.s->c[i].closed ? "closed" : "open",
		    r.s->c[i].events, r.s->c[i].head);

		sha256_update(&c, (size_t)k, (const uint8_t *)line);
	}
	sha256_digest(&c, sizeof(d), d);
	hex_put(d, sizeof(d), digest);
	if ((strcmp(digest, r.s->set_digest) != 0 || r.sealed > 0) &&
	    emit(&r, "set", "-", "-", (long)r.s->n, 0, digest) == -1)
		goto out;
	if (r.len > 0 && (write_all(&st->seam, r.s->logfd, r.out, r.len) ==
	    -1 || io_fsync(&st->seam, r.s->logfd) == -1)) {
		err_at(err, ADUAN_E_IO, r.s->path, 0, 0, _("cannot write the "
		    "seals: %s"), strerror(errno));
		goto out;
	}
	*sealed = r.sealed;
	*refused = r.refused;
	ret = 0;
out:
	memset(r.key, 0, sizeof(r.key));
	if (kfd != -1)
		close(kfd);
	free(r.out);
	aduan_seal_close(r.s);
	return ret;
}

int
seal_set_check(const struct aduan_seal *s, long *n, const char **digest,
    time_t *at)
{
	if (s->set_at == 0)
		return 0;
	*n = s->set_n;
	*digest = s->set_digest;
	*at = s->set_at;
	return 1;
}
