/*
 * stress - concurrent writers on one data directory, started together
 * behind a flock barrier (no sleeps), then checked:
 *
 *   stress append DIR PROCS N   PROCS processes append N events each to
 *                               one case: every line present once, in
 *                               each writer's order, the chain verifying
 *   stress create DIR PROCS N   PROCS processes create N cases each:
 *                               every ID distinct and contiguous, every
 *                               log whole
 *
 * Exit 0 when the check holds, 1 when it does not, 2 on a usage or setup
 * error.  Built a second time with -DADUAN_UNSAFE (no locks, rename over
 * names) as the negative control, under which the check must fail.
 */
#include <sys/file.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aduan.h"

#define WIB (7 * 3600L)

static int
barrier_wait(const char *path)
{
	int fd = open(path, O_RDONLY);

	if (fd == -1 || flock(fd, LOCK_SH) == -1)
		return -1;
	close(fd);
	return 0;
}

static int
append_worker(const char *dir, const char *id, int w, int n)
{
	struct aduan_store *st;
	struct aduan_err err;
	char ws[16], is[16];
	int i;

	if ((st = aduan_store_open(dir, 0, 600, &err)) == NULL)
		return 2;
	snprintf(ws, sizeof(ws), "%d", w);
	for (i = 0; i < n; i++) {
		struct aduan_kv kv[] = { { "writer", ws }, { "i", is } };
		struct aduan_event ev, got;
		struct aduan_log *l;

		snprintf(is, sizeof(is), "%d", i);
		memset(&ev, 0, sizeof(ev));
		ev.step = 2;
		ev.event = "note";
		ev.by = "stress";
		ev.happened = 1772000000;
		ev.kv = kv;
		ev.nkv = 2;
		if ((l = aduan_log_open(st, id, ADUAN_WRITE, &err)) == NULL) {
			fprintf(stderr, "stress: %s\n", err.msg);
			return 2;
		}
		if (aduan_log_seek_tail(l, &err) == -1)
			return 2;
		while (aduan_log_next(l, &got, &err) == 1)
			;
		if (aduan_log_append(l, &ev, 1, 1772000000, WIB, &err) == -1) {
			fprintf(stderr, "stress: %s\n", err.msg);
			return 2;
		}
		aduan_log_close(l);
	}
	aduan_store_close(st);
	return 0;
}

static int
check_append(const char *dir, const char *id, int procs, int n)
{
	struct aduan_store *st;
	struct aduan_err err;
	struct aduan_event ev;
	struct aduan_log *l;
	int *next = calloc((size_t)procs, sizeof(int)), r, lines = 0, bad = 0;

	if ((st = aduan_store_open(dir, 0, 10, &err)) == NULL ||
	    (l = aduan_log_open(st, id, ADUAN_READ, &err)) == NULL) {
		fprintf(stderr, "stress: %s\n", err.msg);
		return 1;
	}
	while ((r = aduan_log_next(l, &ev, &err)) == 1) {
		const char *w = aduan_event_get(&ev, "writer");
		const char *i = aduan_event_get(&ev, "i");
		int wi;

		if (w == NULL)
			continue;	/* the case's first event */
		lines++;
		wi = atoi(w);
		if (wi < 0 || wi >= procs || atoi(i) != next[wi]++)
			bad++;
	}
	if (r == -1)
		fprintf(stderr, "stress: %s\n", err.msg);
	printf("append: %d processes x %d: %d lines read of %d, %d out of "
	    "order, chain %s\n", procs, n, lines, procs * n, bad,
	    r == -1 ? "BROKEN" : "verifies");
	aduan_log_close(l);
	aduan_store_close(st);
	free(next);
	return r == -1 || bad != 0 || lines != procs * n;
}

static int
create_worker(const char *dir, int n, int out)
{
	struct aduan_store *st;
	struct aduan_err err;
	char id[ADUAN_ID_MAX + 1], line[32];
	int i, len;

	if ((st = aduan_store_open(dir, 0, 600, &err)) == NULL)
		return 2;
	for (i = 0; i < n; i++) {
		struct aduan_event ev;

		memset(&ev, 0, sizeof(ev));
		ev.step = 1;
		ev.event = "done";
		ev.by = "stress";
		ev.happened = 1772000000;
		if (aduan_store_create(st, 2026, "N", "R", &ev, 1, 1772000000, WIB,
		    id, &err) == -1) {
			fprintf(stderr, "stress: %s\n", err.msg);
			return 2;
		}
		len = snprintf(line, sizeof(line), "%s\n", id);
		if (write(out, line, (size_t)len) != len)
			return 2;
	}
	aduan_store_close(st);
	return 0;
}

static int
check_create(const char *dir, const char *idfile, int procs, int n)
{
	int total = procs * n, *seen = calloc((size_t)total + 2, sizeof(int));
	int dup = 0, bad = 0, i, num;
	struct aduan_store *st;
	struct aduan_err err;
	char line[64];
	FILE *f = fopen(idfile, "r");

	if (f == NULL || (st = aduan_store_open(dir, 0, 10, &err)) == NULL)
		return 1;
	while (fgets(line, sizeof(line), f) != NULL) {
		num = atoi(line + 5);
		if (num < 1 || num > total)
			bad++;
		else if (seen[num]++)
			dup++;
	}
	fclose(f);
	for (i = 1; i <= total; i++) {
		struct aduan_log *l;
		struct aduan_event ev;

		snprintf(line, sizeof(line), "2026-%04d", i);
		if (seen[i] == 0 ||
		    (l = aduan_log_open(st, line, ADUAN_READ, &err)) == NULL ||
		    aduan_log_next(l, &ev, &err) != 1) {
			bad++;
			continue;
		}
		aduan_log_close(l);
	}
	printf("create: %d processes x %d: %d duplicate IDs, %d missing or "
	    "broken\n", procs, n, dup, bad);
	aduan_store_close(st);
	free(seen);
	return dup != 0 || bad != 0;
}

int
main(int argc, char **argv)
{
	char barrier[4096], idfile[4096], id[ADUAN_ID_MAX + 1];
	struct aduan_store *st;
	struct aduan_err err;
	int procs, n, i, bfd, out = -1, status, failed = 0, append;

	if (argc != 5 || (strcmp(argv[1], "append") != 0 &&
	    strcmp(argv[1], "create") != 0)) {
		fprintf(stderr, "usage: stress append|create dir procs n\n");
		return 2;
	}
	append = strcmp(argv[1], "append") == 0;
	procs = atoi(argv[3]);
	n = atoi(argv[4]);
	if ((st = aduan_store_open(argv[2], 1, 10, &err)) == NULL) {
		fprintf(stderr, "stress: %s\n", err.msg);
		return 2;
	}
	if (append) {
		struct aduan_event ev;

		memset(&ev, 0, sizeof(ev));
		ev.step = 1;
		ev.event = "done";
		ev.by = "stress";
		if (aduan_store_create(st, 2026, "N", "R", &ev, 1, 0, WIB, id,
		    &err) == -1)
			return 2;
	}
	aduan_store_close(st);
	snprintf(barrier, sizeof(barrier), "%s/barrier", argv[2]);
	snprintf(idfile, sizeof(idfile), "%s/ids", argv[2]);
	if ((bfd = open(barrier, O_RDWR | O_CREAT, 0600)) == -1 ||
	    flock(bfd, LOCK_EX) == -1)
		return 2;
	if (!append && (out = open(idfile, O_WRONLY | O_CREAT | O_TRUNC |
	    O_APPEND, 0600)) == -1)
		return 2;
	for (i = 0; i < procs; i++)
		if (fork() == 0) {
			close(bfd);
			if (barrier_wait(barrier) == -1)
				_exit(2);
			_exit(append ? append_worker(argv[2], id, i, n) :
			    create_worker(argv[2], n, out));
		}
	close(bfd);		/* everybody starts now */
	for (i = 0; i < procs; i++)
		if (wait(&status) == -1 || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0)
			failed++;
	if (out != -1)
		close(out);
	if (failed)
		printf("%d workers failed\n", failed);
	return (append ? check_append(argv[2], id, procs, n) :
	    check_create(argv[2], idfile, procs, n)) || failed;
}
