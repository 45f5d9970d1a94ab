/*
 * nosync.so - preloaded (LD_PRELOAD) into the commands, it turns every
 * call that asks the disk to make data durable into a no-op that reports
 * success.  The negative control of the power-cut test (powercut.bats):
 * with it the same cut must lose acknowledged events, or that test proves
 * nothing.  The commands import only fsync (nm -D cmd/aduan-*); the rest
 * are covered so that a later change cannot slip past the control.
 */
#include <fcntl.h>
#include <unistd.h>

int
fsync(int fd)
{
	(void)fd;
	return 0;
}

int
fdatasync(int fd)
{
	(void)fd;
	return 0;
}

int
syncfs(int fd)
{
	(void)fd;
	return 0;
}

int
sync_file_range(int fd, off64_t off, off64_t n, unsigned int flags)
{
	(void)fd;
	(void)off;
	(void)n;
	(void)flags;
	return 0;
}

void
sync(void)
{
}
