/*
 * bench - what users run, as they type it (aduan overdue, overdue --all,
 * list, verify, new, show, and the year's recap), each against the floor of what any program
 * doing the same I/O must pay, at several numbers of open cases:
 *
 *   bench gen DIR CLOSED OPEN  write a synthetic data directory: CLOSED
 *                              closed cases, OPEN open ones, a third of
 *                              them late at the bench's now
 *   bench floor-read DIR SUB   open, read and close every log of DIR/SUB
 *                              (open, or all: open and closed)
 *   bench floor-new SOP CAL DIR  parse the SOP and calendar with libyaml,
 *                              create one file, fsync it and DIR
 *   bench run DIR CLOSED SIZES...  for each number of open cases: gen,
 *                              then each command and its floor in turn,
 *                              A B A B, the median of the paired ratios,
 *                              peak memory, and (BENCH_INSTR=1, to 10,000
 *                              cases) instructions per case under
 *                              callgrind; a markdown table on stdout.
 *                              Exits 1 when a command's instructions per
 *                              case grow over 1.3x at 10x the cases.
 */
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>

#include <time.h>
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

/* The number and revision of the bundled SOP, which the cases run under. */
static const char *sop_nomor = "065/SOP/ /417.515/2019";
static const char *sop_revisi;

/*
 * A case whose log is valid under the SOP: nev events, steps 1, 2, ...
 * in order, with the data each step requires, step 9 passed over (the
 * branch of an agreement), so that nine events close a case at step 10.
 */
static void
write_case(int dirfd, const char *id, int nev, time_t t0)
{
	static const int steps[] = { 1, 2, 3, 4, 5, 6, 7, 8, 10 };
	static const struct aduan_kv s1[] = { { "pelapor", "Budi Santoso" },
	    { "lurah", "Lurah Kranggan" },
	    { "perihal", "Sengketa batas pagar dengan tetangga" },
	    { "isi", "Pagar tetangga dibangun melewati batas tanah" },
	    { "kelurahan", "Meri" } };
	static const struct aduan_kv s3[] = { { "kepada", "Agus" } };
	static const struct aduan_kv s6[] = { { "hadir", "ya" } };
	static const struct aduan_kv s8[] = { { "hasil", "sepakat" } };
	char buf[16384], hash[65], name[32], jadwal[32];
	struct aduan_kv s5[2] = { { "pihak", "Pak RT" }, { "jadwal", jadwal } };
	struct aduan_event ev;
	size_t len;
	int i, fd;

	len = line_header(buf, sizeof(buf), id, sop_nomor, sop_revisi, hash);
	/* The appointment: the same minute as step 6 is recorded. */
	aduan_time_fmt(t0 + 5 * 600, WIB, jadwal);
	for (i = 0; i < nev && i < 9; i++) {
		memset(&ev, 0, sizeof(ev));
		ev.step = steps[i];
		ev.event = "done";
		ev.by = "Petugas Kecamatan";
		ev.happened = t0 + i * 600;
		switch (ev.step) {
		case 1: ev.kv = s1; ev.nkv = 5; break;
		case 3: ev.kv = s3; ev.nkv = 1; break;
		case 5: ev.kv = s5; ev.nkv = 2; break;
		case 6: ev.kv = s6; ev.nkv = 1; break;
		case 8: ev.kv = s8; ev.nkv = 1; break;
		default: ev.kv = NULL; ev.nkv = 0;
		}
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

/* The bench's now: Tuesday 2026-03-10 10:00 WIB. */
#define NOW 1773111600L

static int
gen(const char *dir, int closed, int open)
{
	struct aduan_store *st;
	struct aduan_err err;
	char id[32];
	int i, total = closed + open;

	if (sop_revisi == NULL) {
		struct aduan_sop *sop = aduan_sop_load(ADUAN_BENCH_TOP
		    "/../../sop/kranggan.yaml", &err);

		if (sop == NULL) {
			fprintf(stderr, "bench: %s\n", err.msg);
			return 2;
		}
		/* Kept to the end of the process, as the strings are. */
		sop_revisi = aduan_sop_meta(sop, "revisi");
		sop_nomor = aduan_sop_meta(sop, "nomor");
	}
	if ((st = aduan_store_open(dir, 1, 10, &err)) == NULL) {
		fprintf(stderr, "bench: %s\n", err.msg);
		return 2;
	}
	/*
	 * Closed cases ran all 10 steps; open ones wait at steps 2-7, a
	 * third of them filed days ago and late, the others this morning.
	 */
	for (i = 1; i <= total; i++) {
		snprintf(id, sizeof(id), "2026-%04d", i);
		if (i <= closed)
			write_case(st->closedfd, id, 9, 1767225600 + i * 60);
		else
			write_case(st->openfd, id, 1 + i % 6, i % 3 == 0 ?
			    NOW - 5 * 86400 : NOW - 3600 + (i % 60) * 10);
	}
	if (checkpoint_init(st, &err) == -1)
		fprintf(stderr, "bench: %s\n", err.msg);
	aduan_store_close(st);
	return 0;
}

static long
read_dir(const char *dir, const char *sub)
{
	char path[4096], buf[65536];
	struct dirent *de;
	long files = 0;
	DIR *d;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, sub);
	if ((d = opendir(path)) == NULL)
		return 0;
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
	return files;
}

static int
floor_read(const char *dir, const char *sub)
{
	long n = read_dir(dir, "open");

	if (strcmp(sub, "all") == 0)
		n += read_dir(dir, "closed");
	return n > 0 ? 0 : 2;
}

static int
parse_yaml(const char *file)
{
	yaml_parser_t p;
	yaml_event_t ev;
	FILE *f = fopen(file, "r");
	int done = 0;

	if (f == NULL || !yaml_parser_initialize(&p))
		return -1;
	yaml_parser_set_input_file(&p, f);
	while (!done && yaml_parser_parse(&p, &ev)) {
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	fclose(f);
	return done ? 0 : -1;
}

static int
floor_new(const char *sop, const char *cal, const char *dir)
{
	char path[4096];
	int fd, dfd;

	if (parse_yaml(sop) == -1 || parse_yaml(cal) == -1)
		return 2;
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
	struct timespec a, b;
	struct rusage ru;
	int status;
	pid_t pid;

	clock_gettime(CLOCK_MONOTONIC, &a);
	if ((pid = fork()) == 0) {
		int null = open("/dev/null", O_WRONLY);

		dup2(null, 1);
		dup2(null, 2);
		execv(argv[0], argv);
		_exit(127);
	}
	wait4(pid, &status, 0, &ru);
	clock_gettime(CLOCK_MONOTONIC, &b);
	if (!WIFEXITED(status) || WEXITSTATUS(status) > 1) {
		fprintf(stderr, "bench: %s %s failed (%d)\n", argv[0],
		    argv[1] ? argv[1] : "", WEXITSTATUS(status));
		exit(2);
	}
	if (ru.ru_maxrss > *maxrss)
		*maxrss = ru.ru_maxrss;
	return (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
}

static int
cmpd(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Instructions of one run of argv under callgrind, or -1. */
static double
instructions(char *const argv[])
{
	char out[64], cmd[8192], line[512];
	double n = -1;
	FILE *f;
	size_t len = 0;
	int i;

	snprintf(out, sizeof(out), "/tmp/aduan-bench-cg.%ld", (long)getpid());
	len = (size_t)snprintf(cmd, sizeof(cmd), "valgrind --tool=callgrind "
	    "--callgrind-out-file=%s", out);
	for (i = 0; argv[i] != NULL && len < sizeof(cmd) - 256; i++)
		len += (size_t)snprintf(cmd + len, sizeof(cmd) - len, " '%s'",
		    argv[i]);
	snprintf(cmd + len, sizeof(cmd) - len, " >/dev/null 2>&1");
	if (system(cmd) == -1 || (f = fopen(out, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, "summary: ", 9) == 0)
			n = atof(line + 9);
	fclose(f);
	unlink(out);
	return n;
}

struct result {
	const char *what;
	double a, b, ratio;	/* medians: aduan, floor, paired ratio */
	long rss;
	double ipc;		/* instructions per case, or -1 */
};

/* A and B in turn, RUNS times each: medians and the median ratio. */
static void
pair(char *const a[], char *const b[], struct result *r, int cases,
    int instr)
{
	double ta[RUNS], tb[RUNS], q[RUNS];
	long rb = 0;
	int i;

	r->rss = 0;
	for (i = 0; i < RUNS; i++) {
		ta[i] = timed(a, &r->rss);
		tb[i] = timed(b, &rb);
		q[i] = ta[i] / tb[i];
	}
	qsort(ta, RUNS, sizeof(ta[0]), cmpd);
	qsort(tb, RUNS, sizeof(tb[0]), cmpd);
	qsort(q, RUNS, sizeof(q[0]), cmpd);
	r->a = ta[RUNS / 2];
	r->b = tb[RUNS / 2];
	r->ratio = q[RUNS / 2];
	r->ipc = instr ? instructions(a) / (cases > 0 ? cases : 1) : -1;
}

#define NW 9

/* Taskwarrior's program, when this machine has it, or NULL. */
static const char *
taskwarrior(void)
{
	static const char *const at[] = { "/usr/bin/task",
	    "/usr/local/bin/task" };
	size_t i;

	for (i = 0; i < sizeof(at) / sizeof(at[0]); i++)
		if (access(at[i], X_OK) == 0)
			return at[i];
	return NULL;
}

/*
 * A Taskwarrior of n pending tasks in DIR/task, a third of them overdue
 * as the bench's cases are (its clock is the system's): TASKRC set to
 * it.  0 or -1.
 */
static int
task_data(const char *task, const char *dir, int n)
{
	char top[4200], path[4300], rc[4300];
	time_t now = time(NULL);
	struct tm tm;
	char past[32], later[32];
	FILE *f;
	pid_t pid;
	int i, st;

	snprintf(top, sizeof(top), "%s/task", dir);
	snprintf(path, sizeof(path), "%s/data", top);
	if (mkdir(top, 0700) == -1 || mkdir(path, 0700) == -1)
		return -1;
	snprintf(rc, sizeof(rc), "%s/taskrc", top);
	if ((f = fopen(rc, "w")) == NULL)
		return -1;
	fprintf(f, "data.location=%s\nconfirmation=off\nverbose=nothing\n"
	    "hooks=off\ngc=off\nrecurrence=off\n", path);
	fclose(f);
	setenv("TASKRC", rc, 1);
	now -= 5 * 86400;
	gmtime_r(&now, &tm);
	strftime(past, sizeof(past), "%Y%m%dT%H%M%SZ", &tm);
	now += 35 * 86400;
	gmtime_r(&now, &tm);
	strftime(later, sizeof(later), "%Y%m%dT%H%M%SZ", &tm);
	snprintf(path, sizeof(path), "%s/tasks.json", top);
	if ((f = fopen(path, "w")) == NULL)
		return -1;
	for (i = 0; i < n; i++)
		fprintf(f, "{\"uuid\":\"%08x-0000-4000-8000-%012x\","
		    "\"description\":\"Aduan %d: pagar tetangga roboh\","
		    "\"status\":\"pending\",\"entry\":\"%s\","
		    "\"due\":\"%s\"}\n", i, i, i, past, i % 3 == 0 ? past :
		    later);
	if (fclose(f) != 0)
		return -1;
	if ((pid = fork()) == 0) {
		int null = open("/dev/null", O_WRONLY);

		dup2(null, 1);
		dup2(null, 2);
		execl(task, task, "import", path, (char *)NULL);
		_exit(127);
	}
	return pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0 ? 0 : -1;
}

static int
run(const char *self, const char *dir, int closed, char **sizes, int nsizes)
{
	static const char *const what[NW] = {
		"aduan overdue (after a run flagged)", "aduan overdue --all",
		"aduan list", "aduan verify (with its witness)",
		"aduan new", "aduan show ID", "aduan rekap --tahun 2026",
		"aduan overdue --all (no cache)",
		"aduan rekap --tahun 2026 (no cache)"
	};
	char sop[4096], cal[4096], aduan[4096], data[4096], all[16], id[32];
	char cache[4096];
	double prev[NW];
	int k, w, open, instr, bad = 0;
	struct result r[NW], tw[16];
	long snaprss[16];
	double snapt[16];
	long grow[NW];
	const char *task = taskwarrior();

	snprintf(sop, sizeof(sop), "%s/../../sop/kranggan.yaml",
	    ADUAN_BENCH_TOP);
	snprintf(cal, sizeof(cal), "%s/../../sop/kalender.yaml",
	    ADUAN_BENCH_TOP);
	snprintf(aduan, sizeof(aduan), "%s/../../cmd/aduan", ADUAN_BENCH_TOP);
	setenv("ADUAN_NOW", "2026-03-10 10:00", 1);
	setenv("ADUAN_USER", "bench", 1);
	setenv("ADUAN_SOP", sop, 1);
	/* The commands' caches, as a clerk's would be: the bench's own. */
	snprintf(cache, sizeof(cache), "%s/cache", dir);
	setenv("XDG_CACHE_HOME", cache, 1);
	for (w = 0; w < NW; w++)
		prev[w] = -1, grow[w] = 0;
	printf("| open cases | command | aduan | floor | paired ratio | peak "
	    "RSS | instructions a case |\n|---|---|---|---|---|---|---|\n");
	if (nsizes > 16)
		nsizes = 16;
	for (k = 0; k < nsizes; k++) {
		open = atoi(sizes[k]);
		snprintf(data, sizeof(data), "%s/%d", dir, open);
		if (gen(data, closed, open) != 0)
			return 2;
		setenv("ADUAN_DIR", data, 1);
		instr = getenv("BENCH_INSTR") != NULL &&
		    strcmp(getenv("BENCH_INSTR"), "1") == 0 && open <= 10000;
		/*
		 * A first cron run flags what is late; the nightly checkpoint
		 * notes every case the first time, so that the next cron run
		 * takes every open case and writes a snapshot (its memory is
		 * said apart); then it is steady.
		 */
		timed((char *const[]){ aduan, "overdue", NULL }, &r[0].rss);
		timed((char *const[]){ aduan, "checkpoint", "-q", NULL },
		    &r[0].rss);
		snaprss[k] = 0;
		snapt[k] = timed((char *const[]){ aduan, "overdue", NULL },
		    &snaprss[k]);
		snprintf(all, sizeof(all), "all");
		snprintf(id, sizeof(id), "2026-%04d", closed + open);
		pair((char *const[]){ aduan, "overdue", NULL },
		    (char *const[]){ (char *)self, "floor-read", data, "open",
		    NULL }, &r[0], open, instr);
		pair((char *const[]){ aduan, "overdue", "--all", NULL },
		    (char *const[]){ (char *)self, "floor-read", data, "open",
		    NULL }, &r[1], open, instr);
		pair((char *const[]){ aduan, "list", NULL },
		    (char *const[]){ (char *)self, "floor-read", data, "open",
		    NULL }, &r[2], open, instr);
		pair((char *const[]){ aduan, "verify", "-q", NULL },
		    (char *const[]){ (char *)self, "floor-read", data, all,
		    NULL }, &r[3], open + closed, instr);
		pair((char *const[]){ aduan, "new", "-q", "--pelapor", "Budi",
		    "--lurah", "L", "--perihal", "P", "--isi", "I", NULL },
		    (char *const[]){ (char *)self, "floor-new", sop, cal, data,
		    NULL }, &r[4], 1, instr);
		pair((char *const[]){ aduan, "show", id, NULL },
		    (char *const[]){ (char *)self, "floor-read", data, "none",
		    NULL }, &r[5], 1, instr);
		pair((char *const[]){ aduan, "rekap", "--tahun", "2026",
		    "--format", "tsv", NULL },
		    (char *const[]){ (char *)self, "floor-read", data, all,
		    NULL }, &r[6], open + closed, instr);
		/* Every log read and every file parsed, as on a first run. */
		setenv("XDG_CACHE_HOME", "/nonexistent/aduan-bench", 1);
		pair((char *const[]){ aduan, "overdue", "--all", NULL },
		    (char *const[]){ (char *)self, "floor-read", data, "open",
		    NULL }, &r[7], open, instr);
		pair((char *const[]){ aduan, "rekap", "--tahun", "2026",
		    "--format", "tsv", NULL },
		    (char *const[]){ (char *)self, "floor-read", data, all,
		    NULL }, &r[8], open + closed, instr);
		setenv("XDG_CACHE_HOME", cache, 1);
		/* The peer: Taskwarrior counting its overdue tasks. */
		tw[k].a = -1;
		if (task != NULL && k < 16 && task_data(task, data, open) == 0)
			pair((char *const[]){ aduan, "overdue", "--all", NULL },
			    (char *const[]){ (char *)task, "count", "+OVERDUE",
			    NULL }, &tw[k], open, 0);
		for (w = 0; w < NW; w++) {
			printf("| %d | %s | %.2f ms | %.2f ms | %.2fx | %ld KiB "
			    "|", open, what[w], r[w].a * 1e3, r[w].b * 1e3,
			    r[w].ratio, r[w].rss);
			if (r[w].ipc >= 0)
				printf(" %.0f |\n", r[w].ipc);
			else
				printf(" - |\n");
			/* Per-case cost must not grow with the cases. */
			if ((w < 4 || w >= 6) && prev[w] > 0 && r[w].ipc > 0 &&
			    r[w].ipc > 1.3 * prev[w])
				grow[w] = open;
			if (r[w].ipc > 0)
				prev[w] = r[w].ipc;
		}
		fflush(stdout);
	}
	printf("\n| open cases | the cron run that writes a snapshot (every "
	    "open case taken) | peak RSS |\n|---|---|---|\n");
	for (k = 0; k < nsizes; k++)
		printf("| %s | %.2f ms | %ld KiB |\n", sizes[k], snapt[k] * 1e3,
		    snaprss[k]);
	if (task != NULL) {
		printf("\n| open cases | aduan overdue --all | Taskwarrior: task "
		    "count +OVERDUE | paired ratio |\n|---|---|---|---|\n");
		for (k = 0; k < nsizes && k < 16; k++)
			if (tw[k].a >= 0)
				printf("| %s | %.2f ms | %.2f ms | %.2fx |\n",
				    sizes[k], tw[k].a * 1e3, tw[k].b * 1e3,
				    tw[k].ratio);
	} else
		printf("\n(Taskwarrior is not installed: apt-get install "
		    "taskwarrior for the peer's column)\n");
	for (w = 0; w < NW; w++)
		if (grow[w]) {
			fprintf(stderr, "bench: %s: instructions a case grew "
			    "over 1.3x at %ld open cases\n", what[w], grow[w]);
			bad = 1;
		}
	return bad;
}

int
main(int argc, char **argv)
{
	if (argc == 5 && strcmp(argv[1], "gen") == 0)
		return gen(argv[2], atoi(argv[3]), atoi(argv[4]));
	if (argc == 4 && strcmp(argv[1], "floor-read") == 0)
		return strcmp(argv[3], "none") == 0 ? 0 : floor_read(argv[2],
		    argv[3]);
	if (argc == 5 && strcmp(argv[1], "floor-new") == 0)
		return floor_new(argv[2], argv[3], argv[4]);
	if (argc >= 5 && strcmp(argv[1], "run") == 0)
		return run(argv[0], argv[2], atoi(argv[3]), argv + 4, argc - 4);
	fprintf(stderr, "usage: bench run|gen|floor-read|floor-new ...\n");
	return 2;
}
