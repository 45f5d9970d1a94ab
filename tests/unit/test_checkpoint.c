/*
 * test_checkpoint.c - the witness outside the logs: a checkpoint notes the
 * head of each case whose log changed, and only those; verify against it
 * sees a log cut after a good line, one rewritten whole with a fresh
 * chain, and one removed; an altered checkpoint is itself refused; the
 * cron run's snapshots, and its reading from the last one.
 */
#include <sys/stat.h>

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
#include "fixture.h"

/* Three cases, the first two assigned; their IDs 2026-0001..3. */
static void
three(void)
{
	struct aduan_recorded out;
	struct aduan_err err;
	int i;

	for (i = 0; i < 3; i++)
		assert_int_equal(rec("new", NULL, &out, &err, "pelapor=B",
		    "lurah=L", "perihal=P", "isi=I", NULL), 0);
	assert_int_equal(rec("assign", "2026-0001", &out, &err, "kepada=A",
	    NULL), 0);
	assert_int_equal(rec("assign", "2026-0002", &out, &err, "kepada=A",
	    NULL), 0);
}

static int
take(void)
{
	struct aduan_err err;
	int added;

	assert_int_equal(aduan_checkpoint_take(store, 1, now, 25200, &added,
	    NULL, NULL, &err), 0);
	return added;
}

static enum aduan_fault
verdict(const char *id)
{
	struct aduan_checkpoint *cp;
	struct aduan_verdict v;
	struct aduan_err err;

	assert_non_null(cp = aduan_checkpoint_open(store, &err));
	assert_int_equal(aduan_verify(store, NULL, cp, NULL, id, &v, &err), 0);
	aduan_checkpoint_close(cp);
	return v.fault;
}

/* Run a shell command on the data directory. */
static void
sh(const char *fmt, const char *arg)
{
	char cmd[512], body[256];

	snprintf(body, sizeof(body), fmt, arg);
	snprintf(cmd, sizeof(cmd), "cd %s && %s", dir, body);
	assert_int_equal(system(cmd), 0);
}

static void
test_checkpoint_notes_only_the_logs_that_changed(void **state)
{
	struct aduan_recorded out;
	struct aduan_err err;

	(void)state;
	three();
	assert_int_equal(take(), 3);
	assert_int_equal(take(), 0);
	assert_int_equal(rec("panggil", "2026-0001", &out, &err, "pihak=X",
	    "jadwal=2026-03-02 10:00", NULL), 0);
	assert_int_equal(take(), 1);
	assert_int_equal(verdict("2026-0001"), ADUAN_OK);
}

static void
test_checkpoint_sees_a_log_cut_after_a_good_line(void **state)
{
	(void)state;
	three();
	assert_int_equal(take(), 3);
	/* The last event cut off: the chain still holds to the line before. */
	sh("sed -i '$d' open/%s.log", "2026-0001");
	assert_int_equal(verdict("2026-0001"), ADUAN_CUT);
	assert_int_equal(verdict("2026-0002"), ADUAN_OK);
}

static void
test_checkpoint_sees_a_log_rewritten_with_a_fresh_chain(void **state)
{
	(void)state;
	three();
	assert_int_equal(take(), 3);
	struct aduan_store *real = store;
	struct aduan_recorded out;
	struct aduan_err err;
	char other[80], cmd[256];

	/*
	 * The same case written anew elsewhere, as an insider with the
	 * format in hand would: a whole, valid chain of as many events.
	 */
	snprintf(other, sizeof(other), "%s/other", dir);
	assert_non_null(store = aduan_store_open(other, 1, 2, &err));
	assert_int_equal(rec("new", NULL, &out, &err, "pelapor=Lain",
	    "lurah=L", "perihal=P", "isi=I", NULL), 0);
	assert_int_equal(rec("assign", out.id, &out, &err, "kepada=B", NULL),
	    0);
	aduan_store_close(store);
	store = real;
	snprintf(cmd, sizeof(cmd), "cat %s/open/2026-0001.log > "
	    "%s/open/2026-0001.log", other, dir);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(aduan_verify(store, NULL, NULL, NULL, "2026-0001",
	    &(struct aduan_verdict){ 0 }, &err), 0);
	assert_int_equal(verdict("2026-0001"), ADUAN_REWRITTEN);
}

struct missing {
	int n;
	long expect;
};

static void
gone(const char *id, const struct aduan_verdict *v, void *arg)
{
	struct missing *m = arg;

	assert_string_equal(id, "2026-0003");
	assert_int_equal(v->fault, ADUAN_MISSING);
	m->n++;
	m->expect = v->expect;
}

static void
test_checkpoint_sees_a_log_removed(void **state)
{
	struct aduan_checkpoint *cp;
	struct missing m = { 0, 0 };
	struct aduan_err err;

	(void)state;
	three();
	assert_int_equal(take(), 3);
	sh("rm open/%s.log", "2026-0003");
	assert_non_null(cp = aduan_checkpoint_open(store, &err));
	assert_int_equal(aduan_verify_missing(store, cp, NULL, gone, &m, &err), 0);
	aduan_checkpoint_close(cp);
	assert_int_equal(m.n, 1);
	assert_int_equal(m.expect, 1);
	assert_int_equal(verdict("2026-0003"), ADUAN_MISSING);
}

static void
test_checkpoint_altered_is_refused_as_corrupt(void **state)
{
	struct aduan_err err;

	(void)state;
	three();
	assert_int_equal(take(), 3);
	sh("sed -i '2s/\\t3\\t/\\t2\\t/' %s", "checkpoint.log");
	assert_null(aduan_checkpoint_open(store, &err));
	assert_int_equal(err.cat, ADUAN_E_CORRUPT);
}

static void
counted(const struct aduan_err *e, void *arg)
{
	(void)e;
	(*(int *)arg)++;
}

/* A correction of step 1's pelapor of case id: one more event. */
static void
fix(const char *id, int i)
{
	struct aduan_recorded out;
	struct aduan_request req;
	struct aduan_err err;
	struct aduan_kv kv;
	char v[32];

	snprintf(v, sizeof(v), "B%d", i);
	kv.key = "pelapor";
	kv.val = v;
	memset(&req, 0, sizeof(req));
	req.command = "koreksi";
	req.id = id;
	req.opts = &kv;
	req.nopts = 1;
	req.correct = "salah ketik";
	req.by = "Siti";
	req.now = now;
	assert_int_equal(aduan_record(store, sop, &req, &out, &err), 0);
}

static int
cron_take(int *skipped)
{
	struct aduan_err err;
	int added;

	return aduan_checkpoint_take(store, 0, now, 25200, &added,
	    skipped ? counted : NULL, skipped, &err) == -1 ? -1 : added;
}

/* Lines of the checkpoint that hold text. */
static int
lines_with(const char *text)
{
	char path[128], line[512];
	FILE *f;
	int n = 0;

	snprintf(path, sizeof(path), "%s/checkpoint.log", dir);
	assert_non_null(f = fopen(path, "r"));
	while (fgets(line, sizeof(line), f) != NULL)
		n += strstr(line, text) != NULL;
	fclose(f);
	return n;
}

static void
test_checkpoint_cron_run_snapshots_and_reads_from_the_last(void **state)
{
	struct aduan_checkpoint *cp;
	struct aduan_err err;
	int i, skipped = 0;

	(void)state;
	three();
	assert_int_equal(cron_take(NULL), 3);
	/* Two lines a round: past 2 x 3 open + 64 lines, one snapshot. */
	for (i = 0; i < 40; i++) {
		fix("2026-0001", i);
		fix("2026-0002", i);
		assert_int_equal(cron_take(NULL), 2);
		assert_int_equal(lines_with("\tsnapshot\t3\t"), 3 + 2 * i +
		    2 > 70 ? 1 : 0);
	}
	/* The snapshot's lines: a head for each open case. */
	assert_int_equal(lines_with("\t2026-0003\t"), 2);
	/* Never laundered across it: a log cut is named, not noted. */
	sh("sed -i '$d' open/%s.log", "2026-0003");
	assert_int_equal(cron_take(&skipped), 0);
	assert_int_equal(skipped, 1);
	assert_int_equal(verdict("2026-0003"), ADUAN_CUT);
	/*
	 * The cron run reads from the snapshot on: a line before it, made
	 * unreadable, stops the whole reading (verify's) but not the cron
	 * run's.
	 */
	sh("sed -i '2s/\t2026-0001\t/\tx\t/' %s", "checkpoint.log");
	assert_null(cp = aduan_checkpoint_open(store, &err));
	assert_int_equal(err.cat, ADUAN_E_CORRUPT);
	fix("2026-0001", 99);
	assert_int_equal(cron_take(NULL), 1);
	/* A snapshot whose heads are not all there is refused. */
	sh("printf '999\\t2026-03-02T09:00:00+07:00\\tsnapshot\\t2\\t%s\\n' "
	    ">> checkpoint.log", "0123456789abcdef0123456789abcdef"
	    "0123456789abcdef0123456789abcdef");
	assert_int_equal(cron_take(NULL), -1);
	/* Named by its place from the snapshot, where the reading began. */
	assert_int_equal(aduan_checkpoint_take(store, 0, now, 25200, &i, NULL,
	    NULL, &err), -1);
	assert_non_null(strstr(err.msg, "from its last snapshot"));
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_checkpoint_notes_only_the_logs_that_changed),
		T(test_checkpoint_sees_a_log_cut_after_a_good_line),
		T(test_checkpoint_sees_a_log_rewritten_with_a_fresh_chain),
		T(test_checkpoint_sees_a_log_removed),
		T(test_checkpoint_altered_is_refused_as_corrupt),
		T(test_checkpoint_cron_run_snapshots_and_reads_from_the_last),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
