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

#include "internal.h"

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
			if (mkdir(buf, 02770) == -1 && errno != EEXIST)
				return -1;
			*p = '/';
		}
	if (mkdir(buf, 02770) == -1) {
		if (errno != EEXIST)
			return -1;
	} else
		chmod(buf, 02770);
	return 0;
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
		if (fd != -1)
			fsync(dirfd);
	}
	return fd;
}

struct aduan_store *
aduan_store_open(const char *dir, int create, int wait,
    struct aduan_err *err)
{
	struct aduan_store *st;
	int e;

	if ((st = calloc(1, sizeof(*st))) == NULL) {
		err_set(err, ADUAN_E_IO, _("out of memory"));
		return NULL;
	}
	st->openfd = st->closedfd = st->seqfd = -1;
	st->wait = wait;
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
	if ((st->openfd = subdir(st->dirfd, "open", create)) == -1 ||
	    (st->closedfd = subdir(st->dirfd, "closed", create)) == -1 ||
	    (st->seqfd = subdir(st->dirfd, "seq", create)) == -1) {
		e = errno;
		if (e == ENOENT)
			err_at(err, ADUAN_E_NOTFOUND, dir, 0, 0, _("not an "
			    "aduan data directory yet (no open/, closed/ and "
			    "seq/); it is made by 'aduan new'"));
		else
			err_at(err, ADUAN_E_IO, dir, 0, 0, _("cannot open the "
			    "data directory: %s"), strerror(e));
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

static long
read_hint(struct aduan_store *st, const char *year)
{
	char buf[32];
	ssize_t n;
	long v = 0;
	int fd;

	if ((fd = openat(st->seqfd, year, O_RDONLY | O_NOFOLLOW |
	    O_CLOEXEC)) == -1)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	for (char *p = buf; *p >= '0' && *p <= '9' && v < 100000000L; p++)
		v = v * 10 + (*p - '0');
	return v;
}

/* The hint needs no fsync: numbers are checked against the logs anyway. */
static void
write_hint(struct aduan_store *st, const char *year, long n)
{
	char buf[32];
	int fd, len;

	fd = openat(st->seqfd, year, O_WRONLY | O_CREAT | O_NOFOLLOW |
	    O_CLOEXEC, 0660);
	if (fd == -1)
		return;
	fchmod(fd, 0660);
	len = snprintf(buf, sizeof(buf), "%010ld\n", n);
	if (pwrite(fd, buf, (size_t)len, 0) != len)
		(void)ftruncate(fd, 0);
	close(fd);
}

/*
 * A complete unnamed file holding data in open/: its fd, and in tmpname
 * the name it has when O_TMPFILE was not available ("" otherwise).
 */
static int
build_file(struct aduan_store *st, const char *data, size_t n,
    char tmpname[64])
{
	int fd, e;

	tmpname[0] = '\0';
	fd = -1;
	if (io_fault(st) == -1)
		return -1;
#ifndef ADUAN_UNSAFE
	fd = openat(st->openfd, ".", O_TMPFILE | O_RDWR | O_CLOEXEC, 0660);
#else
	errno = EOPNOTSUPP;
#endif
	if (fd == -1 && (errno == EOPNOTSUPP || errno == EISDIR ||
	    errno == EINVAL)) {
		snprintf(tmpname, 64, ".tmp.%ld", (long)getpid());
		unlinkat(st->openfd, tmpname, 0);
		fd = openat(st->openfd, tmpname, O_RDWR | O_CREAT | O_EXCL |
		    O_NOFOLLOW | O_CLOEXEC, 0660);
	}
	if (fd == -1)
		return -1;
	if (fchmod(fd, 0660) == -1 || write_all(st, fd, data, n) == -1 ||
	    io_fsync(st, fd) == -1) {
		e = errno;
		close(fd);
		if (tmpname[0] != '\0')
			unlinkat(st->openfd, tmpname, 0);
		errno = e;
		return -1;
	}
	return fd;
}

/* Link the built file to name; -1 with errno (EEXIST: number taken). */
static int
link_file(struct aduan_store *st, int fd, const char *tmpname,
    const char *name)
{
	char proc[64];

	if (io_fault(st) == -1)
		return -1;
#ifdef ADUAN_UNSAFE
	/* The negative control of the stress tests: rename over a name. */
	if (tmpname[0] != '\0')
		return renameat(st->openfd, tmpname, st->openfd, name);
#endif
	if (tmpname[0] != '\0')
		return linkat(st->openfd, tmpname, st->openfd, name, 0);
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	return linkat(AT_FDCWD, proc, st->openfd, name, AT_SYMLINK_FOLLOW);
}

int
aduan_store_create(struct aduan_store *st, int year, const char *nomor,
    const char *revisi, const struct aduan_event *evs, int n, time_t now,
    long utcoff, char id[ADUAN_ID_MAX + 1], struct aduan_err *err)
{
	char ys[8], name[ADUAN_ID_MAX + 8], tmpname[64], hash[65], *buf;
	size_t len, k, cap = (size_t)(n + 1) * ADUAN_LINE_MAX;
	int i;
	long num;
	int lk, fd = -1, r = -1, e;

	if (year < 1970 || year > 9999)
		return err_set(err, ADUAN_E_USAGE, _("year %d is out of range"),
		    year);
	if ((buf = malloc(cap)) == NULL)
		return err_set(err, ADUAN_E_IO, _("out of memory"));
	snprintf(ys, sizeof(ys), "%04d", year);
	lk = openat(st->seqfd, ".lock", O_RDWR | O_CREAT | O_NOFOLLOW |
	    O_CLOEXEC, 0660);
	if (lk == -1 || lock_wait(lk, LOCK_EX, st->wait) == -1) {
		e = errno;
		err_set(err, e == EWOULDBLOCK ? ADUAN_E_LOCKED : ADUAN_E_IO,
		    e == EWOULDBLOCK ? _("the data directory is busy (another "
		    "'aduan new' holds it); nothing was recorded; try again") :
		    _("cannot take the allocator lock: %s"), strerror(e));
		goto out;
	}
	fchmod(lk, 0660);
	for (num = read_hint(st, ys) + 1; num < 100000000L; num++) {
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
		if ((fd = build_file(st, buf, len, tmpname)) == -1) {
			err_set(err, ADUAN_E_IO, _("cannot write the new case: "
			    "%s; nothing was recorded"), strerror(errno));
			goto out;
		}
		snprintf(name, sizeof(name), "%s.log", id);
		e = link_file(st, fd, tmpname, name) == -1 ? errno : 0;
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
		write_hint(st, ys, num);
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
	if (lk != -1)
		close(lk);
	free(buf);
	return r;
}
