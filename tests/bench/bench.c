/*
 * bench - the cost of the overdue scan and of a new case, each against
 * the floor of what any program doing the same I/O must pay:
 *
 *   bench gen DIR TOTAL OPEN   write a synthetic data directory
 *   bench floor-read DIR       open, read and close every open case's log
 *   bench floor-new SOP DIR    parse the SOP with libyaml, create one file
 *                              and fsync it and its directory
 *   bench run DIR              gen, then time both pairs (median of runs)
 *                              and report time, ratio and peak memory
 */
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yaml.h>

#include "internal.h"

#define WIB (7 * 3600L)
#define RUNS 7

static void
write_case(int dirfd, const char *id, int nev, time_t t0)
{
	static const char *const cmds[] = { "pelapor", "perihal", "isi" };
	char buf[16384], hash[65], name[32];
	struct aduan_kv kv[3];
	struct aduan_event ev;
	size_t len;
	int i, fd;

	len = line_header(buf, sizeof(buf), id, "065/SOP/ /417.515/2019",
	    "2019-06", hash);
	for (i = 0; i < nev; i++) {
		memset(&ev, 0, sizeof(ev));
		ev.step = i + 1;
		ev.event = "done";
		ev.by = "Petugas Kecamatan";
		ev.happened = t0 + i * 600;
		kv[0].key = cmds[0];
		kv[0].val = "Budi Santoso";
		kv[1].key = cmds[1];
		kv[1].val = "Sengketa batas pagar dengan tetangga";
		kv[2].key = cmds[2];
		kv[2].val = "Pagar tetangga dibangun melewati batas tanah";
		ev.kv = kv;
		ev.nkv = i == 0 ? 3 : 1;
		len += line_event(buf + len, sizeof(buf) - len, hash, i + 1,
		    ev.happened, &ev, WIB, hash);
	}
	snprintf(name, sizeof(name), "%s.log", id);
	fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_TRUNC, 0660);
	if (fd == -1 || write(fd, buf, len) != (ssize_t)len) {
		perror(name);
		exit(2);
	}
	close(fd);
}

static int
gen(const char *dir, int total, int open)
{
	struct aduan_store *st;
	struct aduan_err err;
	char id[32];
	int i;

	if ((st = aduan_store_open(dir, 1, 10, &err)) == NULL) {
		fprintf(stderr, "bench: %s\n", err.msg);
		return 2;
	}
	/* Closed cases ran all 10 steps; open ones wait at steps 2-7. */
	for (i = 1; i <= total; i++) {
		snprintf(id, sizeof(id), "2026-%04d", i);
		if (i <= total - open)
			write_case(st->closedfd, id, 10, 1767225600 + i * 60);
		else
			write_case(st->openfd, id, 1 + i % 6,
			    1772000000 + i * 60);
	}
	aduan_store_close(st);
	return 0;
}

static int
floor_read(const char *dir)
{
	char path[4096], buf[65536];
	struct dirent *de;
	long files = 0;
	DIR *d;
	int fd;

	snprintf(path, sizeof(path), "%s/open", dir);
	if ((d = opendir(path)) == NULL)
		return 2;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		fd = openat(dirfd(d), de->d_name, O_RDONLY);
		while (fd != -1 && read(fd, buf, sizeof(buf)) > 0)
			;
		if (fd != -1)
			close(fd);
		files++;
	}
	closedir(d);
	return files > 0 ? 0 : 2;
}

static int
floor_new(const char *sop, const char *dir)
{
	yaml_parser_t p;
	yaml_event_t ev;
	char path[4096];
	FILE *f = fopen(sop, "r");
	int fd, dfd, done = 0;

	if (f == NULL || !yaml_parser_initialize(&p))
		return 2;
	yaml_parser_set_input_file(&p, f);
	while (!done && yaml_parser_parse(&p, &ev)) {
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	fclose(f);
	snprintf(path, sizeof(path), "%s/floor-%ld", dir, (long)getpid());
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0660)) == -1 ||
	    write(fd, "x\n", 2) != 2 || fsync(fd) == -1 ||
	    (dfd = open(dir, O_RDONLY | O_DIRECTORY)) == -1 || fsync(dfd))
		return 2;
	close(fd);
	close(dfd);
	unlink(path);
	return 0;
}

/* Run argv; its wall time in seconds and peak memory in KiB. */
static double
timed(char *const argv[], long *maxrss)
{
	struct timeval a, b;
	struct rusage ru;
	int status;
	pid_t pid;

	gettimeofday(&a, NULL);
	if ((pid = fork()) == 0) {
		int null = open("/dev/null", O_WRONLY);

		dup2(null, 1);
		dup2(null, 2);
		execv(argv[0], argv);
		_exit(127);
	}
	wait4(pid, &status, 0, &ru);
	gettimeofday(&b, NULL);
	if (!WIFEXITED(status) || WEXITSTATUS(status) > 1) {
		fprintf(stderr, "bench: %s failed (%d)\n", argv[0],
		    WEXITSTATUS(status));
		exit(2);
	}
	*maxrss = ru.ru_maxrss;
	return (b.tv_sec - a.tv_sec) + (b.tv_usec - a.tv_usec) / 1e6;
}

static int
cmpd(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double
median(char *const argv[], long *maxrss)
{
	double t[RUNS];
	int i;

	for (i = 0; i < RUNS; i++)
		t[i] = timed(argv, maxrss);
	qsort(t, RUNS, sizeof(t[0]), cmpd);
	return t[RUNS / 2];
}

static int
run(const char *self, const char *dir, int total, int open)
{
	char sop[4096], cmd[4096], newdir[4096];
	long m1, m2, m3, m4;
	double a, b, c, d;

	if (gen(dir, total, open) != 0)
		return 2;
	snprintf(sop, sizeof(sop), "%s/../../sop/kranggan.yaml", ADUAN_BENCH_TOP);
	snprintf(cmd, sizeof(cmd), "%s/../../cmd/aduan-overdue", ADUAN_BENCH_TOP);
	setenv("ADUAN_DIR", dir, 1);
	setenv("ADUAN_NOW", "2026-03-10 10:00", 1);
	setenv("ADUAN_USER", "bench", 1);
	a = median((char *const[]){ cmd, "--all", NULL }, &m1);
	b = median((char *const[]){ (char *)self, "floor-read", (char *)dir,
	    NULL }, &m2);
	snprintf(cmd, sizeof(cmd), "%s/../../cmd/aduan-new", ADUAN_BENCH_TOP);
	snprintf(newdir, sizeof(newdir), "%s/open", dir);
	c = median((char *const[]){ cmd, "--pelapor", "Budi", "--lurah", "L",
	    "--perihal", "P", "--isi", "I", "-q", NULL }, &m3);
	d = median((char *const[]){ (char *)self, "floor-new", sop, newdir,
	    NULL }, &m4);
	printf("%d cases, %d open; median of %d runs\n", total, open, RUNS);
	printf("%-26s %10s %10s %7s %10s %10s\n", "", "aduan", "floor",
	    "ratio", "aduan RSS", "floor RSS");
	printf("%-26s %8.2fms %8.2fms %6.2fx %8ldKiB %8ldKiB\n",
	    "overdue --all (scan)", a * 1e3, b * 1e3, a / b, m1, m2);
	printf("%-26s %8.2fms %8.2fms %6.2fx %8ldKiB %8ldKiB\n",
	    "new (one case)", c * 1e3, d * 1e3, c / d, m3, m4);
	printf("per open case: aduan %.1f us, floor %.1f us\n",
	    a / open * 1e6, b / open * 1e6);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc == 5 && strcmp(argv[1], "gen") == 0)
		return gen(argv[2], atoi(argv[3]), atoi(argv[4]));
	if (argc == 3 && strcmp(argv[1], "floor-read") == 0)
		return floor_read(argv[2]);
	if (argc == 4 && strcmp(argv[1], "floor-new") == 0)
		return floor_new(argv[2], argv[3]);
	if (argc == 5 && strcmp(argv[1], "run") == 0)
		return run(argv[0], argv[2], atoi(argv[3]), atoi(argv[4]));
	fprintf(stderr, "usage: bench run|gen|floor-read|floor-new ...\n");
	return 2;
}
