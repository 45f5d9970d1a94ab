/*
 * store.c - the data directory (aduan-log(5)): its layout, case IDs, the
 * creation of a case and the scan of open cases.
 *
 *   DATA/open/ID.log     open cases: the overdue scan reads only these
 *   DATA/closed/ID.log   closed cases, moved here after their last event
 *   DATA/seq/YEAR        the last number given out that year (a hint)
 *   DATA/seq/.lock       the allocator lock
 *
 * Creation protocol: under the allocator lock (flock LOCK_EX, bounded
 * wait) take the number after the hint, passing over any whose log exists
 * in open/ or closed/; write the header and the first event into an
 * unnamed file in open/ (O_TMPFILE, or a named tmp file where the file
 * system lacks it), fsync it, link it to open/ID.log (EEXIST: the next
 * number; never a rename over a name), fsync open/, write the hint.  A
 * crash leaves no case or a whole one, and a number is never given twice.
 * Directories are made setgid 02770 and files 0660, whatever the umask, so
 * that a group of clerks can share the directory.
 *
 *   DATA/sop/HASH.yaml   the SOP file each case started under, kept
 *                        read-only (0440) by the same protocol before the
 *                        first case of its revision; HASH is the SHA-256 of
 *                        the SOP number and revision, each ending in LF
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "internal.h"

/* Sync the directory holding path, so that a name made in it lasts. */
static int
sync_parent(const char *path)
{
	char buf[PATH_MAX], *slash;
	int fd, r;

	snprintf(buf, sizeof(buf), "%s", path);
	if ((slash = strrchr(buf, '/')) == buf)
		slash[1] = '\0';
	else if (slash != NULL)
		*slash = '\0';
	else
		strcpy(buf, ".");
	if ((fd = open(buf, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return -1;
	r = fsync(fd);
	close(fd);
	return r;
}

static int
mkdir_p(const char *path)
{
	char buf[PATH_MAX], *p;

	if (snprintf(buf, sizeof(buf), "%s", path) >= (int)sizeof(buf)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	for (p = buf + 1; *p != '\0'; p++)
		if (*p == '/') {
			*p = '\0';
			if (mkdir(buf, 02770) == 0 ? sync_parent(buf) == -1 :
			    errno != EEXIST)
				return -1;
			*p = '/';
		}
	if (mkdir(buf, 02770) == -1)
		return errno == EEXIST ? 0 : -1;
	chmod(buf, 02770);
	return sync_parent(buf);
}

/* Open (and with create, make) the subdirectory name of the store. */
static int
subdir(int dirfd, const char *name, int create)
{
	int fd;

	fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (fd == -1 && errno == ENOENT && create) {
		if (mkdirat(dirfd, name, 02770) == -1 && errno != EEXIST)
			return -1;
		fchmodat(dirfd, name, 02770, 0);
		fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
		/* The new name must last before anything is put in it. */
		if (fd != -1 && fsync(dirfd) == -1) {
			close(fd);
			fd = -1;
		}
	}
	return fd;
}

/*
 * Why the subdirectory name of the data directory dir could not be opened,
 * into err; -1.  A symbolic link is named as one: following it would take
 * every command out of the data directory.
 */
static int
subdir_err(int dirfd, const char *dir, const char *name, int e,
    struct aduan_err *err)
{
	char path[PATH_MAX];
	struct stat sb;

	if (e == ENOENT)
		return err_at(err, ADUAN_E_NOTFOUND, dir, 0, 0, _("not an "
		    "aduan data directory yet (no open/, closed/ and seq/); it "
		    "is made by 'aduan new'"));
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((e == ENOTDIR || e == ELOOP) &&
	    fstatat(dirfd, name, &sb, AT_SYMLINK_NOFOLLOW) == 0)
		return err_at(err, ADUAN_E_IO, path, 0, 0, S_ISLNK(sb.st_mode) ?
		    _("a symbolic link, not a folder of the data directory; "
		    "refusing to follow it") : _("not a folder (a file or a "
		    "special file); refusing to use it"));
	return err_at(err, ADUAN_E_IO, path, 0, 0, _("cannot open: %s"),
	    strerror(e));
}

struct aduan_store *
aduan_store_open(const char *dir, int create, int wait,
    struct aduan_err *err)
{
	struct aduan_store *st;
	const char *sub;
	int e;

	if ((st = calloc(1, sizeof(*st))) == NULL) {
		err_set(err, ADUAN_E_IO, _("out of memory"));
		return NULL;
	}
	st->openfd = st->closedfd = st->seqfd = -1;
	st->wait = wait;
	if ((st->dir = strdup(dir)) == NULL) {
		err_set(err, ADUAN_E_IO, _("out of memory"));
		goto fail;
	}
	st->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (st->dirfd == -1 && errno == ENOENT && create) {
		if (mkdir_p(dir) == -1) {
			err_at(err, ADUAN_E_IO, dir, 0, 0, _("cannot create the "
			    "data directory: %s"), strerror(errno));
			goto fail;
		}
		st->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	}
	if (st->dirfd == -1) {
		e = errno;
		if (e == ENOENT)
			err_at(err, ADUAN_E_NOTFOUND, dir, 0, 0, _("no data "
			    "directory here yet (it is made by 'aduan new'); "
			    "set ADUAN_DIR or -D to use another"));
		else
			err_at(err, e == ENOTDIR ? ADUAN_E_CONFIG : ADUAN_E_IO,
			    dir, 0, 0, _("cannot open the data directory: %s"),
			    strerror(e));
		goto fail;
	}
	if ((st->openfd = subdir(st->dirfd, sub = "open", create)) == -1 ||
	    (st->closedfd = subdir(st->dirfd, sub = "closed", create)) == -1 ||
	    (st->seqfd = subdir(st->dirfd, sub = "seq", create)) == -1) {
		subdir_err(st->dirfd, dir, sub, errno, err);
		goto fail;
	}
	return st;
fail:
	aduan_store_close(st);
	return NULL;
}

void
aduan_store_close(struct aduan_store *st)
{
	int i;

	if (st == NULL)
		return;
	if (st->dirfd != -1)
		close(st->dirfd);
	if (st->openfd != -1)
		close(st->openfd);
	if (st->closedfd != -1)
		close(st->closedfd);
	if (st->seqfd != -1)
		close(st->seqfd);
	for (i = 0; i < st->nsops; i++)
		aduan_sop_free(st->sops[i].owned);
	free(st->sops);
	free(st->dir);
	free(st);
}

/* An ID from a file name "ID.log" into id, or -1 if it is not one. */
static int
name_id(const char *name, char id[ADUAN_ID_MAX + 1])
{
	size_t n = strlen(name);

	if (n < 5 || n > ADUAN_ID_MAX + 4 || strcmp(name + n - 4, ".log") != 0)
		return -1;
	memcpy(id, name, n - 4);
	id[n - 4] = '\0';
	return aduan_id_check(id, NULL);
}

/* IDs in order: by year, then by number (longer numbers are larger). */
static int
cmp_id(const void *a, const void *b)
{
	const char *x = a, *y = b;
	size_t lx = strlen(x), ly = strlen(y);
	int r = strncmp(x, y, 4);

	if (r != 0)
		return r;
	if (lx != ly)
		return lx < ly ? -1 : 1;
	return strcmp(x, y);
}

int
aduan_store_scan(struct aduan_store *st, int all,
    int (*fn)(const char *, int, void *), void *arg, struct aduan_err *err)
{
	char (*ids)[ADUAN_ID_MAX + 2] = NULL, id[ADUAN_ID_MAX + 1];
	size_t n = 0, cap = 0, i;
	struct dirent *de;
	DIR *d;
	int pass, fd, r = 0;

	for (pass = 0; pass < 1 + !!all; pass++) {
		fd = openat(pass ? st->closedfd : st->openfd, ".", O_RDONLY |
		    O_DIRECTORY | O_CLOEXEC);
		if (fd == -1 || (d = fdopendir(fd)) == NULL) {
			if (fd != -1)
				close(fd);
			free(ids);
			return err_set(err, ADUAN_E_IO, _("cannot list the "
			    "cases: %s"), strerror(errno));
		}
		while ((de = readdir(d)) != NULL) {
			if (name_id(de->d_name, id) == -1)
				continue;
			if (n == cap) {
				void *p = realloc(ids, (cap = cap ? cap * 2 :
				    256) * sizeof(*ids));

				if (p == NULL) {
					closedir(d);
					free(ids);
					return err_set(err, ADUAN_E_IO,
					    _("out of memory"));
				}
				ids = p;
			}
			/* The last byte says which directory it came from. */
			memcpy(ids[n], id, sizeof(id));
			ids[n++][ADUAN_ID_MAX + 1] = (char)pass;
		}
		closedir(d);
	}
	qsort(ids, n, sizeof(*ids), cmp_id);
	for (i = 0; i < n && r == 0; i++)
		r = fn(ids[i], ids[i][ADUAN_ID_MAX + 1], arg);
	free(ids);
	return r;
}

/* Whether a log for id exists in open/ or closed/. */
static int
taken(struct aduan_store *st, const char *id)
{
	char name[ADUAN_ID_MAX + 8];

	snprintf(name, sizeof(name), "%s.log", id);
	return faccessat(st->openfd, name, F_OK, AT_SYMLINK_NOFOLLOW) == 0 ||
	    faccessat(st->closedfd, name, F_OK, AT_SYMLINK_NOFOLLOW) == 0;
}

/* A file of seq/ that is not a plain file: refused, into err; -1. */
static int
not_plain(struct aduan_store *st, const char *name, struct aduan_err *err)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/seq/%s", st->dir, name);
	return err_at(err, ADUAN_E_IO, path, 0, 0, _("not a plain file (a "
	    "link or a special file); refusing to use it; nothing was "
	    "recorded"));
}

/*
 * Open the hint seq/YEAR into *fd, or -1 there when there is none or it
 * cannot be opened: numbers are checked against the logs anyway.  One that
 * is not a plain file is refused (-1 and err): a FIFO would hang the read,
 * a link would carry the write out of the data directory.
 */
static int
open_hint(struct aduan_store *st, const char *year, int *fd,
    struct aduan_err *err)
{
	struct stat sb;
	int e;

	*fd = open_beneath(st->seqfd, year, O_RDWR, 0);
	if (*fd == -1 && (errno == EACCES || errno == EROFS))
		*fd = open_beneath(st->seqfd, year, O_RDONLY, 0);
	if (*fd != -1 && check_plain(*fd, &sb) == 0)
		return 0;
	e = errno;
	if (*fd != -1) {
		close(*fd);
		*fd = -1;
	} else if (e != ELOOP && e != EXDEV && e != EISDIR && e != ENXIO)
		return 0;
	return not_plain(st, year, err);
}

static long
read_hint(int fd)
{
	char buf[32];
	ssize_t n;
	long v = 0;

	if (fd == -1 || (n = pread(fd, buf, sizeof(buf) - 1, 0)) <= 0)
		return 0;
	buf[n] = '\0';
	for (char *p = buf; *p >= '0' && *p <= '9' && v < 100000000L; p++)
		v = v * 10 + (*p - '0');
	return v;
}

/*
 * Write the hint on fd, or on a new seq/YEAR when there was none.  It
 * needs no fsync: numbers are checked against the logs anyway.
 */
static void
write_hint(struct aduan_store *st, int fd, const char *year, long n)
{
	struct stat sb;
	char buf[32];
	int len, own = fd == -1;

	if (own && (fd = open_beneath(st->seqfd, year, O_RDWR | O_CREAT,
	    0660)) == -1)
		return;
	if (own && check_plain(fd, &sb) == -1) {
		close(fd);
		return;
	}
	fchmod(fd, 0660);
	len = snprintf(buf, sizeof(buf), "%010ld\n", n);
	if (pwrite(fd, buf, (size_t)len, 0) != len)
		(void)ftruncate(fd, 0);
	if (own)
		close(fd);
}

/*
 * A complete unnamed file of the given mode holding data in the directory
 * dirfd: its fd, and in tmpname the name it has when O_TMPFILE was not
 * available ("" otherwise).
 */
static int
build_file(struct aduan_store *st, int dirfd, const char *data, size_t n,
    mode_t mode, char tmpname[64])
{
	int fd, e;

	tmpname[0] = '\0';
	fd = -1;
	if (io_fault(st) == -1)
		return -1;
#ifndef ADUAN_UNSAFE
	fd = openat(dirfd, ".", O_TMPFILE | O_RDWR | O_CLOEXEC, 0660);
#else
	errno = EOPNOTSUPP;
#endif
	if (fd == -1 && (errno == EOPNOTSUPP || errno == EISDIR ||
	    errno == EINVAL)) {
		snprintf(tmpname, 64, ".tmp.%ld", (long)getpid());
		unlinkat(dirfd, tmpname, 0);
		fd = openat(dirfd, tmpname, O_RDWR | O_CREAT | O_EXCL |
		    O_NOFOLLOW | O_CLOEXEC, 0660);
	}
	if (fd == -1)
		return -1;
	if (fchmod(fd, mode) == -1 || write_all(st, fd, data, n) == -1 ||
	    io_fsync(st, fd) == -1) {
		e = errno;
		close(fd);
		if (tmpname[0] != '\0')
			unlinkat(dirfd, tmpname, 0);
		errno = e;
		return -1;
	}
	return fd;
}

/* Link the built file to name in dirfd; -1 with errno (EEXIST: taken). */
static int
link_file(struct aduan_store *st, int dirfd, int fd, const char *tmpname,
    const char *name)
{
	char proc[64];

	if (io_fault(st) == -1)
		return -1;
#ifdef ADUAN_UNSAFE
	/* The negative control of the stress tests: rename over a name. */
	if (tmpname[0] != '\0')
		return renameat(dirfd, tmpname, dirfd, name);
#endif
	if (tmpname[0] != '\0')
		return linkat(dirfd, tmpname, dirfd, name, 0);
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	return linkat(AT_FDCWD, proc, dirfd, name, AT_SYMLINK_FOLLOW);
}

int
aduan_store_create(struct aduan_store *st, int year, const char *nomor,
    const char *revisi, const struct aduan_event *evs, int n, time_t now,
    long utcoff, char id[ADUAN_ID_MAX + 1], struct aduan_err *err)
{
	char ys[8], name[ADUAN_ID_MAX + 8], tmpname[64], hash[65], *buf;
	size_t len, k, cap = (size_t)(n + 1) * ADUAN_LINE_MAX;
	struct stat sb;
	int i;
	long num;
	int lk, hint = -1, fd = -1, r = -1, e;

	if (year < 1970 || year > 9999)
		return err_set(err, ADUAN_E_USAGE, _("year %d is out of range"),
		    year);
	if ((buf = malloc(cap)) == NULL)
		return err_set(err, ADUAN_E_IO, _("out of memory"));
	snprintf(ys, sizeof(ys), "%04d", year);
	lk = open_beneath(st->seqfd, ".lock", O_RDWR | O_CREAT, 0660);
	if (lk != -1 ? check_plain(lk, &sb) == -1 : errno == ELOOP ||
	    errno == EXDEV || errno == EISDIR || errno == ENXIO) {
		not_plain(st, ".lock", err);
		goto out;
	}
	if (lk == -1 || lock_wait(lk, LOCK_EX, st->wait) == -1) {
		e = errno;
		err_set(err, e == EWOULDBLOCK ? ADUAN_E_LOCKED : ADUAN_E_IO,
		    e == EWOULDBLOCK ? _("the data directory is busy (another "
		    "'aduan new' holds it); nothing was recorded; try again") :
		    _("cannot take the allocator lock: %s"), strerror(e));
		goto out;
	}
	fchmod(lk, 0660);
	if (open_hint(st, ys, &hint, err) == -1)
		goto out;
	for (num = read_hint(hint) + 1; num < 100000000L; num++) {
		snprintf(id, ADUAN_ID_MAX + 1, "%s-%04ld", ys, num);
		if (taken(st, id))
			continue;
		if ((len = log_header_line(buf, ADUAN_LINE_MAX, id, nomor,
		    revisi, hash)) == 0)
			goto toolong;
		for (i = 0; i < n; i++) {
			if ((k = log_event_line(buf + len, cap - len, hash,
			    i + 1, now, &evs[i], utcoff, hash)) == 0)
				goto toolong;
			len += k;
		}
		if ((fd = build_file(st, st->openfd, buf, len, 0660,
		    tmpname)) == -1) {
			err_set(err, ADUAN_E_IO, _("cannot write the new case: "
			    "%s; nothing was recorded"), strerror(errno));
			goto out;
		}
		snprintf(name, sizeof(name), "%s.log", id);
		e = link_file(st, st->openfd, fd, tmpname, name) == -1 ?
		    errno : 0;
		if (tmpname[0] != '\0')
			unlinkat(st->openfd, tmpname, 0);
		close(fd);
		fd = -1;
		if (e == EEXIST)
			continue;
		if (e != 0) {
			err_set(err, ADUAN_E_IO, _("cannot name the new case: "
			    "%s; nothing was recorded"), strerror(e));
			goto out;
		}
		if (io_fsync(st, st->openfd) == -1) {
			err_set(err, ADUAN_E_IO, _("%s: the disk did not "
			    "confirm the new case (%s); it is NOT confirmed as "
			    "recorded"), id, strerror(errno));
			goto out;
		}
		write_hint(st, hint, ys, num);
		r = 0;
		break;
	}
	if (r == -1 && err->cat == ADUAN_E_NONE)
		err_set(err, ADUAN_E_IO, _("no case number left for %s"), ys);
	goto out;
toolong:
	err_set(err, ADUAN_E_USAGE, _("the complaint is too long for one line "
	    "(at most %d bytes)"), ADUAN_LINE_MAX);
out:
	if (hint != -1)
		close(hint);
	if (lk != -1)
		close(lk);
	free(buf);
	return r;
}

/* ---- the SOP revisions the cases run under (DATA/sop/) ---- */

/* The file name of the copy of an SOP revision. */
static void
kept_name(const char *nomor, const char *revisi, char name[72])
{
	struct sha256_ctx c;
	uint8_t dig[SHA256_DIGEST_SIZE];
	int i;

	sha256_init(&c);
	sha256_update(&c, strlen(nomor), (const uint8_t *)nomor);
	sha256_update(&c, 1, (const uint8_t *)"\n");
	sha256_update(&c, strlen(revisi), (const uint8_t *)revisi);
	sha256_update(&c, 1, (const uint8_t *)"\n");
	sha256_digest(&c, sizeof(dig), dig);
	for (i = 0; i < SHA256_DIGEST_SIZE; i++)
		snprintf(name + 2 * i, 3, "%02x", dig[i]);
	strcpy(name + 2 * SHA256_DIGEST_SIZE, ".yaml");
}

/*
 * Read the kept copy name from sop/ (dfd) into *buf: 1, or 0 when there is
 * none, or -1 (not a plain file, or unreadable).
 */
static int
read_kept(struct aduan_store *st, int dfd, const char *name, char **buf,
    size_t *len, struct aduan_err *err)
{
	char path[PATH_MAX];
	struct stat sb;
	int fd, r;

	snprintf(path, sizeof(path), "%s/sop/%s", st->dir, name);
	if ((fd = open_beneath(dfd, name, O_RDONLY, 0)) == -1) {
		if (errno == ENOENT)
			return 0;
		return err_at(err, ADUAN_E_IO, path, 0, 0, _("cannot read "
		    "the kept SOP: %s"), strerror(errno));
	}
	if (check_plain(fd, &sb) == -1) {
		close(fd);
		return err_at(err, ADUAN_E_CORRUPT, path, 0, 0, _("the kept "
		    "SOP is not a plain file (a link or a device); it was not "
		    "read"));
	}
	r = yaml_read_fd(fd, path, buf, len, err);
	close(fd);
	return r == -1 ? -1 : 1;
}

/*
 * Whether the copy kept of sop's revision is sop's text: 1, 0 when none is
 * kept, -1 when it differs (the SOP was changed without a new revision).
 */
static int
same_kept(struct aduan_store *st, int dfd, const char *name,
    const struct aduan_sop *sop, struct aduan_err *err)
{
	const char *text;
	char *buf = NULL;
	size_t len, n;
	int r;

	if ((r = read_kept(st, dfd, name, &buf, &n, err)) != 1)
		return r;
	text = aduan_sop_text(sop, &len);
	r = n == len && memcmp(buf, text, len) == 0;
	free(buf);
	if (r)
		return 1;
	return err_at(err, ADUAN_E_CONFIG, aduan_sop_path(sop), 0, 0,
	    _("this SOP (%s revision %s) differs from the copy of that "
	    "revision kept in %s/sop/%s, under which its cases run; give "
	    "the changed SOP a new revisi, or restore the file"),
	    aduan_sop_meta(sop, "nomor"), aduan_sop_meta(sop, "revisi"),
	    st->dir, name);
}

int
aduan_store_keep_sop(struct aduan_store *st, const struct aduan_sop *sop,
    struct aduan_err *err)
{
	char name[72], tmpname[64];
	const char *text;
	size_t len;
	int dfd, fd, r, e;

	kept_name(aduan_sop_meta(sop, "nomor"), aduan_sop_meta(sop, "revisi"),
	    name);
	if ((dfd = subdir(st->dirfd, "sop", 1)) == -1)
		return subdir_err(st->dirfd, st->dir, "sop", errno, err);
	if ((r = same_kept(st, dfd, name, sop, err)) == 0) {
		text = aduan_sop_text(sop, &len);
		if ((fd = build_file(st, dfd, text, len, 0440, tmpname)) ==
		    -1) {
			r = -1;
			err_set(err, ADUAN_E_IO, _("cannot keep a copy of the "
			    "SOP: %s; nothing was recorded"), strerror(errno));
			goto out;
		}
		e = link_file(st, dfd, fd, tmpname, name) == -1 ? errno : 0;
		if (tmpname[0] != '\0')
			unlinkat(dfd, tmpname, 0);
		close(fd);
		if (e == EEXIST)	/* kept by another clerk meanwhile */
			r = same_kept(st, dfd, name, sop, err);
		else if (e != 0 || io_fsync(st, dfd) == -1) {
			r = -1;
			err_set(err, ADUAN_E_IO, _("cannot keep a copy of the "
			    "SOP: %s; nothing was recorded"),
			    strerror(e != 0 ? e : errno));
		} else
			r = 1;
	}
out:
	close(dfd);
	return r == 1 ? 0 : -1;
}

const struct aduan_sop *
aduan_store_sop(struct aduan_store *st, const struct aduan_sop *current,
    const char *nomor, const char *revisi, struct aduan_err *err)
{
	struct kept_sop *ks;
	char path[PATH_MAX], *buf = NULL;
	size_t len;
	int i, dfd, r;

	for (i = 0; i < st->nsops; i++) {
		ks = &st->sops[i];
		if (strcmp(aduan_sop_meta(ks->sop, "nomor"), nomor) == 0 &&
		    strcmp(aduan_sop_meta(ks->sop, "revisi"), revisi) == 0)
			return ks->sop;
	}
	if ((ks = realloc(st->sops, sizeof(*ks) * (size_t)(st->nsops + 1))) ==
	    NULL) {
		err_set(err, ADUAN_E_IO, _("out of memory"));
		return NULL;
	}
	st->sops = ks;
	ks = &st->sops[st->nsops];
	memset(ks, 0, sizeof(*ks));
	kept_name(nomor, revisi, ks->name);
	snprintf(path, sizeof(path), "%s/sop/%s", st->dir, ks->name);
	dfd = subdir(st->dirfd, "sop", 0);
	if (dfd == -1 && errno != ENOENT) {
		subdir_err(st->dirfd, st->dir, "sop", errno, err);
		return NULL;
	}
	if (strcmp(aduan_sop_meta(current, "nomor"), nomor) == 0 &&
	    strcmp(aduan_sop_meta(current, "revisi"), revisi) == 0) {
		r = dfd == -1 ? 0 : same_kept(st, dfd, ks->name, current, err);
		ks->sop = current;
	} else {
		r = dfd == -1 ? 0 : read_kept(st, dfd, ks->name, &buf, &len,
		    err);
		if (r == 0)
			err_set(err, ADUAN_E_CONFIG, _("the case runs under SOP "
			    "%s revision %s, but the SOP loaded is %s revision "
			    "%s and the data directory keeps no copy of that "
			    "revision (%s); give that revision with --sop"),
			    nomor, revisi, aduan_sop_meta(current, "nomor"),
			    aduan_sop_meta(current, "revisi"), path);
		else if (r == 1 && (ks->owned = sop_parse(path, buf, len,
		    sop_calpath(current), err)) == NULL)
			r = -1;
		else if (r == 1 && (strcmp(aduan_sop_meta(ks->owned, "nomor"),
		    nomor) != 0 || strcmp(aduan_sop_meta(ks->owned, "revisi"),
		    revisi) != 0)) {
			err_at(err, ADUAN_E_CORRUPT, path, 0, 0, _("the kept "
			    "SOP is %s revision %s, not the %s revision %s its "
			    "name says"), aduan_sop_meta(ks->owned, "nomor"),
			    aduan_sop_meta(ks->owned, "revisi"), nomor, revisi);
			aduan_sop_free(ks->owned);
			ks->owned = NULL;
			r = -1;
		}
		ks->sop = ks->owned;
		free(buf);
	}
	if (dfd != -1)
		close(dfd);
	if (r == -1 || ks->sop == NULL)
		return NULL;
	st->nsops++;
	return ks->sop;
}
