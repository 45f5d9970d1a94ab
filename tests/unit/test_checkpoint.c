/*
 * test_checkpoint.c - the witness outside the logs: a checkpoint notes the
 * head of each case whose log changed, and only those; verify against it
 * sees a log cut after a good line, one rewritten whole with a fresh
 * chain, and one removed; an altered checkpoint is itself refused; the
 * cron run's snapshots, and its reading from the last one; the heads
 * sorted in runs on a temporary file, handed out as verify asks.
 */
#include <sys/stat.h>

#include <errno.h>
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

/*
 * The snapshot's heads wait in a file of their own: with none to be had,
 * the run notes what changed and writes no snapshot; the next run that
 * has one writes it, and the cron run then reads from it.
 */
static void
test_checkpoint_a_snapshot_waits_for_a_file_to_spool_in(void **state)
{
	struct aduan_checkpoint *cp;
	struct aduan_err err;
	int i, n, bad;

	(void)state;
	three();
	assert_int_equal(cron_take(NULL), 3);
	aduan_tmpdir("/nonexistent");
	for (i = 0; i < 40; i++) {
		fix("2026-0001", i);
		fix("2026-0002", i);
		assert_int_equal(cron_take(NULL), 2);
	}
	assert_int_equal(lines_with("\tsnapshot\t"), 0);
	aduan_tmpdir(NULL);
	fix("2026-0003", 0);
	assert_int_equal(cron_take(NULL), 1);
	assert_int_equal(lines_with("\tsnapshot\t3\t"), 1);
	/* Its heads, as noted: each open case's last. */
	assert_int_equal(lines_with("\t2026-0003\t"), 3);
	assert_non_null(cp = aduan_checkpoint_open(store, &err));
	assert_int_equal(aduan_verify_all(store, NULL, cp, NULL, &n, &bad,
	    &err), 0);
	aduan_checkpoint_close(cp);
	assert_int_equal(n, 3);
	assert_int_equal(bad, 0);
	assert_int_equal(verdict("2026-0001"), ADUAN_OK);
}

/* The hash of a test head: its number and its round, as hex. */
static void
head_hash(char out[65], int num, int round)
{
	snprintf(out, 65, "%056x%08x", (unsigned)num, (unsigned)round);
}

/*
 * NHEADS cases noted twice each (three runs of the file and a batch in
 * memory), in a scrambled order: asked in the order of the IDs, every
 * other one, each gives its later head; asked out of order, again or
 * never seen, the same; the ones never asked are the rest, in order.
 */
#define NHEADS 12000

static void
heads_as_verify_asks(void)
{
	struct heads *hs;
	const char *hash, *id;
	char want[65], cid[ADUAN_ID_MAX + 1];
	long events;
	long long size;
	size_t i, order = 0;
	int met, n, round, x, closed;

	assert_non_null(hs = heads_new(1));
	for (round = 0; round < 2; round++)
		for (i = 0; i < NHEADS; i++) {
			/* 1..NHEADS in a scrambled order (7919 is prime). */
			x = (int)((i * 7919 + (size_t)round * 5) % NHEADS);
			snprintf(cid, sizeof(cid), "2026-%04d", x + 1);
			head_hash(want, x + 1, round);
			assert_int_equal(heads_add(hs, cid, round * 100 + x % 50,
			    1000LL * round + x, round, want, (uint32_t)++order),
			    0);
		}
	assert_int_equal(heads_add(hs, "2026-0001", 1, 1, 0, "not hex", 99999), -2);
	assert_int_equal(heads_done(hs), 0);
	/* In order (9999 before 10000), the odd numbers. */
	for (n = 1; n <= NHEADS + 2; n += 2) {
		snprintf(cid, sizeof(cid), "2026-%04d", n);
		if (n > NHEADS) {
			assert_int_equal(heads_get(hs, cid, &events, NULL, NULL,
			    &hash), 0);
			continue;
		}
		assert_int_equal(heads_get(hs, cid, &events, &size, &closed,
		    &hash), 1);
		head_hash(want, n, 1);
		assert_string_equal(hash, want);
		assert_int_equal(events, 100 + (n - 1) % 50);
		assert_int_equal(size, 1000 + n - 1);
		assert_int_equal(closed, 1);
		/* Asked again: the same. */
		assert_int_equal(heads_get(hs, cid, &events, NULL, NULL,
		    &hash), 1);
		assert_string_equal(hash, want);
	}
	/* Out of order: one stepped over, then one given before. */
	assert_int_equal(heads_get(hs, "2026-0010", &events, NULL, NULL,
	    &hash), 1);
	head_hash(want, 10, 1);
	assert_string_equal(hash, want);
	assert_int_equal(heads_get(hs, "2026-0007", &events, NULL, NULL,
	    &hash), 1);
	head_hash(want, 7, 1);
	assert_string_equal(hash, want);
	assert_int_equal(heads_get(hs, "2025-0007", &events, NULL, NULL,
	    &hash), 0);
	assert_int_equal(heads_drain(hs), 0);
	/* Never asked: the even numbers, 2026-0010 asked out of order. */
	for (i = 0; (id = heads_at(hs, i, &met, &events)) != NULL; i++) {
		snprintf(cid, sizeof(cid), "2026-%04zu", 2 * (i + 1));
		assert_string_equal(id, cid);
		assert_int_equal(met, i == 4);
	}
	assert_int_equal(i, NHEADS / 2);
	/* After the drain, any is still found. */
	assert_int_equal(heads_get(hs, "2026-0003", &events, NULL, NULL,
	    &hash), 1);
	assert_int_equal(heads_get(hs, "2026-0004", &events, NULL, NULL,
	    &hash), 1);
	heads_free(hs);
	/* Kept none aside (a take's): asked back, found by bisection. */
	assert_non_null(hs = heads_new(0));
	head_hash(want, 1, 0);
	assert_int_equal(heads_add(hs, "2026-0001", 1, 1, 0, want, 1), 0);
	assert_int_equal(heads_done(hs), 0);
	assert_int_equal(heads_get(hs, "2026-0002", &events, NULL, NULL,
	    &hash), 0);
	assert_int_equal(heads_get(hs, "2026-0001", &events, NULL, NULL,
	    &hash), 1);
	assert_string_equal(hash, want);
	heads_free(hs);
}

static void
test_checkpoint_heads_sorted_in_runs_come_in_id_order(void **state)
{
	(void)state;
	heads_as_verify_asks();
	/* No temporary file to be had: the same, all in memory. */
	aduan_tmpdir("/nonexistent");
	heads_as_verify_asks();
	aduan_tmpdir(NULL);
}

/*
 * A checkpoint of more heads than a batch: 9000 of cases never filed
 * after the three real ones, then a head of 2026-0002 past its log's.
 * verify finds the real ones across the runs, the last line of each
 * winning, and names every other one missing.
 */
static void
test_checkpoint_verify_reads_a_witness_longer_than_a_batch(void **state)
{
	struct aduan_checkpoint *cp;
	struct aduan_err err;
	char path[128], line[512], last[65], body[256], hash[65], id[32];
	long events = 0;
	FILE *f;
	int i, n, bad;

	(void)state;
	three();
	assert_int_equal(take(), 3);
	snprintf(path, sizeof(path), "%s/checkpoint.log", dir);
	assert_non_null(f = fopen(path, "r+"));
	while (fgets(line, sizeof(line), f) != NULL) {
		memcpy(last, strrchr(line, '\t') + 1, 64);
		last[64] = '\0';
		if (strstr(line, "\t2026-0002\t") != NULL)
			events = atol(strstr(line, "\t2026-0002\t") + 11);
	}
	for (i = 0; i <= 9000; i++) {
		if (i < 9000)
			snprintf(id, sizeof(id), "2026-%04d", 1001 + i);
		else
			snprintf(id, sizeof(id), "2026-0002");
		snprintf(body, sizeof(body), "%d\t2026-03-02T09:00:00+07:00\t%s"
		    "\t%ld\t999\t%064d\topen", 4 + i, id, i < 9000 ? 1 :
		    events + 5, i);
		line_hash(last, body, strlen(body), hash);
		fprintf(f, "%s\t%s\n", body, hash);
		memcpy(last, hash, 65);
	}
	fclose(f);
	assert_non_null(cp = aduan_checkpoint_open(store, &err));
	assert_int_equal(aduan_verify_all(store, NULL, cp, NULL, &n, &bad,
	    &err), 0);
	aduan_checkpoint_close(cp);
	assert_int_equal(n, 3 + 9000);
	assert_int_equal(bad, 9000 + 1);
	assert_int_equal(verdict("2026-0001"), ADUAN_OK);
	assert_int_equal(verdict("2026-0002"), ADUAN_CUT);
	assert_int_equal(verdict("2026-1001"), ADUAN_MISSING);
}

/* The size of the checkpoint file. */
static long long
cp_size(void)
{
	char path[128];
	struct stat sb;

	snprintf(path, sizeof(path), "%s/checkpoint.log", dir);
	assert_int_equal(stat(path, &sb), 0);
	return (long long)sb.st_size;
}

/*
 * A take of more lines than it writes at a time: a write that fails past
 * the first chunk leaves the file as it was; taken again, whole.
 */
static void
test_checkpoint_a_take_written_in_chunks_is_whole_or_not_at_all(void **state)
{
	struct aduan_recorded out;
	struct aduan_checkpoint *cp;
	struct aduan_err err;
	long long before;
	int i, n, bad, added;

	(void)state;
	for (i = 0; i < 600; i++)
		assert_int_equal(rec("new", NULL, &out, &err, "pelapor=B",
		    "lurah=L", "perihal=P", "isi=I", NULL), 0);
	before = cp_size();
	/* The first chunk is written, the second fails. */
	store_fault(store, 2, EIO);
	assert_int_equal(aduan_checkpoint_take(store, 1, now, 25200, &added,
	    NULL, NULL, &err), -1);
	assert_int_equal(err.cat, ADUAN_E_IO);
	store_fault(store, 0, 0);
	assert_int_equal(cp_size(), before);
	assert_int_equal(take(), 600);
	assert_true(cp_size() - before > 65536);
	assert_non_null(cp = aduan_checkpoint_open(store, &err));
	assert_int_equal(aduan_verify_all(store, NULL, cp, NULL, &n, &bad,
	    &err), 0);
	aduan_checkpoint_close(cp);
	assert_int_equal(n, 600);
	assert_int_equal(bad, 0);
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
		T(test_checkpoint_a_snapshot_waits_for_a_file_to_spool_in),
		T(test_checkpoint_heads_sorted_in_runs_come_in_id_order),
		T(test_checkpoint_verify_reads_a_witness_longer_than_a_batch),
		T(test_checkpoint_a_take_written_in_chunks_is_whole_or_not_at_all),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
