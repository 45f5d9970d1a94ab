/*
 * store.c - the data directory (aduan-log(5)): its layout, the names of
 * the case logs and case IDs.
 *
 *   DATA/open/ID.log     open cases: the overdue scan reads only these
 *   DATA/closed/ID.log   closed cases, moved here after their last event
 *   DATA/seq/YEAR        the last number given out that year (a hint)
 *   DATA/seq/.lock       the allocator lock
 *   DATA/seq/surat-YEAR  the last letter number given out that year (a hint)
 *   DATA/surat/YEAR-NNNN the register of letters: one file per number,
 *                        naming its case, kind and letter (printed.c)
 *
 * The scan of the cases by ID is scan.c's.
 *
 * Creation protocol: under the allocator lock (flock LOCK_EX, bounded
 * wait) take the number after the hint, passing over any whose log exists
 * in open/ or closed/; have the whole file encoded (log.c) and made by
 * io_new_file in open/ (EEXIST: the next number; never a rename over a
 * name); write the hint.  A crash leaves no case or a whole one, and a
 * number is never given twice.  A case closes by a rename from open/ to
 * closed/ under the same lock, never over a name, both directories
 * synced.  Directories are made setgid 02770 and files 0660, whatever the
 * umask, so that a group of clerks can share the directory.
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

/*
 * Why the subdirectory name of the data directory dir could not be opened,
 * into err; -1.  A symbolic link is named as one: following it would take
 * every command out of the data directory.
 */
int
store_subdir_err(int dirfd, const char *dir, const char *name, int e,
    struct aduan_err *err)
{
	char path[PATH_MAX];
	struct stat sb;

	if (e == ENOENT) {
		err_at(err, ADUAN_E_NOTFOUND, dir, 0, 0, _("not an aduan data "
		    "directory yet (no open/, closed/ and seq/)"));
		return err_hint(err, ADUAN_HINT_DATADIR, 0);
	}
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
		if (io_mkdir_p(dir) == -1) {
			err_at(err, ADUAN_E_IO, dir, 0, 0, _("cannot create the "
			    "data directory: %s"), strerror(errno));
			goto fail;
		}
		st->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	}
	if (st->dirfd == -1) {
		e = errno;
		if (e == ENOENT)
{
			err_at(err, ADUAN_E_NOTFOUND, dir, 0, 0, _("no data "
			    "directory here yet"));
			err_hint(err, ADUAN_HINT_DATADIR, 0);
		}
		else
			err_at(err, e == ENOTDIR ? ADUAN_E_CONFIG : ADUAN_E_IO,
			    dir, 0, 0, _("cannot open the data directory: %s"),
			    strerror(e));
		goto fail;
	}
	if ((st->openfd = io_subdir(st->dirfd, sub = "open", create)) == -1 ||
	    (st->closedfd = io_subdir(st->dirfd, sub = "closed", create)) == -1 ||
	    (st->seqfd = io_subdir(st->dirfd, sub = "seq", create)) == -1) {
		store_subdir_err(st->dirfd, dir, sub, errno, err);
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
	log_close_spare(st);
	free(st->dir);
	free(st);
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
	} else if (!io_not_plain(e))
		return 0;
	return not_plain(st, year, err);
}

/* The highest number of year a log has in open/ or closed/, or 0. */
static long
highest(struct aduan_store *st, const char *year)
{
	char id[ADUAN_ID_MAX + 1];
	struct dirent *de;
	long best = 0, v;
	int pass, fd;
	DIR *d;

	for (pass = 0; pass < 2; pass++) {
		fd = openat(pass ? st->closedfd : st->openfd, ".", O_RDONLY |
		    O_DIRECTORY | O_CLOEXEC);
		if (fd == -1 || (d = fdopendir(fd)) == NULL) {
			if (fd != -1)
				close(fd);
			continue;
		}
		while ((de = readdir(d)) != NULL)
			if (store_name_id(de->d_name, id) == 0 &&
			    strncmp(id_year(id), year, 4) == 0 &&
			    (v = strtol(id_year(id) + 5, NULL, 10)) > best)
				best = v;
		closedir(d);
	}
	return best;
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

void
store_fault(struct aduan_store *st, long n, int err)
{
	st->seam.calls = 0;
	st->seam.at = n;
	st->seam.err = err;
}

int
store_forked(struct aduan_store *st, const char *id)
{
	char name[ADUAN_ID_MAX + 16];

	snprintf(name, sizeof(name), "fork/%s.log", id);
	return faccessat(st->dirfd, name, F_OK, AT_SYMLINK_NOFOLLOW) == 0;
}

int
aduan_store_has(struct aduan_store *st, const char *id)
{
	return aduan_id_check(id, NULL) == 0 && store_has_case(st, id);
}

int
store_has_case(struct aduan_store *st, const char *id)
{
	char name[ADUAN_ID_MAX + 8];

	snprintf(name, sizeof(name), "%s.log", id);
	return faccessat(st->openfd, name, F_OK, AT_SYMLINK_NOFOLLOW) == 0 ||
	    faccessat(st->closedfd, name, F_OK, AT_SYMLINK_NOFOLLOW) == 0;
}

int
store_open_log_in(struct aduan_store *st, const char *id, int flags,
    int first, int *closed, struct aduan_err *err)
{
	char name[ADUAN_ID_MAX + 8];
	size_t n = strnlen(id, ADUAN_ID_MAX);
	int fd;

	memcpy(name, id, n);
	memcpy(name + n, ".log", 5);
	*closed = first == 1;
	fd = open_beneath(*closed ? st->closedfd : st->openfd, name, flags, 0);
	if (fd == -1 && errno == ENOENT) {
		*closed = !*closed;
		fd = open_beneath(*closed ? st->closedfd : st->openfd, name,
		    flags, 0);
	}
	if (fd != -1)
		return fd;
	if (errno == ENOENT) {
		err_case(err, ADUAN_E_NOTFOUND, id, _("no such case"));
		err_hint(err, ADUAN_HINT_LIST, 0);
	} else if (io_not_plain(errno))
		err_case(err, ADUAN_E_CORRUPT, id, _("the log is not a plain "
		    "file of the data directory (a link or a special file); "
		    "refusing to use it"));
	else
		err_case(err, ADUAN_E_IO, id, _("cannot open the log: %s"),
		    strerror(errno));
	return -1;
}

/* Take the allocator lock: its fd, or -1 with err. */
static int
alloc_lock(struct aduan_store *st, struct aduan_err *err)
{
	struct stat sb;
	int lk, e;

	lk = open_beneath(st->seqfd, ".lock", O_RDWR | O_CREAT, 0660);
	if (lk != -1 ? check_plain(lk, &sb) == -1 : io_not_plain(errno)) {
		if (lk != -1)
			close(lk);
		not_plain(st, ".lock", err);
		return -1;
	}
	if (lk == -1 || lock_wait(lk, LOCK_EX, st->wait) == -1) {
		e = errno;
		if (lk != -1)
			close(lk);
		if (e == EWOULDBLOCK)
			return err_set(err, ADUAN_E_LOCKED, _("the data "
			    "directory is busy (another clerk is opening a "
			    "case); nothing was recorded; try again"));
		return err_set(err, ADUAN_E_IO, _("cannot take the allocator "
		    "lock: %s"), strerror(e));
	}
	fchmod(lk, 0660);
	return lk;
}

/* Whether number num of year ys is a case, with the code or without. */
static int
taken(struct aduan_store *st, const char *ys, long num)
{
	char name[48];

	num %= 100000000L;
	snprintf(name, sizeof(name), "%.4s-%04ld", ys, num);
	if (store_has_case(st, name))
		return 1;
	snprintf(name, sizeof(name), "%s-%.4s-%04ld", st->office, ys, num);
	return st->office[0] != '\0' && store_has_case(st, name);
}

int
aduan_store_office(struct aduan_store *st, const char *code,
    struct aduan_err *err)
{
	char id[32];

	if (code == NULL || code[0] == '\0') {
		st->office[0] = '\0';
		return 0;
	}
	/* A code is what an ID of the office can start with. */
	snprintf(id, sizeof(id), "%.8s-2026-0001", code);
	if (strlen(code) > 6 || aduan_id_check(id, NULL) == -1 ||
	    id_year(id) == id)
		return err_set(err, ADUAN_E_CONFIG, _("office code '%s': two to "
		    "six capital letters or digits, a letter first, as KRG"),
		    code);
	snprintf(st->office, sizeof(st->office), "%s", code);
	return 0;
}

int
store_new_case(struct aduan_store *st, int year,
    size_t (*encode)(void *, const char *, char *, size_t), void *arg,
    size_t cap, char id[ADUAN_ID_MAX + 1], struct aduan_err *err)
{
	char ys[8], name[ADUAN_ID_MAX + 8], *buf;
	size_t len;
	long num;
	int lk = -1, hint = -1, r = -1, e;

	if (year < 1970 || year > 9999)
		return err_set(err, ADUAN_E_USAGE, _("year %d is out of range"),
		    year);
	if ((buf = malloc(cap)) == NULL)
		return err_set(err, ADUAN_E_IO, _("out of memory"));
	snprintf(ys, sizeof(ys), "%04d", year);
	aduan_err_clear(err);
	if ((lk = alloc_lock(st, err)) == -1 ||
	    open_hint(st, ys, &hint, err) == -1)
		goto out;
	/*
	 * The hint is trusted only as far as the logs show: one that names
	 * a number no log has (a hint planted, or left by hand) is replaced
	 * by the highest number there is.
	 */
	num = read_hint(hint) % 100000000L;
	if (num > 0 && !taken(st, ys, num))
		num = highest(st, ys);
	for (num++; num < 100000000L; num++) {
		/* A number is the office's once, with its code or without. */
		if (taken(st, ys, num))
			continue;
		snprintf(name, sizeof(name), "%s%s%.4s-%04ld", st->office,
		    st->office[0] ? "-" : "", ys, num % 100000000L);
		memcpy(id, name, ADUAN_ID_MAX);
		id[ADUAN_ID_MAX] = '\0';
		if ((len = encode(arg, id, buf, cap)) == 0) {
			err_set(err, ADUAN_E_USAGE, _("the complaint is too "
			    "long for one line (at most %d bytes)"),
			    ADUAN_LINE_MAX);
			goto out;
		}
		snprintf(name, sizeof(name), "%s.log", id);
		e = io_new_file(&st->seam, st->openfd, name, buf, len, 0660);
		if (e == -1 && errno == EEXIST)
			continue;
		if (e == -1) {
			err_set(err, ADUAN_E_IO, _("cannot write the new case: "
			    "%s; nothing was recorded"), strerror(errno));
			goto out;
		}
		if (e == -2) {
			err_case(err, ADUAN_E_IO, id, _("the disk did not "
			    "confirm the new case (%s); it is NOT confirmed as "
			    "recorded"), strerror(errno));
			goto out;
		}
		write_hint(st, hint, ys, num);
		r = 0;
		break;
	}
	if (r == -1 && err->cat == ADUAN_E_NONE)
		err_set(err, ADUAN_E_IO, _("no case number left for %s"), ys);
out:
	if (hint != -1)
		close(hint);
	if (lk != -1)
		close(lk);
	free(buf);
	return r;
}

long
store_take_number(struct aduan_store *st, int dfd, const char *year,
    const char *line, size_t len, struct aduan_err *err)
{
	char hname[32], name[32];
	long num, r = -1;
	int lk, hint = -1, e;

	snprintf(hname, sizeof(hname), "surat-%s", year);
	aduan_err_clear(err);
	if ((lk = alloc_lock(st, err)) == -1)
		return -1;
	if (open_hint(st, hname, &hint, err) == -1)
		goto out;
	/* The hint is a hint: a number whose file exists is passed over. */
	for (num = read_hint(hint) % 100000000L + 1; num < 100000000L; num++) {
		snprintf(name, sizeof(name), "%s-%04ld", year, num);
		e = io_new_file(&st->seam, dfd, name, line, len, 0660);
		if (e == -1 && errno == EEXIST)
			continue;
		if (e != 0) {
			err_set(err, ADUAN_E_IO, _("cannot write the register "
			    "of letters (surat/%s): %s; no number was given"),
			    name, strerror(errno));
			goto out;
		}
		write_hint(st, hint, hname, num);
		r = num;
		break;
	}
	if (r == -1 && err->cat == ADUAN_E_NONE)
		err_set(err, ADUAN_E_IO, _("no letter number left for %s"),
		    year);
out:
	if (hint != -1)
		close(hint);
	close(lk);
	return r;
}

int
store_move_closed(struct aduan_store *st, const char *id,
    struct aduan_err *err)
{
	char name[ADUAN_ID_MAX + 8];
	int lk, r;

	snprintf(name, sizeof(name), "%s.log", id);
	/* The allocator lock: a move never races the choice of a number. */
	if ((lk = alloc_lock(st, err)) == -1)
		return err_id(err, id);
	r = io_fault(&st->seam) == -1 ? -1 : renameat2(st->openfd, name,
	    st->closedfd, name, RENAME_NOREPLACE);
	if (r == -1 && errno != ENOENT) {
		r = errno;
		close(lk);
		return err_case(err, ADUAN_E_IO, id, _("cannot move the log to "
		    "closed/: %s"), strerror(r));
	}
	close(lk);
	if (io_fsync(&st->seam, st->closedfd) == -1 ||
	    io_fsync(&st->seam, st->openfd) == -1)
		return err_case(err, ADUAN_E_IO, id, _("cannot sync the data "
		    "directory: %s"), strerror(errno));
	return 0;
}

int
aduan_store_choose(struct aduan_store *st, const struct aduan_sop *sop,
    const char *id, int theirs, char *kept, size_t kn,
    struct aduan_err *err)
{
	char fork[ADUAN_ID_MAX + 16], aside[ADUAN_ID_MAX + 32], log[40];
	struct aduan_case *c;
	int lk, n, r = -1, closed, fd, dirfd;

	aduan_err_clear(err);
	if (aduan_id_check(id, err) == -1)
		return -1;
	if (!store_forked(st, id))
		return err_case(err, ADUAN_E_NOTFOUND, id, _("the case has no "
		    "second history to choose from (no DATA/fork/%s.log)"), id);
	if ((lk = alloc_lock(st, err)) == -1)
		return -1;
	snprintf(fork, sizeof(fork), "fork/%s.log", id);
	/* The history not chosen is kept, under a name of its own. */
	for (n = 1; n < 1000; n++) {
		snprintf(aside, sizeof(aside), "fork/%s.%s.%d.log", id, theirs ?
		    "sini" : "sana", n);
		if (faccessat(st->dirfd, aside, F_OK, AT_SYMLINK_NOFOLLOW) == -1)
			break;
	}
	snprintf(log, sizeof(log), "%s.log", id);
	if (!theirs) {
		if (renameat(st->dirfd, fork, st->dirfd, aside) == 0)
			r = 0;
	} else if ((fd = store_open_log(st, id, O_RDONLY, &closed, err)) !=
	    -1) {
		close(fd);
		dirfd = closed ? st->closedfd : st->openfd;
		/* This place's log aside, the other's in its place. */
		if (renameat(dirfd, log, st->dirfd, aside) == 0 &&
		    renameat(st->dirfd, fork, st->openfd, log) == 0)
			r = 0;
	}
	if (r == 0) {
		/* The names made to last: both folders synced. */
		io_fsync(&st->seam, st->dirfd);
		io_fsync(&st->seam, st->openfd);
	} else if (err->cat == ADUAN_E_NONE)
		err_case(err, ADUAN_E_IO, id, _("cannot choose: %s"),
		    strerror(errno));
	close(lk);
	if (r == 0 && theirs && (c = aduan_case_load(st, sop, id, ADUAN_READ,
	    err)) != NULL) {
		/* The other's, closed there: with the closed cases here. */
		if (aduan_case_next(c) == 0)
			r = store_move_closed(st, id, err);
		aduan_case_free(c);
	}
	if (r == 0)
		snprintf(kept, kn, "%s", aside);
	return r;
}
