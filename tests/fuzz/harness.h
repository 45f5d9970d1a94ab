/*
 * harness.h - what the libFuzzer targets of tests/fuzz share: a private
 * temporary directory removed at exit, writing an input to a file,
 * an input as a NUL-terminated string, and reading a file of the tree.
 *
 * Not the project's code: nothing here is linked into libaduan.  A
 * failure of the harness itself (a temporary file that cannot be written)
 * aborts with "harness:" in the message, so that it is never mistaken for
 * a finding in the library, nor goes unnoticed.
 */
#ifndef FUZZ_HARNESS_H
#define FUZZ_HARNESS_H

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Inputs over this size are ignored (run.sh also caps them at 64 KiB). */
#define FUZZ_MAX_INPUT (1024 * 1024)

/* The top of the source tree, for the bundled SOP and calendar. */
#ifndef FUZZ_TOP
#define FUZZ_TOP "../.."
#endif

#define HARNESS_FAIL(...) do { \
	fprintf(stderr, "harness: " __VA_ARGS__); \
	fputc('\n', stderr); \
	abort(); \
} while (0)

static char fuzz_dirs[4][4096];
static int fuzz_ndirs;

static inline int
fuzz_rm_one(const char *path, const struct stat *sb, int flag,
    struct FTW *ftw)
{
	(void)sb; (void)flag; (void)ftw;
	remove(path);
	return 0;
}

static inline void
fuzz_cleanup(void)
{
	for (int i = 0; i < fuzz_ndirs; i++)
		nftw(fuzz_dirs[i], fuzz_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/*
 * A new private directory under $TMPDIR (default /tmp), removed when the
 * process exits normally.  The returned string lives as long as the process.
 */
static inline const char *
fuzz_tmpdir(const char *tag)
{
	const char *t = getenv("TMPDIR");
	char *d;

	if (fuzz_ndirs == (int)(sizeof(fuzz_dirs) / sizeof(fuzz_dirs[0])))
		HARNESS_FAIL("too many temporary directories");
	d = fuzz_dirs[fuzz_ndirs];
	snprintf(d, sizeof(fuzz_dirs[0]), "%s/aduan-fuzz-%s.XXXXXX",
	    t != NULL && *t != '\0' ? t : "/tmp", tag);
	if (mkdtemp(d) == NULL)
		HARNESS_FAIL("mkdtemp %s: %s", d, strerror(errno));
	if (fuzz_ndirs++ == 0)
		atexit(fuzz_cleanup);
	return d;
}

/* Replace the file at path with exactly size bytes of data. */
static inline void
fuzz_write_file(const char *path, const void *data, size_t size)
{
	const char *p = data;
	int fd;

	if (unlink(path) == -1 && errno != ENOENT)
		HARNESS_FAIL("unlink %s: %s", path, strerror(errno));
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0660)) == -1)
		HARNESS_FAIL("create %s: %s", path, strerror(errno));
	while (size > 0) {
		ssize_t w = write(fd, p, size);

		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0)
			HARNESS_FAIL("write %s: %s", path, strerror(errno));
		p += w;
		size -= (size_t)w;
	}
	if (close(fd) == -1)
		HARNESS_FAIL("close %s: %s", path, strerror(errno));
}

/*
 * The input as a string in a buffer of exactly size + 1 bytes, so that
 * AddressSanitizer sees any read past the terminating NUL.  Free it.
 */
static inline char *
fuzz_str(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s == NULL)
		HARNESS_FAIL("out of memory");
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* The whole file FUZZ_TOP/rel, into *len bytes (malloc'd, NUL-ended). */
static inline char *
fuzz_read_tree_file(const char *rel, size_t *len)
{
	char path[4096], *buf = NULL;
	size_t cap = 0, n = 0, r;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", FUZZ_TOP, rel);
	if ((f = fopen(path, "rb")) == NULL)
		HARNESS_FAIL("cannot open %s: %s (build with "
		    "-DFUZZ_TOP='\"/path/to/the/tree\"' or run from "
		    "tests/fuzz)", path, strerror(errno));
	do {
		if (n == cap) {
			char *nb = realloc(buf, (cap = cap ? 2 * cap : 8192) + 1);

			if (nb == NULL)
				HARNESS_FAIL("out of memory");
			buf = nb;
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
	} while (r > 0);
	if (ferror(f))
		HARNESS_FAIL("cannot read %s", path);
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

#endif /* FUZZ_HARNESS_H */
