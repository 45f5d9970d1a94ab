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
 *   stress kill DIR PROCS N     N rounds: PROCS appenders killed with
 *                               SIGKILL at a random moment; every append
 *                               that was acknowledged is in the log, no
 *                               torn line is read as an event, the log
 *                               verifies once the next append sealed it
 *
 * Exit 0 when the check holds, 1 when it does not, 2 on a usage or setup
 * error.  Built a second time with tests/stress/unsafe.c (no locks,
 * rename over names) as the negative control, under which the check must
 * fail.
 */
#include <sys/file.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <signal.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

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
		if ((l = log_open(st, id, ADUAN_WRITE, NULL, &err)) == NULL) {
			fprintf(stderr, "stress: %s\n", err.msg);
			return 2;
		}
		while (log_next(l, &got, &err) == 1)
			;
		if (log_append(l, &ev, 1, 1772000000, WIB, &err) == -1) {
			fprintf(stderr, "stress: %s\n", err.msg);
			return 2;
		}
		log_close(l);
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
	    (l = log_open(st, id, ADUAN_READ, NULL, &err)) == NULL) {
		fprintf(stderr, "stress: %s\n", err.msg);
		return 1;
	}
	while ((r = log_next(l, &ev, &err)) == 1) {
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
	log_close(l);
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
		if (log_create(st, 2026, "N", "R", &ev, 1, 1772000000, WIB,
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
		    (l = log_open(st, line, ADUAN_READ, NULL, &err)) == NULL ||
		    log_next(l, &ev, &err) != 1) {
			bad++;
			continue;
		}
		log_close(l);
	}
	printf("create: %d processes x %d: %d duplicate IDs, %d missing or "
	    "broken\n", procs, n, dup, bad);
	aduan_store_close(st);
	free(seen);
	return dup != 0 || bad != 0;
}

/* Append until killed, noting each acknowledged append in ack. */
static void
kill_worker(const char *dir, const char *id, int round, int w, int ack)
{
	struct aduan_store *st;
	struct aduan_err err;
	char rs[16], ws[16], is[16], line[64];
	int i, len;

	if ((st = aduan_store_open(dir, 0, 600, &err)) == NULL)
		_exit(2);
	snprintf(rs, sizeof(rs), "%d", round);
	snprintf(ws, sizeof(ws), "%d", w);
	for (i = 0;; i++) {
		struct aduan_kv kv[] = { { "round", rs }, { "writer", ws },
		    { "i", is } };
		struct aduan_event ev, got;
		struct aduan_log *l;

		snprintf(is, sizeof(is), "%d", i);
		memset(&ev, 0, sizeof(ev));
		ev.step = 2;
		ev.event = "note";
		ev.by = "stress";
		ev.happened = 1772000000;
		ev.kv = kv;
		ev.nkv = 3;
		if ((l = log_open(st, id, ADUAN_WRITE, NULL, &err)) == NULL)
			_exit(2);
		while (log_next(l, &got, &err) == 1)
			;
		if (log_append(l, &ev, 1, 1772000000, WIB, &err) == -1)
			_exit(2);
		log_close(l);
		len = snprintf(line, sizeof(line), "%d %d %d\n", round, w, i);
		if (write(ack, line, (size_t)len) != len)
			_exit(2);
	}
}

static int
kill_rounds(const char *dir, const char *id, int procs, int rounds)
{
	char path[4096], line[64];
	struct aduan_store *st;
	struct aduan_verdict v;
	struct aduan_event ev, got;
	struct aduan_err err;
	struct aduan_log *l;
	unsigned seed = 12345;
	long acked = 0, found = 0, torn = 0;
	int r, w, ack, r2, w2, i2;
	pid_t pids[64];
	FILE *f;

	snprintf(path, sizeof(path), "%s/acks", dir);
	if ((ack = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND,
	    0600)) == -1 || (st = aduan_store_open(dir, 0, 60, &err)) == NULL)
		return 2;
	for (r = 0; r < rounds; r++) {
		struct timespec ts = { 0, 1000000L * (1 + rand_r(&seed) % 40) };

		for (w = 0; w < procs && w < 64; w++)
			if ((pids[w] = fork()) == 0)
				kill_worker(dir, id, r, w, ack);
		nanosleep(&ts, NULL);	/* a random moment to pull the plug */
		for (w = 0; w < procs && w < 64; w++)
			kill(pids[w], SIGKILL);
		for (w = 0; w < procs && w < 64; w++)
			waitpid(pids[w], NULL, 0);
		/* What was left torn is sealed by the next append. */
		if ((l = log_open(st, id, ADUAN_WRITE, NULL, &err)) == NULL)
			return 1;
		while ((i2 = log_next(l, &got, &err)) == 1)
			;
		if (i2 == -1) {
			fprintf(stderr, "stress: %s\n", err.msg);
			return 1;
		}
		torn += l != NULL && log_torn(l, &(long long){ 0 },
		    &(long long){ 0 });
		memset(&ev, 0, sizeof(ev));
		ev.step = 2;
		ev.event = "note";
		ev.by = "stress";
		ev.happened = 1772000000;
		if (log_append(l, &ev, 1, 1772000000, WIB, &err) == -1)
			return 1;
		log_close(l);
	}
	close(ack);
	if (aduan_verify(st, NULL, NULL, NULL, id, &v, &err) == -1 ||
	    v.fault != ADUAN_OK) {
		printf("kill: the log does not verify: fault %d at line %ld\n",
		    (int)v.fault, v.line);
		return 1;
	}
	/* Every acknowledged append is in the log. */
	snprintf(path, sizeof(path), "%s/acks", dir);
	if ((f = fopen(path, "r")) == NULL)
		return 2;
	while (fgets(line, sizeof(line), f) != NULL) {
		int seen = 0;

		acked++;
		if (sscanf(line, "%d %d %d", &r2, &w2, &i2) != 3)
			return 2;
		if ((l = log_open(st, id, ADUAN_READ, NULL, &err)) == NULL)
			return 1;
		while (!seen && log_next(l, &got, &err) == 1) {
			const char *a = aduan_event_get(&got, "round");
			const char *b = aduan_event_get(&got, "writer");
			const char *c = aduan_event_get(&got, "i");

			seen = a && b && c && atoi(a) == r2 && atoi(b) == w2 &&
			    atoi(c) == i2;
		}
		log_close(l);
		found += seen;
	}
	fclose(f);
	printf("kill: %d rounds of %d appenders killed at random: %ld "
	    "acknowledged, %ld of them in the log, %ld torn tails sealed, "
	    "%ld events verify\n", rounds, procs, acked, found, torn,
	    v.events);
	aduan_store_close(st);
	return found != acked || acked == 0;
}

int
main(int argc, char **argv)
{
	char barrier[4096], idfile[4096], id[ADUAN_ID_MAX + 1];
	struct aduan_store *st;
	struct aduan_err err;
	int procs, n, i, bfd, out = -1, status, failed = 0, append;

	if (argc != 5 || (strcmp(argv[1], "append") != 0 &&
	    strcmp(argv[1], "create") != 0 && strcmp(argv[1], "kill") != 0)) {
		fprintf(stderr, "usage: stress append|create|kill dir procs "
		    "n\n");
		return 2;
	}
	append = strcmp(argv[1], "create") != 0;
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
		/* A time aduan keeps (1970-01-02 on): it must read back. */
		ev.happened = 1772000000;
		if (log_create(st, 2026, "N", "R", &ev, 1, 1772000000, WIB, id,
		    &err) == -1)
			return 2;
	}
	aduan_store_close(st);
	if (strcmp(argv[1], "kill") == 0)
		return kill_rounds(argv[2], id, procs, n);
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
