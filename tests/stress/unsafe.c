/*
 * unsafe.c - the negative control of the stress tests: linked into
 * stress-unsafe with --wrap, it takes the locks and the no-replace
 * creation out of the library's real code paths, so that the checkers of
 * stress.c can be shown to fail without them.  flock always succeeds
 * without locking; O_TMPFILE is "not supported", so that a new file gets
 * a tmp name; and a link of that name becomes a rename, which replaces.
 */

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

int __real_openat(int, const char *, int, ...);

int
__wrap_flock(int fd, int op)
{
	(void)fd;
	(void)op;
	return 0;
}

int
__wrap_openat(int dirfd, const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;

	if ((flags & O_TMPFILE) == O_TMPFILE) {
		errno = EOPNOTSUPP;
		return -1;
	}
	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	return __real_openat(dirfd, path, flags, mode);
}

int
__wrap_linkat(int olddirfd, const char *old, int newdirfd, const char *new,
    int flags)
{
	(void)flags;
	return renameat(olddirfd, old, newdirfd, new);
}
