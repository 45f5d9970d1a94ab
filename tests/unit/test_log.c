/*
 * test_log.c - the case log: text rules, escaping, IDs, times, the chain,
 * torn tails and their sealing, and appends that fail.
 */
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "internal.h"

#define WIB (7 * 3600L)

static char dir[256];

static int
setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/aduan-test-log.XXXXXX");
	assert_non_null(mkdtemp(dir));
	return 0;
}

static int
teardown(void **state)
{
	char cmd[600];

	(void)state;
	snprintf(cmd, sizeof(cmd), "chmod -R u+w %s; rm -rf %s", dir, dir);
	return system(cmd) == 0 ? 0 : -1;
}

static struct aduan_store *
store(void)
{
	struct aduan_err err;
	struct aduan_store *st = aduan_store_open(dir, 1, 2, &err);

	if (st == NULL)
		fail_msg("store: %s", err.msg);
	return st;
}

static struct aduan_event
event(int step, const char *name, const struct aduan_kv *kv, int n)
{
	struct aduan_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.step = step;
	ev.event = name;
	ev.by = "Siti";
	ev.happened = 1772000000;
	ev.kv = kv;
	ev.nkv = n;
	return ev;
}

/* A new case with one event; its ID into id. */
static void
new_case(struct aduan_store *st, char id[ADUAN_ID_MAX + 1],
    const char *text)
{
	struct aduan_kv kv[] = { { "isi", text } };
	struct aduan_event ev = event(1, "done", kv, 1);
	struct aduan_err err;

	if (log_create(st, 2026, "065/SOP/ /417.515/2019", "2019-06",
	    &ev, 1, 1772000000, WIB, id, &err) == -1)
		fail_msg("create: %s", err.msg);
}

static char *
slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *buf;

	assert_non_null(f);
	buf = malloc(1 << 20);
	*n = fread(buf, 1, 1 << 20, f);
	fclose(f);
	buf[*n] = '\0';
	return buf;
}

static void
test_text_refuses_controls_and_bad_utf8(void **state)
{
	static const char *const bad[] = {
		"esc \x1b[31m red", "bell\a", "nul-free but DEL \x7f",
		"C1 \xc2\x9b", "bidi \xe2\x80\xae override", "isolate \xe2\x81\xa6",
		"overlong \xc0\xaf", "cut \xe2\x82", "surrogate \xed\xa0\x80",
		"too big \xf4\x90\x80\x80", "lone \x80",
	};
	static const char *const good[] = {
		"Pak Budi", "tab\there", "line\nbreak\r\n", "back\\slash",
		"Jl. Raya No. 5 \xe2\x80\x94 RT 02", "emoji \xf0\x9f\x98\x80",
	};
	struct aduan_err err;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(aduan_text_check(bad[i], 1000, &err),
		    -1);
		assert_int_equal(err.cat, ADUAN_E_USAGE);
		assert_true(strstr(err.msg, "control character") != NULL ||
		    strstr(err.msg, "format character") != NULL ||
		    strstr(err.msg, "UTF-8") != NULL);
	}
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_int_equal(aduan_text_check(good[i], 1000, &err),
		    0);
	assert_int_equal(aduan_text_check("aaaa\\", 5, &err), -1);
	assert_non_null(strstr(err.msg, "too long"));
}

static void
test_id_check_table(void **state)
{
	static const char *const bad[] = {
		"", "../x", "/etc/passwd", "2026-42", "2026-0042.log",
		"2026-0042/", "2026_0042", "26-0042", "2026-00042",
		"1969-0001", "2026-0000", "2026-abcd", " 2026-0042",
		"2026-0042 ", "2026-0042\n", "2026--042", "20260042",
		"2026-123456789", "x2026-0042", "2026-0042x", "..", ".",
		"2026-00000042",
	};
	static const char *const good[] = {
		"2026-0001", "2026-0042", "2026-9999", "2026-10000",
		"1970-0001", "2027-123456", "2026-1234567", "2026-99999999",
	};
	char longid[301];
	struct aduan_err err;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (aduan_id_check(bad[i], &err) != -1)
			fail_msg("accepted '%s'", bad[i]);
		assert_int_equal(err.cat, ADUAN_E_USAGE);
		assert_non_null(strstr(err.msg, "not a case ID"));
	}
	memset(longid, '1', 300);
	longid[300] = '\0';
	assert_int_equal(aduan_id_check(longid, &err), -1);
	assert_true(strlen(err.msg) < 200);
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (aduan_id_check(good[i], &err) != 0)
			fail_msg("refused '%s': %s", good[i], err.msg);
}

static void
test_time_parse_forms(void **state)
{
	struct aduan_err err;
	char buf[32];
	time_t t;

	(void)state;
	/* 2026-03-02 09:15 WIB = 02:15 UTC. */
	assert_int_equal(aduan_time_parse("2026-03-02 09:15", WIB, &t, &err),
	    0);
	assert_string_equal(aduan_time_fmt(t, WIB, buf),
	    "2026-03-02T09:15:00+07:00");
	assert_int_equal(aduan_time_parse("2026-03-02T02:15:00Z", WIB, &t,
	    &err), 0);
	assert_string_equal(aduan_time_fmt(t, WIB, buf),
	    "2026-03-02T09:15:00+07:00");
	assert_int_equal(aduan_time_parse("2026-03-02T10:15:30+0800", WIB, &t,
	    &err), 0);
	assert_string_equal(aduan_time_fmt(t, WIB, buf),
	    "2026-03-02T09:15:30+07:00");
	assert_int_equal(aduan_time_parse("2026-12-31T23:59:59+07:00", WIB,
	    &t, &err), 0);
	assert_string_equal(aduan_time_fmt(t + 1, WIB, buf),
	    "2027-01-01T00:00:00+07:00");
	assert_int_equal(aduan_time_parse("2026-02-30 09:00", WIB, &t, &err),
	    -1);
	assert_int_equal(aduan_time_parse("2026-03-02 24:00", WIB, &t, &err),
	    -1);
	assert_int_equal(aduan_time_parse("2026-03-02 9:15", WIB, &t, &err),
	    -1);
	assert_int_equal(aduan_time_parse("2026-03-02 09:15+07:00", WIB, &t,
	    &err), -1);
	assert_int_equal(aduan_time_parse("besok", WIB, &t, &err), -1);
	assert_non_null(strstr(err.msg, "2026-03-02 09:15"));
}

static void
test_create_gives_contiguous_ids_and_a_verifying_log(void **state)
{
	struct aduan_store *st = store();
	char id[ADUAN_ID_MAX + 1], path[400];
	struct aduan_err err;
	struct aduan_log *l;
	struct aduan_event ev;
	struct stat sb;
	int i;

	(void)state;
	for (i = 1; i <= 12; i++) {
		char want[32];

		new_case(st, id, "isi");
		snprintf(want, sizeof(want), "2026-%04d", i);
		assert_string_equal(id, want);
	}
	snprintf(path, sizeof(path), "%s/open/2026-0012.log", dir);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0660);
	snprintf(path, sizeof(path), "%s/open", dir);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 02770);
	l = log_open(st, "2026-0012", ADUAN_READ, NULL, &err);
	assert_non_null(l);
	assert_string_equal(log_nomor(l), "065/SOP/ /417.515/2019");
	assert_string_equal(log_revisi(l), "2019-06");
	assert_int_equal(log_next(l, &ev, &err), 1);
	assert_int_equal(ev.seq, 1);
	assert_int_equal(ev.step, 1);
	assert_string_equal(ev.event, "done");
	assert_string_equal(aduan_event_get(&ev, "isi"), "isi");
	assert_int_equal(log_next(l, &ev, &err), 0);
	log_close(l);
	assert_null(log_open(st, "2026-0013", ADUAN_READ, NULL, &err));
	assert_int_equal(err.cat, ADUAN_E_NOTFOUND);
	aduan_store_close(st);
}

static void
test_every_field_round_trips_through_escaping(void **state)
{
	static const char *const values[] = {
		"plain", "", "tab\there", "nl\nnl", "cr\r\n", "\\", "\\t",
		"\\\\n", "a=b=c", "trailing\\", "\t\t", "x\xe2\x80\x94y",
	};
	struct aduan_store *st = store();
	struct aduan_kv kv[sizeof(values) / sizeof(values[0])];
	struct aduan_event ev, got;
	struct aduan_err err;
	struct aduan_log *l;
	char id[ADUAN_ID_MAX + 1];
	size_t i, n = sizeof(values) / sizeof(values[0]);

	(void)state;
	new_case(st, id, "a\tb\\n\nc");
	for (i = 0; i < n; i++) {
		kv[i].key = "v";
		kv[i].val = values[i];
	}
	ev = event(2, "done", kv, (int)n);
	ev.by = "Bu\tSiti\\n";
	l = log_open(st, id, ADUAN_WRITE, NULL, &err);
	assert_non_null(l);
	while (log_next(l, &got, &err) == 1)
		;
	assert_int_equal(log_append(l, &ev, 1, 1772000100, WIB, &err),
	    0);
	log_close(l);
	l = log_open(st, id, ADUAN_READ, NULL, &err);
	assert_int_equal(log_next(l, &got, &err), 1);
	assert_string_equal(aduan_event_get(&got, "isi"), "a\tb\\n\nc");
	assert_int_equal(log_next(l, &got, &err), 1);
	assert_string_equal(got.by, "Bu\tSiti\\n");
	assert_int_equal(got.nkv, (int)n);
	for (i = 0; i < n; i++)
		assert_string_equal(got.kv[i].val, values[i]);
	assert_int_equal(got.happened, 1772000000);
	assert_int_equal(got.recorded, 1772000100);
	log_close(l);
	aduan_store_close(st);
}

/* Read a case to the end; return the number of events, torn via *torn. */
static int
read_all(struct aduan_store *st, const char *id, int *torn,
    struct aduan_err *err)
{
	struct aduan_log *l = log_open(st, id, ADUAN_READ, NULL, err);
	struct aduan_event ev;
	long long off, len;
	int n = 0, r;

	if (l == NULL)
		return -1;
	while ((r = log_next(l, &ev, err)) == 1)
		n++;
	*torn = log_torn(l, &off, &len);
	log_close(l);
	return r == -1 ? -1 : n;
}

static void
append_one(struct aduan_store *st, const char *id, int step)
{
	struct aduan_event ev = event(step, "done", NULL, 0), got;
	struct aduan_err err;
	struct aduan_log *l = log_open(st, id, ADUAN_WRITE, NULL, &err);

	assert_non_null(l);
	while (log_next(l, &got, &err) == 1)
		;
	if (log_append(l, &ev, 1, 1772000200, WIB, &err) == -1)
		fail_msg("append: %s", err.msg);
	log_close(l);
}

/*
 * Cut the log at every byte offset of its last line and add NUL runs: the
 * tail is torn, never an event, and the next append seals it so that the
 * log reads whole again with nothing dropped.
 */
static void
test_torn_tail_at_every_offset_is_detected_and_sealed(void **state)
{
	struct aduan_store *st = store();
	char id[ADUAN_ID_MAX + 1], path[400], *full;
	size_t n, lastnl, cut;
	struct aduan_err err;
	int torn, fd, extra;

	(void)state;
	new_case(st, id, "isi");
	append_one(st, id, 2);
	snprintf(path, sizeof(path), "%s/open/%s.log", dir, id);
	full = slurp(path, &n);
	for (lastnl = n - 1; full[lastnl - 1] != '\n'; lastnl--)
		;
	for (cut = lastnl; cut < n; cut++)
		for (extra = 0; extra < 2; extra++) {
			fd = open(path, O_WRONLY | O_TRUNC);
			assert_true(write(fd, full, cut) == (ssize_t)cut);
			if (extra)
				assert_true(write(fd, "\0\0\0\0\0\0\0\0", 8) == 8);
			close(fd);
			if (cut == lastnl && !extra) {
				assert_int_equal(read_all(st, id, &torn, &err),
				    1);
				assert_int_equal(torn, 0);
				continue;
			}
			assert_int_equal(read_all(st, id, &torn, &err), 1);
			assert_int_equal(torn, 1);
			append_one(st, id, 3);
			/* header, event, fragment, seal, the new event */
			if (read_all(st, id, &torn, &err) != 3)
				fail_msg("cut %zu+%d: %s", cut, extra, err.msg);
			assert_int_equal(torn, 0);
		}
	free(full);
	aduan_store_close(st);
}

/*
 * A seal that is itself torn after the TAB LF it added leaves two bad
 * lines: still a torn tail, sealed whole by the next append.
 */
static void
test_torn_seal_after_a_torn_tail_is_sealed_too(void **state)
{
	struct aduan_store *st = store();
	char id[ADUAN_ID_MAX + 1], path[400];
	struct aduan_err err;
	int torn, fd;

	(void)state;
	new_case(st, id, "isi");
	snprintf(path, sizeof(path), "%s/open/%s.log", dir, id);
	fd = open(path, O_WRONLY | O_APPEND);
	assert_true(write(fd, "2\t2026-0", 9) == 9);
	assert_true(write(fd, "\t\n2\t2026-02-25T13:1", 19) == 19);
	close(fd);
	assert_int_equal(read_all(st, id, &torn, &err), 1);
	assert_int_equal(torn, 1);
	append_one(st, id, 2);
	assert_int_equal(read_all(st, id, &torn, &err), 3);
	assert_int_equal(torn, 0);
	aduan_store_close(st);
}

static void
test_altered_line_in_the_middle_is_corruption_with_its_line(void **state)
{
	struct aduan_store *st = store();
	char id[ADUAN_ID_MAX + 1], path[400], *buf, *p;
	struct aduan_err err;
	size_t n;
	int torn, fd;

	(void)state;
	new_case(st, id, "isi");
	append_one(st, id, 2);
	append_one(st, id, 3);
	snprintf(path, sizeof(path), "%s/open/%s.log", dir, id);
	buf = slurp(path, &n);
	p = strstr(buf, "Siti");
	p[0] = 'S';
	p = strstr(strchr(strchr(buf, '\n') + 1, '\n') + 1, "Siti");
	p[0] = 'X';		/* line 3 */
	fd = open(path, O_WRONLY | O_TRUNC);
	assert_true(write(fd, buf, n) == (ssize_t)n);
	close(fd);
	assert_int_equal(read_all(st, id, &torn, &err), -1);
	assert_int_equal(err.cat, ADUAN_E_CORRUPT);
	assert_non_null(strstr(err.msg, "line 3 "));
	free(buf);
	aduan_store_close(st);
}

static void
test_log_copied_over_another_case_is_caught(void **state)
{
	struct aduan_store *st = store();
	char a[ADUAN_ID_MAX + 1], b[ADUAN_ID_MAX + 1], pa[400], pb[400];
	char cmd[900];
	struct aduan_err err;
	int torn;

	(void)state;
	new_case(st, a, "one");
	new_case(st, b, "two");
	snprintf(pa, sizeof(pa), "%s/open/%s.log", dir, a);
	snprintf(pb, sizeof(pb), "%s/open/%s.log", dir, b);
	snprintf(cmd, sizeof(cmd), "cp %s %s", pa, pb);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(read_all(st, b, &torn, &err), -1);
	assert_int_equal(err.cat, ADUAN_E_CORRUPT);
	assert_non_null(strstr(err.msg, "copied over"));
	aduan_store_close(st);
}

static void
test_symlinked_and_hardlinked_logs_are_refused(void **state)
{
	struct aduan_store *st = store();
	char id[ADUAN_ID_MAX + 1], path[400], target[400];
	struct aduan_err err;

	(void)state;
	new_case(st, id, "isi");
	snprintf(target, sizeof(target), "%s/outside", dir);
	close(open(target, O_CREAT | O_WRONLY, 0600));
	snprintf(path, sizeof(path), "%s/open/2026-0077.log", dir);
	assert_int_equal(symlink(target, path), 0);
	assert_null(log_open(st, "2026-0077", ADUAN_WRITE, NULL, &err));
	assert_int_equal(err.cat, ADUAN_E_CORRUPT);
	snprintf(path, sizeof(path), "%s/open/2026-0078.log", dir);
	assert_int_equal(link(target, path), 0);
	assert_null(log_open(st, "2026-0078", ADUAN_WRITE, NULL, &err));
	assert_int_equal(err.cat, ADUAN_E_CORRUPT);
	aduan_store_close(st);
}

/*
 * Under every file-size limit from the current size to one line more, an
 * append fails cleanly (the file byte-identical) or succeeds whole.
 */
static void
test_append_under_file_size_limits_is_whole_or_nothing(void **state)
{
	struct aduan_store *st = store();
	char id[ADUAN_ID_MAX + 1], path[400], *before, *after;
	struct rlimit old, lim;
	size_t n, m;
	struct stat sb;
	rlim_t size;

	(void)state;
	signal(SIGXFSZ, SIG_IGN);
	new_case(st, id, "isi");
	snprintf(path, sizeof(path), "%s/open/%s.log", dir, id);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	for (;;) {
		struct aduan_event ev = event(2, "done", NULL, 0), got;
		struct aduan_err err;
		struct aduan_log *l;
		int r;

		assert_int_equal(stat(path, &sb), 0);
		before = slurp(path, &n);
		for (size = (rlim_t)sb.st_size; size < (rlim_t)sb.st_size + 200;
		    size += 7) {
			lim = old;
			lim.rlim_cur = size;
			l = log_open(st, id, ADUAN_WRITE, NULL, &err);
			assert_non_null(l);
			while (log_next(l, &got, &err) == 1)
				;
			assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
			r = log_append(l, &ev, 1, 1772000300, WIB, &err);
			assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
			log_close(l);
			after = slurp(path, &m);
			if (r == -1) {
				assert_int_equal(err.cat, ADUAN_E_IO);
				assert_int_equal(m, n);
				assert_memory_equal(after, before, n);
				free(after);
				continue;
			}
			assert_true(m > n);
			assert_memory_equal(after, before, n);
			free(after);
			break;
		}
		free(before);
		break;
	}
	aduan_store_close(st);
}

/*
 * In a mount namespace of its own (root, or an unprivileged user
 * namespace): an append to a full 64 KiB tmpfs, and to a file system
 * made read-only, fails with an I/O error and leaves the log as it was;
 * the next append works once there is room again.
 */
static int
full_and_readonly(void)
{
	char d[] = "/tmp/aduan-test-fs.XXXXXX", id[ADUAN_ID_MAX + 1];
	char path[128], *before, *after, big[6001];
	struct aduan_kv kv[] = { { "isi", big } };
	struct aduan_event ev = event(2, "done", kv, 1), got;
	struct aduan_store *st;
	struct aduan_err err;
	struct aduan_log *l;
	size_t n, m;
	int fd, r;

	/* Larger than a page, so that it needs room the disk lacks. */
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	if (mkdtemp(d) == NULL ||
	    mount("tmpfs", d, "tmpfs", 0, "size=64k") == -1)
		return 77;
	st = aduan_store_open(d, 1, 2, &err);
	new_case(st, id, "isi");
	snprintf(path, sizeof(path), "%s/filler", d);
	fd = open(path, O_WRONLY | O_CREAT, 0600);
	while (write(fd, "xxxxxxxxxxxxxxxx", 16) == 16)
		;
	close(fd);
	snprintf(path, sizeof(path), "%s/open/%s.log", d, id);
	before = slurp(path, &n);
	l = log_open(st, id, ADUAN_WRITE, NULL, &err);
	while (log_next(l, &got, &err) == 1)
		;
	r = log_append(l, &ev, 1, 1772000300, WIB, &err);
	log_close(l);
	after = slurp(path, &m);
	if (r != -1 || err.cat != ADUAN_E_IO || m != n ||
	    memcmp(before, after, n) != 0 || strstr(err.msg, "space") == NULL)
		return 1;
	free(after);
	snprintf(path, sizeof(path), "%s/filler", d);
	unlink(path);
	append_one(st, id, 2);
	if (mount("none", d, "tmpfs", MS_REMOUNT | MS_RDONLY, NULL) == -1)
		return 77;
	if (log_open(st, id, ADUAN_WRITE, NULL, &err) != NULL ||
	    err.cat != ADUAN_E_IO || strstr(err.msg, "Read-only") == NULL)
		return 2;
	free(before);
	aduan_store_close(st);
	return 0;
}

static void
test_append_on_a_full_or_read_only_filesystem_fails_clearly(void **state)
{
	unsigned char result = 77;
	int status, fds[2];
	pid_t pid;

	(void)state;
	assert_int_equal(pipe(fds), 0);
	/*
	 * The answer comes through a pipe, not the exit status, which a
	 * memory checker may take over in a child that exits early.
	 */
	if ((pid = fork()) == 0) {
		close(fds[0]);
		if ((geteuid() == 0 || unshare(CLONE_NEWUSER) == 0) &&
		    unshare(CLONE_NEWNS) == 0 &&
		    mount("none", "/", "none", MS_REC | MS_PRIVATE, NULL) == 0)
			result = (unsigned char)full_and_readonly();
		if (write(fds[1], &result, 1) != 1)
			_exit(1);
		_exit(0);
	}
	close(fds[1]);
	assert_int_equal(read(fds[0], &result, 1), 1);
	close(fds[0]);
	assert_true(waitpid(pid, &status, 0) == pid);
	if (result == 77)
		skip();
	assert_int_equal(result, 0);
}

/* Every single bit flipped anywhere in a real log is caught by verify. */
static void
test_verify_catches_every_flipped_bit(void **state)
{
	struct aduan_store *st = store();
	char id[ADUAN_ID_MAX + 1], path[400], *full;
	struct aduan_verdict v;
	struct aduan_err err;
	size_t n, i;
	int bit, fd, missed = 0;

	(void)state;
	new_case(st, id, "isi\tdengan tab");
	append_one(st, id, 2);
	append_one(st, id, 3);
	snprintf(path, sizeof(path), "%s/open/%s.log", dir, id);
	full = slurp(path, &n);
	assert_int_equal(aduan_verify(st, NULL, NULL, NULL, id, &v, &err),
	    0);
	assert_int_equal(v.fault, ADUAN_OK);
	assert_int_equal(v.events, 3);
	for (i = 0; i < n; i++)
		for (bit = 0; bit < 8; bit++) {
			full[i] ^= (char)(1 << bit);
			fd = open(path, O_WRONLY | O_TRUNC);
			assert_true(write(fd, full, n) == (ssize_t)n);
			close(fd);
			full[i] ^= (char)(1 << bit);
			if (aduan_verify(st, NULL, NULL, NULL, id, &v, &err) == -1 ||
			    v.fault == ADUAN_OK)
				missed++;
		}
	assert_int_equal(missed, 0);
	free(full);
	aduan_store_close(st);
}

/* Files in open/ whose name is not a case log (debris of a failed new). */
static int
debris(void)
{
	char cmd[400];
	FILE *f;
	int n = -1;

	snprintf(cmd, sizeof(cmd), "ls -A %s/open | grep -vc '^[0-9]*-[0-9]*"
	    "\\.log$'", dir);
	f = popen(cmd, "r");
	if (f == NULL || fscanf(f, "%d", &n) != 1)
		n = -1;
	if (f != NULL)
		pclose(f);
	return n;
}

/*
 * The seam fails the 1st, 2nd, ... I/O call of an append and of a new case
 * until the operation goes through: after each failure the log holds the
 * event wholly or not at all, the lock is free at once, no ID is given
 * twice and nothing is left behind.
 */
static void
test_fault_at_every_io_call_of_append_and_new(void **state)
{
	struct aduan_store *st = store(), *now_store;
	char id[ADUAN_ID_MAX + 1], path[400], *before, *after;
	struct aduan_event ev = event(2, "done", NULL, 0), got;
	struct aduan_verdict v;
	struct aduan_err err;
	struct aduan_log *l;
	size_t n, m;
	long call;
	int r;

	(void)state;
	new_case(st, id, "isi");
	now_store = aduan_store_open(dir, 0, 0, &err);
	snprintf(path, sizeof(path), "%s/open/%s.log", dir, id);
	for (call = 1;; call++) {
		before = slurp(path, &n);
		l = log_open(now_store, id, ADUAN_WRITE, NULL, &err);
		assert_non_null(l);	/* no stale lock: no wait at all */
		log_close(l);
		l = log_open(st, id, ADUAN_WRITE, NULL, &err);
		assert_non_null(l);
		while (log_next(l, &got, &err) == 1)
			;
		store_fault(st, call, EIO);
		r = log_append(l, &ev, 1, 1772000300, WIB, &err);
		store_fault(st, 0, 0);
		log_close(l);
		after = slurp(path, &m);
		assert_int_equal(aduan_verify(st, NULL, NULL, NULL, id, &v, &err),
	    0);
		assert_int_equal(v.fault, ADUAN_OK);
		assert_memory_equal(before, after, n);
		free(before);
		free(after);
		if (r == 0)
			break;
		assert_int_equal(err.cat, ADUAN_E_IO);
	}
	assert_true(call >= 3);		/* write, fsync, then through */
	for (call = 1;; call++) {
		struct aduan_event first = event(1, "done", NULL, 0);
		char nid[ADUAN_ID_MAX + 1], want[32];

		store_fault(st, call, EIO);
		r = log_create(st, 2026, "N", "R", &first, 1, 1772000000,
		    WIB, nid, &err);
		store_fault(st, 0, 0);
		assert_int_equal(debris(), 0);
		if (r == 0) {
			long k, last = strtol(nid + 5, NULL, 10);

			/*
			 * A failure after the link (the directory's fsync)
			 * leaves a whole case that was not confirmed; every
			 * number up to the last is a whole case, none twice.
			 */
			for (k = 1; k <= last; k++) {
				snprintf(want, sizeof(want), "2026-%04ld", k);
				assert_int_equal(aduan_verify(st, NULL, NULL,
				    NULL, want, &v, &err), 0);
				assert_int_equal(v.fault, ADUAN_OK);
			}
			break;
		}
	}
	assert_true(call >= 4);
	aduan_store_close(now_store);
	aduan_store_close(st);
}

/* The same, with the process killed at each call instead. */
static void
test_kill_at_every_io_call_of_append(void **state)
{
	struct aduan_store *st = store(), *quick;
	char id[ADUAN_ID_MAX + 1];
	struct aduan_verdict v;
	struct aduan_err err;
	long call;
	int status, events = 1;
	pid_t pid;

	(void)state;
	new_case(st, id, "isi");
	quick = aduan_store_open(dir, 0, 0, &err);
	for (call = 1; call < 20; call++) {
		if ((pid = fork()) == 0) {
			store_fault(st, call, 0);
			append_one(st, id, 2);
			_exit(0);
		}
		assert_true(waitpid(pid, &status, 0) == pid);
		assert_int_equal(aduan_verify(st, NULL, NULL, NULL, id, &v, &err),
	    0);
		assert_int_equal(v.fault, ADUAN_OK);
		if (WIFEXITED(status)) {
			assert_int_equal(v.events, events + 1);
			break;
		}
		assert_int_equal(WTERMSIG(status), SIGKILL);
		/* Killed before or after its write: whole, or absent. */
		assert_true(v.events == events || v.events == events + 1);
		events = (int)v.events;
		append_one(quick, id, 2);	/* the lock died with its holder */
		events++;
	}
	assert_true(call > 1);
	aduan_store_close(quick);
	aduan_store_close(st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_refuses_controls_and_bad_utf8),
		cmocka_unit_test(test_id_check_table),
		cmocka_unit_test(test_time_parse_forms),
		cmocka_unit_test_setup_teardown(
		    test_create_gives_contiguous_ids_and_a_verifying_log,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_every_field_round_trips_through_escaping, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_torn_tail_at_every_offset_is_detected_and_sealed,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_torn_seal_after_a_torn_tail_is_sealed_too, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_altered_line_in_the_middle_is_corruption_with_its_line,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_log_copied_over_another_case_is_caught, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_verify_catches_every_flipped_bit, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_fault_at_every_io_call_of_append_and_new, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_kill_at_every_io_call_of_append, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_symlinked_and_hardlinked_logs_are_refused, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_append_under_file_size_limits_is_whole_or_nothing,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_append_on_a_full_or_read_only_filesystem_fails_clearly,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
