/*
 * io.c - the system-call discipline of every file the core writes
 * (aduan-log(5), INTERNALS): names are opened beneath a directory
 * descriptor with no symbolic link followed and never block on a FIFO; a
 * file is used only when it is a regular file with one link; locks are
 * flock(2) with a bounded wait; a write is retried on short writes and
 * EINTR; a new file is made whole and unnamed, fsync'd, then linked to
 * its name, never over one, and its directory fsync'd.  Every call that
 * changes the disk passes the test seam first (struct io_seam).
 */
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

int
open_beneath(int dirfd, const char *name, int flags, mode_t mode)
{
	struct open_how how;
	int fd;

	/*
	 * A name of one component, not a dot: O_NOFOLLOW alone keeps it a
	 * file of dirfd, as the resolve flags do for a path.
	 */
	if (strchr(name, '/') == NULL && strcmp(name, ".") != 0 &&
	    strcmp(name, "..") != 0)
		return openat(dirfd, name, flags | O_NOFOLLOW | O_CLOEXEC |
		    O_NONBLOCK, mode);
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
io_fault(struct io_seam *s)
{
	if (s == NULL || s->at <= 0 || ++s->calls != s->at)
		return 0;
	if (s->err == 0)
		raise(SIGKILL);
	errno = s->err;
	return -1;
}

int
write_all(struct io_seam *st, int fd, const char *buf, size_t n)
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
io_fsync(struct io_seam *st, int fd)
{
	if (io_fault(st) == -1)
		return -1;
	return fsync(fd);
}

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

int
io_mkdir_p(const char *path)
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

int
io_subdir(int dirfd, const char *name, int create)
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

int
io_not_plain(int e)
{
	return e == ELOOP || e == EXDEV || e == EISDIR || e == ENXIO ||
	    e == EMLINK || e == EINVAL;
}

int
io_new_file(struct io_seam *seam, int dirfd, const char *name,
    const char *data, size_t n, mode_t mode)
{
	char tmpname[64], proc[64];
	int fd, e, r;

	tmpname[0] = '\0';
	if (io_fault(seam) == -1)
		return -1;
	fd = openat(dirfd, ".", O_TMPFILE | O_RDWR | O_CLOEXEC, 0660);
	if (fd == -1 && (errno == EOPNOTSUPP || errno == EISDIR ||
	    errno == EINVAL)) {
		snprintf(tmpname, sizeof(tmpname), ".tmp.%ld", (long)getpid());
		unlinkat(dirfd, tmpname, 0);
		fd = openat(dirfd, tmpname, O_RDWR | O_CREAT | O_EXCL |
		    O_NOFOLLOW | O_CLOEXEC, 0660);
	}
	if (fd == -1)
		return -1;
	if (fchmod(fd, mode) == -1 || write_all(seam, fd, data, n) == -1 ||
	    io_fsync(seam, fd) == -1 || io_fault(seam) == -1)
		r = -1;
	else if (tmpname[0] != '\0')
		r = linkat(dirfd, tmpname, dirfd, name, 0);
	else {
		snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
		r = linkat(AT_FDCWD, proc, dirfd, name, AT_SYMLINK_FOLLOW);
	}
	e = errno;
	if (tmpname[0] != '\0')
		unlinkat(dirfd, tmpname, 0);
	close(fd);
	if (r == 0 && io_fsync(seam, dirfd) == -1) {
		e = errno;
		r = -2;
	}
	errno = e;
	return r;
}

static char tmpdir[PATH_MAX - 16] = "/tmp";

void
aduan_tmpdir(const char *dir)
{
	if (dir == NULL || dir[0] != '/' || strlen(dir) >= sizeof(tmpdir))
		dir = "/tmp";
	memcpy(tmpdir, dir, strlen(dir) + 1);
}

int
io_tmpfile(void)
{
	const char *dir = tmpdir;
	char path[PATH_MAX];
	int fd;

	if ((fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600)) != -1)
		return fd;
	if ((size_t)snprintf(path, sizeof(path), "%s/aduan-XXXXXX", dir) >=
	    sizeof(path) || (fd = mkostemp(path, O_CLOEXEC)) == -1)
		return -1;
	unlink(path);
	return fd;
}
